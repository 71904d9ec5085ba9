import { z } from 'zod';
import { ELEMENTS_BASE, RISQUES, TAUX_SCALE, type TRisque, ZRegime } from '../contrats/contrats.schemas.js';

/** The MO franchises a formula may take, in days off work per chain (domain §6, §11). */
export const FRANCHISES_MO = [0, 10, 15, 20, 30] as const;
/** The reimbursement rates a formula may take, in %. */
export const REMBOURSEMENTS_PCT = [90, 100] as const;
/** Risks a formula may cover: the per-day ones (the death capital is not replayed). */
export const RISQUES_SIMULES = RISQUES.filter((r): r is Exclude<TRisque, 'deces'> => r !== 'deces');
/** At most this many formulas per simulation. */
export const FORMULES_MAX = 6;
/** Rates are entered at two decimals of a percent: 8,60 % = 8 600 thousandths (TAUX_SCALE). */
const PAS_TAUX = TAUX_SCALE / 10_000;

export const ZFormule = z.object({
  libelle: z
    .string({ error: 'Donnez un nom à la formule.' })
    .trim()
    .min(1, 'Donnez un nom à la formule.')
    .max(60, 'Le nom de la formule tient en 60 caractères.'),
  franchiseMoJours: z
    .number({ error: 'Choisissez la franchise en maladie ordinaire.' })
    .refine((v) => (FRANCHISES_MO as readonly number[]).includes(v), {
      message: 'La franchise en maladie ordinaire est de 0, 10, 15, 20 ou 30 jours.',
    }),
  remboursementPct: z
    .number({ error: 'Choisissez le taux de remboursement.' })
    .refine((v) => (REMBOURSEMENTS_PCT as readonly number[]).includes(v), {
      message: 'Le taux de remboursement est de 90 % ou 100 %.',
    }),
  /** Insured elements besides TBI, always insured. */
  elements: z
    .array(z.enum(ELEMENTS_BASE, { error: 'Élément assuré inconnu.' }))
    .max(ELEMENTS_BASE.length)
    .refine((e) => new Set(e).size === e.length, { message: 'Un élément assuré figure deux fois.' }),
  risques: z
    .array(z.enum(RISQUES_SIMULES, { error: 'Risque inconnu.' }))
    .min(1, 'Cochez au moins un risque couvert.')
    .refine((r) => new Set(r).size === r.length, { message: 'Un risque figure deux fois.' }),
  /** Thousandths of a percent (TAUX_SCALE), two decimals of a percent: 8,60 % → 8 600. */
  taux: z
    .number({ error: 'Indiquez le taux de cotisation.' })
    .int('Le taux de cotisation a deux décimales au plus.')
    .min(PAS_TAUX, 'Le taux de cotisation doit être positif.')
    .max(50_000, 'Le taux de cotisation ne peut dépasser 50 %.')
    .refine((t) => t % PAS_TAUX === 0, { message: 'Le taux de cotisation a deux décimales au plus.' }),
});
export type TFormule = z.output<typeof ZFormule>;

/** A simulation: the formulas to compare over the last three full years of the perimeter. */
export const ZSimulationInput = z.object({
  regime: ZRegime.default('CNRACL'),
  formules: z
    .array(ZFormule, { error: 'Ajoutez au moins une formule.' })
    .min(1, 'Ajoutez au moins une formule.')
    .max(FORMULES_MAX, `Comparez ${FORMULES_MAX} formules au plus.`),
});
export type TSimulationInput = z.input<typeof ZSimulationInput>;

/** The CDG's simulation: one collectivité of its scope, or the whole CDG (null). */
export const ZSimulationGestionInput = ZSimulationInput.extend({
  collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }).nullable().default(null),
});

const ZMontants = z.object({
  /** Cents: rate × insured base of the year (réelle, else prévisionnelle). */
  primes: z.number(),
  /** Cents: what the engine reimburses under the formula. */
  remboursements: z.number(),
  /** Cents: the pay the employer maintained on the arrêt days, net of IJSS (same for every formula). */
  salaireMaintenu: z.number(),
  /** Cents: salaireMaintenu − remboursements + primes. */
  resteACharge: z.number(),
  /** Basis points (10 000 = 100 %); null without premiums. */
  rapport: z.number().nullable(),
});
export type TMontantsSimulation = z.infer<typeof ZMontants>;

export const ZSimulationResultat = z.object({
  annees: z.array(z.number()),
  regime: ZRegime,
  perimetre: z.object({ collectivites: z.number(), agents: z.number(), arrets: z.number(), bases: z.number() }),
  formules: z.array(
    z.object({
      formule: ZFormule,
      annees: z.array(ZMontants.extend({ annee: z.number() })),
      total: ZMontants,
    }),
  ),
});
export type TSimulationResultat = z.infer<typeof ZSimulationResultat>;

/** What the page pre-fills: the formula of the contract in force, if any, and the years replayed. */
export const ZSimulationContexte = z.object({
  annees: z.array(z.number()),
  formuleActuelle: ZFormule.nullable(),
});
export type TSimulationContexte = z.infer<typeof ZSimulationContexte>;

export const ZSimulationContexteQuery = z.object({
  regime: ZRegime.default('CNRACL'),
  collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }).optional(),
});
