import { z } from 'zod';
import { ZRisque } from '../contrats/contrats.schemas.js';
import { CORBEILLE_DRAPEAUX, CORBEILLE_TYPES } from './corbeille.rules.js';

export const ZCorbeilleType = z.enum(CORBEILLE_TYPES, { error: 'Motif d’attente inconnu.' });
export const ZCorbeilleDrapeau = z.enum(CORBEILLE_DRAPEAUX, { error: 'Indicateur inconnu.' });

/** « moi », « personne », or a gestionnaire's id. */
export const ZCorbeilleAttribution = z.union([z.enum(['moi', 'personne']), z.uuid({ error: 'Gestionnaire inconnu.' })]);

/** The queue's filters; `apres` is the opaque key of the last line of the previous page. */
export const ZCorbeilleFiltres = z.object({
  type: ZCorbeilleType.optional(),
  collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }).optional(),
  attribution: ZCorbeilleAttribution.optional(),
  drapeau: ZCorbeilleDrapeau.optional(),
  /** Only the files the organisation's sampling rules mark « à contrôler ». */
  aControler: z.enum(['oui']).optional(),
  /** Only the collectivités of the gestionnaire's portfolio. */
  portefeuille: z.enum(['oui']).optional(),
});
export type TCorbeilleFiltres = z.infer<typeof ZCorbeilleFiltres>;

export const ZCorbeilleQuery = ZCorbeilleFiltres.extend({
  apres: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'Clé de page invalide.')
    .optional(),
});
export type TCorbeilleQuery = z.infer<typeof ZCorbeilleQuery>;

export const ZCorbeilleLigne = z.object({
  sinistreId: z.uuid(),
  /** « 2026-000123 ». */
  numero: z.string(),
  collectivite: z.object({ id: z.uuid(), nom: z.string() }),
  agent: z.object({ nom: z.string(), prenom: z.string(), nirMasque: z.string() }),
  categorie: ZRisque,
  dateSurvenance: z.string(),
  /** Why the file waits, at least one. */
  types: z.array(ZCorbeilleType),
  /** ISO timestamp: the oldest waiting reason. */
  enAttenteDepuis: z.string(),
  /** The next deadline (pieces, imputability decision), ISO date. */
  echeance: z.string().nullable(),
  /** Days left until it, negative once passed. */
  joursRestants: z.number().int().nullable(),
  gestionnaire: z.object({ id: z.uuid(), nom: z.string() }).nullable(),
  drapeaux: z.array(ZCorbeilleDrapeau),
  aControler: z.boolean(),
});
export type TCorbeilleLigne = z.infer<typeof ZCorbeilleLigne>;

export const ZCorbeillePage = z.object({
  items: z.array(ZCorbeilleLigne),
  /** The key to ask for the next page with, null on the last one. */
  suivant: z.string().nullable(),
});
export type TCorbeillePage = z.infer<typeof ZCorbeillePage>;

/** Waiting files per kind, for the menu (a file waiting for two reasons counts in both). */
export const ZCorbeilleCompteurs = z.object({
  total: z.number().int(),
  mesDossiers: z.number().int(),
  parType: z.record(ZCorbeilleType, z.number().int()),
});
export type TCorbeilleCompteurs = z.infer<typeof ZCorbeilleCompteurs>;

export const ZAttributionInput = z.object({
  sinistreIds: z
    .array(z.uuid({ error: 'Sinistre inconnu.' }))
    .min(1, 'Choisissez au moins un dossier.')
    .max(100, 'Au plus 100 dossiers à la fois.'),
  /** The gestionnaire to assign; null takes the files back to nobody. Omitted: « M'attribuer ». */
  gestionnaireId: z.uuid({ error: 'Gestionnaire inconnu.' }).nullable().optional(),
});
export type TAttributionInput = z.infer<typeof ZAttributionInput>;

export const ZAttributionResult = z.object({ attribues: z.number().int() });

export const ZExamenInput = z.object({ sinistreId: z.uuid({ error: 'Sinistre inconnu.' }) });

export const ZGestionnaire = z.object({ id: z.uuid(), nom: z.string() });
export const ZGestionnaires = z.array(ZGestionnaire);

export const ZPortefeuille = z.object({
  gestionnaireId: z.uuid(),
  collectivites: z.array(z.object({ id: z.uuid(), nom: z.string() })),
});
export const ZPortefeuilleInput = z.object({
  /** Omitted: one's own portfolio. */
  gestionnaireId: z.uuid({ error: 'Gestionnaire inconnu.' }).optional(),
  collectiviteIds: z.array(z.uuid({ error: 'Collectivité inconnue.' })).max(5000),
});

export const ZFiltreInput = z.object({
  nom: z.string().trim().min(1, 'Nommez le filtre.').max(80, 'Au plus 80 caractères.'),
  criteres: ZCorbeilleFiltres.partial(),
});
export const ZFiltre = z.object({
  id: z.uuid(),
  nom: z.string(),
  criteres: z.record(z.string(), z.unknown()),
});
export const ZFiltres = z.array(ZFiltre);

export const ZEchantillonnage = z.object({
  pourcentage: z.number().int().min(0, 'Entre 0 et 100 %.').max(100, 'Entre 0 et 100 %.'),
  /** Cents; null: no threshold. */
  seuilMontant: z.number().int().min(0).nullable(),
});
export type TEchantillonnage = z.infer<typeof ZEchantillonnage>;
