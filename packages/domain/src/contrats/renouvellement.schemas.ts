import { z } from 'zod';
import { ZElementBase, ZRisque } from './contrats.schemas.js';

const ZSuccesseurId = z.uuid({ error: 'Choisissez le contrat successeur.' });
const ZApres = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_-]+$/, 'Clé de page invalide.')
  .optional();

/** The successor to preview; `apres` pages the collectivités (20 at a time). */
export const ZRenouvellementQuery = z.object({ successeurId: ZSuccesseurId, apres: ZApres });
export type TRenouvellementQuery = z.infer<typeof ZRenouvellementQuery>;

/** Which sinistres of the split: those A keeps, those moving to B, those blocking the switch. */
export const RENOUVELLEMENT_SENS = ['restent', 'basculent', 'bloquants'] as const;
export const ZRenouvellementSens = z.enum(RENOUVELLEMENT_SENS, { error: 'Liste inconnue.' });
export type TRenouvellementSens = z.infer<typeof ZRenouvellementSens>;

export const ZRenouvellementSinistresQuery = z.object({
  successeurId: ZSuccesseurId,
  sens: ZRenouvellementSens,
  collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }).optional(),
  apres: ZApres,
});
export type TRenouvellementSinistresQuery = z.infer<typeof ZRenouvellementSinistresQuery>;

export const ZRenouvellementInput = z.object({ successeurId: ZSuccesseurId });

const ZContratResume = z.object({
  id: z.uuid(),
  numero: z.string(),
  libelle: z.string(),
  dateEffet: z.string(),
  dateFin: z.string().nullable(),
});

export const ZRenouvellementTotaux = z.object({
  collectivites: z.number().int(),
  /** Adhesions to B the switch creates (the others already exist). */
  adhesionsACreer: z.number().int(),
  /** Open chains started before the switch: A keeps them. */
  restent: z.number().int(),
  /** Sinistres whose chain starts on or after the switch: they move to B. */
  basculent: z.number().int(),
  /** Sinistres and collectivités that prevent the switch. */
  bloquants: z.number().int(),
});

export const ZRenouvellementCollectivite = z.object({
  collectiviteId: z.uuid(),
  nom: z.string(),
  /** The adhesion to A. */
  dateAdhesion: z.string(),
  /** The adhesion to B when it exists already (null: the switch creates it on B's effective date). */
  adhesionSuccesseur: z.string().nullable(),
  restent: z.number().int(),
  basculent: z.number().int(),
  /** Moving sinistres that block the switch. */
  bloquants: z.number().int(),
  /** Base elements the collectivité insures on A that B does not insure: the options differ. */
  optionsNonAssurees: z.array(ZElementBase),
});
export type TRenouvellementCollectivite = z.infer<typeof ZRenouvellementCollectivite>;

export const ZRenouvellementApercu = z.object({
  contrat: ZContratResume,
  successeur: ZContratResume,
  /** B's effective date: a chain starting on or after it belongs to B. */
  dateBascule: z.string(),
  /** A's end after the switch (B's eve). */
  finAncien: z.string(),
  /** Whether the switch brings A's end forward (or sets it). */
  finAvancee: z.boolean(),
  /** The switch to this successor was made already: running it again changes nothing more. */
  effectue: z.boolean(),
  totaux: ZRenouvellementTotaux,
  collectivites: z.array(ZRenouvellementCollectivite),
  /** Opaque: pass it as `apres` for the next page of collectivités; null on the last. */
  suivant: z.string().nullable(),
});
export type TRenouvellementApercu = z.infer<typeof ZRenouvellementApercu>;

export const ZRenouvellementSinistre = z.object({
  id: z.uuid(),
  numero: z.string(),
  collectiviteId: z.uuid(),
  collectivite: z.string(),
  agent: z.string(),
  categorie: ZRisque,
  dateSurvenance: z.string(),
  /** The first day of its arrêt chain (its first arrêt; the survenance before any arrêt). */
  debutChaine: z.string(),
  /** No arrêt yet: the chain start is the survenance, to be checked once the arrêt comes. */
  sansArret: z.boolean(),
  statut: z.string(),
  /** Why it blocks the switch (empty: it does not). */
  problemes: z.array(z.string()),
});
export type TRenouvellementSinistre = z.infer<typeof ZRenouvellementSinistre>;

export const ZRenouvellementSinistresPage = z.object({
  items: z.array(ZRenouvellementSinistre),
  suivant: z.string().nullable(),
});
export type TRenouvellementSinistresPage = z.infer<typeof ZRenouvellementSinistresPage>;

export const ZRenouvellementResultat = z.object({
  contratId: z.uuid(),
  successeurId: z.uuid(),
  dateBascule: z.string(),
  finAncien: z.string(),
  adhesionsCreees: z.number().int(),
  sinistresBascules: z.number().int(),
  /** Nothing was left to do: the switch had been made already. */
  dejaEffectue: z.boolean(),
});
export type TRenouvellementResultat = z.infer<typeof ZRenouvellementResultat>;
