import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { REGLEMENT_STATUTS } from '../reglements/reglements.rules.js';
import { ZDecompteOut } from '../reglements/reglements.schemas.js';

const isoDate = (label: string) =>
  z.string({ error: `${label} : date obligatoire.` }).refine(isIsoDate, `${label} : date invalide (AAAA-MM-JJ).`);

/** The period a handler costs: usually a calendar month, any span of days is accepted. */
export const ZPeriodeCalcul = z
  .object({ du: isoDate('Du'), au: isoDate('Au') })
  .refine((p) => p.au >= p.du, { path: ['au'], message: 'La fin de la période précède son début.' })
  .refine((p) => p.du.slice(0, 4) === p.au.slice(0, 4), {
    path: ['au'],
    message: 'Une période de calcul reste dans une même année civile.',
  });
export type TPeriodeCalcul = z.infer<typeof ZPeriodeCalcul>;

/** A month of the décompte: what the lines add up to, the IJSS, and what the insurer pays at its %. */
export const ZMoisDecompte = z.object({
  mois: z.string(),
  remboursementPct: z.number().int(),
  brut: z.number().int(),
  ijss: z.number().int(),
  net: z.number().int(),
  rembourse: z.number().int(),
});
export type TMoisDecompte = z.infer<typeof ZMoisDecompte>;

/** The inputs the engine read, shown beside its explanation so that the handler can check them. */
export const ZEntreesAffichees = z.object({
  /** `YYYY-MM` → the month's salary elements in cents. */
  salaires: z.record(z.string(), z.record(z.string(), z.number().int())),
  arrets: z.array(z.object({ debut: z.string(), fin: z.string(), type: z.string(), categorie: z.string() })),
  ijss: z.array(z.object({ debut: z.string(), fin: z.string(), montant: z.number().int(), journalier: z.boolean() })),
  franchiseJours: z.number().int().nullable(),
  remboursementPct: z.number().int().nullable(),
  elements: z.array(z.string()),
});
export type TEntreesAffichees = z.infer<typeof ZEntreesAffichees>;

/** A décompte with « Pourquoi ce montant ? »: the ledger in French, its months and the inputs it used. */
export const ZDecompteExplique = ZDecompteOut.extend({
  explication: z.array(z.string()),
  mois: z.array(ZMoisDecompte),
  alertes: z.array(z.string()),
  entreesAffichees: ZEntreesAffichees.nullable(),
  reglement: z.object({ numero: z.string(), statut: z.enum(REGLEMENT_STATUTS) }).nullable(),
});
export type TDecompteExplique = z.infer<typeof ZDecompteExplique>;

/** The outcome of one computation: the new décompte, or why there is none (nothing to pay, inputs missing). */
export const ZCalculDecompteOut = z.object({
  decompte: ZDecompteExplique.nullable(),
  message: z.string(),
});
export type TCalculDecompteOut = z.infer<typeof ZCalculDecompteOut>;

export const ZDecomptesDuSinistre = z.object({
  items: z.array(ZDecompteExplique),
  /** Set by a change of inputs after a validated décompte: the validated décomptes from this date must be computed again. */
  aRecalculerDepuis: z.string().nullable(),
  /** Why, in French (« Données salariales de mars 2026 modifiées après le décompte n° … »); null when not marked. */
  recalculMotif: z.string().nullable(),
});
export type TDecomptesDuSinistre = z.infer<typeof ZDecomptesDuSinistre>;

/** « Calcul des décomptes » of a period for every open or closed file of the scope. */
export const ZCalculLotInput = ZPeriodeCalcul;
export const CALCUL_LOT_STATUTS = ['en_attente', 'en_cours', 'termine', 'echec'] as const;
export type TCalculLotStatut = (typeof CALCUL_LOT_STATUTS)[number];
export const ZCalculLotOut = z.object({
  id: z.string(),
  statut: z.enum(CALCUL_LOT_STATUTS),
  periode: z.object({ du: z.string(), au: z.string() }),
  progression: z.number().int(),
  total: z.number().int(),
  calcules: z.number().int(),
  sansMontant: z.number().int(),
  aCompleter: z.array(
    z.object({ sinistreId: z.string(), numero: z.string(), agent: z.string(), mois: z.array(z.string()) }),
  ),
  erreurs: z.number().int(),
  /** Why the run ended in `echec` (French, for the handler); null otherwise. */
  message: z.string().nullable(),
});
export type TCalculLotOut = z.infer<typeof ZCalculLotOut>;
