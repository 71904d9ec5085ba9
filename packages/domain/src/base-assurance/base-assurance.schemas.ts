import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';

export const TYPES_BASE = ['previsionnelle', 'reelle'] as const;
export const ZTypeBase = z.enum(TYPES_BASE, { error: 'Choisissez le type : prévisionnelle ou réelle.' });
export type TTypeBase = z.infer<typeof ZTypeBase>;
export const typeBaseLabels: Record<TTypeBase, string> = { previsionnelle: 'Prévisionnelle', reelle: 'Réelle' };

const cents = (label: string) =>
  z
    .number({ error: `${label} : indiquez un montant.` })
    .int(`${label} : montant en centimes entiers.`)
    .min(0, `${label} : le montant ne peut être négatif.`)
    .max(100_000_000_000, `${label} : montant trop élevé.`);
const optionalCents = (label: string) => cents(label).nullable().optional();
/** A percentage in hundredths of a percent (726 = 7,26 %): two decimals at most. */
const pct = z
  .number({ error: 'Indiquez un pourcentage.' })
  .int('Le pourcentage a deux décimales au plus.')
  .nullable()
  .optional()
  .describe('Part du TBI assurée, en centièmes de pour cent : 726 pour 7,26 %.');

/** Amounts are in cents. RI and CP: real amount plus the percentage of TBI to insure, in hundredths of a percent. */
export const ZBaseAmounts = z.object({
  effectif: z
    .number({ error: 'L’effectif est obligatoire.' })
    .int('L’effectif est un nombre entier.')
    .min(0, 'L’effectif ne peut être négatif.')
    .max(1_000_000),
  tbi: cents('TBI').refine((v) => v > 0, 'Le traitement brut indiciaire (TBI) est obligatoire et supérieur à 0.'),
  nbi: optionalCents('NBI'),
  sft: optionalCents('SFT'),
  ir: optionalCents('IR'),
  riMontant: optionalCents('RI'),
  riPct: pct,
  cpMontant: optionalCents('CP'),
  cpPct: pct,
});

export const ZBaseCreate = ZBaseAmounts.extend({
  contratId: z.uuid({ error: 'Choisissez le contrat.' }),
  annee: z.number({ error: 'Indiquez l’année.' }).int().min(2000, 'Année invalide.').max(2100, 'Année invalide.'),
  type: ZTypeBase,
});
export type TBaseCreate = z.input<typeof ZBaseCreate>;
export const ZBaseUpdate = ZBaseAmounts;

export const ZBase = z.object({
  id: z.uuid(),
  contratId: z.uuid(),
  contratNumero: z.string(),
  contratLibelle: z.string(),
  regime: z.string(),
  annee: z.number(),
  type: ZTypeBase,
  effectif: z.number(),
  tbi: z.number(),
  nbi: z.number().nullable(),
  sft: z.number().nullable(),
  ir: z.number().nullable(),
  riMontant: z.number().nullable(),
  /** Hundredths of a percent of TBI (726 = 7,26 %). */
  riPct: z.number().nullable(),
  cpMontant: z.number().nullable(),
  /** Hundredths of a percent of TBI. */
  cpPct: z.number().nullable(),
  tauxCotisation: z.number(),
  assiette: z.number(),
  cotisation: z.number(),
  /** Réelle − prévisionnelle contribution, when both bases of the year exist (on the réelle line). */
  regularisation: z.number().nullable(),
  creeLe: z.string(),
  /** Whether the caller may still change or delete it. */
  modifiable: z.boolean(),
});
export type TBase = z.infer<typeof ZBase>;

export const ZBaseListQuery = zListQuery(['annee', 'contrat', 'type']).extend({
  contratId: z.uuid().optional(),
  annee: z.coerce.number().int().min(2000).max(2100).optional(),
  type: ZTypeBase.optional(),
});
export const ZBasePage = zPage(ZBase);

export const ZBudgetInput = z.object({
  annee: z.number().int().min(2000, 'Année invalide.').max(2100, 'Année invalide.'),
  montantCotisations: z
    .number({ error: 'Indiquez un montant.' })
    .int()
    .min(0, 'Le montant ne peut être négatif.')
    .max(100_000_000_000),
  montantAbsences: z
    .number({ error: 'Indiquez un montant.' })
    .int()
    .min(0, 'Le montant ne peut être négatif.')
    .max(100_000_000_000),
});
export const ZBudget = ZBudgetInput.extend({
  /** Sum of the year's contributions: the réelle base where declared, else the prévisionnelle. */
  cotisationsEstimees: z.number(),
  ecartCotisations: z.number(),
  /** Cents: the year's issued calls (complements and avoirs included), and what was paid on them. */
  cotisationsAppelees: z.number(),
  cotisationsPayees: z.number(),
  basesManquantes: z.array(z.object({ contratId: z.uuid(), numero: z.string() })),
});
export type TBudget = z.infer<typeof ZBudget>;
