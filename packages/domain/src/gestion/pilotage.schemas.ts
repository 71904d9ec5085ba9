import { z } from 'zod';
import { ZCollectiviteType } from '../collectivites/collectivites.schemas.js';
import { FRANCHISE_UNITES, ZRegime, ZRisque } from '../contrats/contrats.schemas.js';

/** Years a CDG looks at: contracts of the 2020s and the next renegotiation. */
export const PILOTAGE_ANNEE_MIN = 2000;
export const PILOTAGE_ANNEE_MAX = 2100;

/**
 * Which bases the list keeps: a collectivité with at least one contract of the year without its
 * prévisionnelle (or réelle) base, or one whose bases of the year are all there.
 */
export const PILOTAGE_FILTRES_BASE = ['previsionnelle_manquante', 'reelle_manquante', 'completes'] as const;

/** The back office's « Pilotage du contrat groupe »: its collectivités, 20 per page, by name. */
export const ZPilotageQuery = z.object({
  /** The year of the bases shown; the current year in France when omitted. */
  annee: z.coerce
    .number({ error: 'Année : nombre attendu.' })
    .int('Année : nombre entier attendu.')
    .min(PILOTAGE_ANNEE_MIN, `Année : ${PILOTAGE_ANNEE_MIN} au plus tôt.`)
    .max(PILOTAGE_ANNEE_MAX, `Année : ${PILOTAGE_ANNEE_MAX} au plus tard.`)
    .optional(),
  /** Part of the collectivité's name, without case nor accents. */
  q: z.string().trim().max(100, 'Recherche : 100 caractères au plus.').optional(),
  contratId: z.uuid({ error: 'Contrat inconnu.' }).optional(),
  base: z.enum(PILOTAGE_FILTRES_BASE, { error: 'Filtre des bases inconnu.' }).optional(),
  apres: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+$/, 'Clé de page invalide.')
    .optional(),
});
export type TPilotageQuery = z.infer<typeof ZPilotageQuery>;

const ZBaseResume = z.object({
  effectif: z.number().int(),
  /** Cents. */
  assiette: z.number().int(),
  /** Cents: the contribution the base gives at the rate of its declaration. */
  cotisation: z.number().int(),
  declareeLe: z.string(),
});

export const ZPilotageAdhesion = z.object({
  contrat: z.object({ id: z.uuid(), numero: z.string(), libelle: z.string(), regime: ZRegime }),
  /** The adhesion's effective date (1st of the month after the délibération). */
  dateAdhesion: z.string(),
  /** Thousandths of a percent: 8,600 % → 8600. */
  tauxCotisation: z.number().int(),
  /** Options of the contract the collectivité chose: covered risks with their franchise and rate. */
  garanties: z.array(
    z.object({
      risque: ZRisque,
      franchiseNombre: z.number().int(),
      franchiseUnite: z.enum(FRANCHISE_UNITES),
      remboursementPct: z.number().int(),
    }),
  ),
  /** The bases of the year asked for; null when not declared. */
  previsionnelle: ZBaseResume.nullable(),
  reelle: ZBaseResume.nullable(),
});
export type TPilotageAdhesion = z.infer<typeof ZPilotageAdhesion>;

export const ZPilotageLigne = z.object({
  id: z.uuid(),
  nom: z.string(),
  siret: z.string(),
  type: ZCollectiviteType,
  /** Agents on the roster today (no departure date passed). */
  effectif: z.number().int(),
  /** The contracts it adheres to that run during the year (for an insurer's staff: his contracts only). */
  adhesions: z.array(ZPilotageAdhesion),
  /** When its Administrateurs were reminded of the year's missing base, if they were. */
  relanceBaseLe: z.string().nullable(),
  /**
   * « Appels émis / payés » of the year: filled when the contribution calls exist (cotisations
   * module); null until then.
   */
  appels: z.object({ emis: z.number().int(), payes: z.number().int() }).nullable(),
});
export type TPilotageLigne = z.infer<typeof ZPilotageLigne>;

export const ZPilotagePage = z.object({
  annee: z.number().int(),
  items: z.array(ZPilotageLigne),
  /** Opaque: pass it as `apres` for the next page; null on the last. */
  suivant: z.string().nullable(),
});
export type TPilotagePage = z.infer<typeof ZPilotagePage>;
