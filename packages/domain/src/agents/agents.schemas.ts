import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';
import { ZRegime } from '../contrats/contrats.schemas.js';

export const STATUTS = ['titulaire', 'stagiaire', 'contractuel'] as const;
export const ZStatut = z.enum(STATUTS, { error: 'Choisissez le statut : titulaire, stagiaire ou contractuel.' });
export type TStatut = z.infer<typeof ZStatut>;
export const statutLabels: Record<TStatut, string> = { titulaire: 'Titulaire', stagiaire: 'Stagiaire', contractuel: 'Contractuel' };

export const TEMPS_TRAVAIL = ['complet', 'non_complet'] as const;
export const ZTempsTravail = z.enum(TEMPS_TRAVAIL);
export type TTempsTravail = z.infer<typeof ZTempsTravail>;

/** CNRACL affiliation needs at least 28 hours a week (domain §3). */
export const CNRACL_MIN_HOURS = 28;
export const FULL_TIME_HOURS = 35;

export const ZAgent = z.object({
  id: z.uuid(),
  nir: z.string(),
  nirCle: z.string().nullable(),
  nirTemporaire: z.boolean(),
  nom: z.string(),
  nomUsage: z.string().nullable(),
  prenom: z.string(),
  dateNaissance: z.string().nullable(),
  sexe: z.enum(['M', 'F']).nullable(),
  regime: ZRegime,
  statut: ZStatut,
  dateEntree: z.string(),
  emploi: z.string().nullable(),
  grade: z.string().nullable(),
  tempsTravail: ZTempsTravail.nullable(),
  /** Weekly hours in hundredths (17 h 30 → 1750), for non complet. */
  heuresHebdo: z.number().nullable(),
  service: z.string().nullable(),
  dateDepart: z.string().nullable(),
  /** Imported from the roster without birth date or employment: cannot receive a sinistre yet. */
  incomplet: z.boolean(),
});
export type TAgent = z.infer<typeof ZAgent>;

export const ZAgentListQuery = zListQuery(['nom', 'dateEntree', 'nir']).extend({
  q: z.string().trim().max(100).optional(),
  regime: ZRegime.optional(),
  statut: ZStatut.optional(),
  presence: z.enum(['present', 'parti']).optional(),
  incomplet: z.enum(['oui', 'non']).optional(),
});
export const ZAgentPage = zPage(ZAgent);
