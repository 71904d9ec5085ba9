import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import {
  ENCAISSEMENT_MODES,
  ENCAISSEMENT_SOURCES,
  RELEVE_IMPORT_STATUTS,
  STATUTS_RAPPROCHEMENT,
} from './encaissements.rules.js';

/** A payment entered by hand on a call by a gestionnaire: amount in cents, date, reference, mode. */
export const ZEncaissementInput = z.object({
  montant: z
    .number({ error: 'Montant : indiquez un montant.' })
    .int('Montant : en centimes.')
    .min(1, 'Montant : doit être positif.')
    .max(100_000_000_000, 'Montant : trop élevé.'),
  date: z
    .string({ error: 'Date de l’encaissement : date obligatoire.' })
    .refine(isIsoDate, 'Date de l’encaissement : date invalide (AAAA-MM-JJ).'),
  reference: z.string().trim().max(140, 'Référence : 140 caractères au plus.').default(''),
  mode: z.enum(ENCAISSEMENT_MODES, { error: 'Mode : virement, chèque, prélèvement ou autre.' }),
});
export type TEncaissementInput = z.input<typeof ZEncaissementInput>;

export const ZEncaissementOut = z.object({
  id: z.string(),
  montant: z.number().int(),
  date: z.string(),
  reference: z.string(),
  mode: z.enum(ENCAISSEMENT_MODES),
  source: z.enum(ENCAISSEMENT_SOURCES),
  releveImportId: z.string().nullable(),
  creeLe: z.string(),
});
export type TEncaissementOut = z.infer<typeof ZEncaissementOut>;

export const ZSituationEcheance = z.object({
  rang: z.number().int(),
  dateEcheance: z.string(),
  montant: z.number().int(),
  paye: z.number().int(),
  du: z.number().int(),
});

/** A call's payments and, per échéance, what is paid and what is still due. */
export const ZEncaissementsAppel = z.object({
  appelId: z.string(),
  numero: z.string(),
  total: z.number().int(),
  encaisse: z.number().int(),
  echeances: z.array(ZSituationEcheance),
  encaissements: z.array(ZEncaissementOut),
});
export type TEncaissementsAppel = z.infer<typeof ZEncaissementsAppel>;

/** One credit line of an imported statement and what the matcher made of it. */
export const ZReleveLigne = z.object({
  ligne: z.number().int(),
  date: z.string(),
  montant: z.number().int(),
  libelle: z.string(),
  emetteur: z.string().nullable(),
  statut: z.enum(STATUTS_RAPPROCHEMENT),
  /** The call numbers found in the line. */
  appels: z.array(z.string()),
  /** Cents given to the calls. */
  affecte: z.number().int(),
  excedent: z.number().int(),
  resteDu: z.number().int(),
  applique: z.boolean(),
});
export type TReleveLigne = z.infer<typeof ZReleveLigne>;

export const ZReleveImport = z.object({
  id: z.string(),
  nomFichier: z.string(),
  format: z.enum(['csv', 'camt053']),
  statut: z.enum(RELEVE_IMPORT_STATUTS),
  compteurs: z.object({
    rapproche: z.number().int(),
    partiel: z.number().int(),
    trop_percu: z.number().int(),
    inconnu: z.number().int(),
    doublon: z.number().int(),
    debits: z.number().int(),
  }),
  /** Cents recorded on the calls (once applied) or that would be (before). */
  montantAffecte: z.number().int(),
  creeLe: z.string(),
  appliqueLe: z.string().nullable(),
});
export type TReleveImport = z.infer<typeof ZReleveImport>;

export const ZReleveImportDetail = ZReleveImport.extend({ lignes: z.array(ZReleveLigne) });
export type TReleveImportDetail = z.infer<typeof ZReleveImportDetail>;

export const ZReleveImportsQuery = z.object({
  apres: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'Page suivante : curseur invalide.')
    .optional(),
});
export const ZReleveImportsPage = z.object({ items: z.array(ZReleveImport), suivant: z.string().nullable() });
export type TReleveImportsPage = z.infer<typeof ZReleveImportsPage>;
