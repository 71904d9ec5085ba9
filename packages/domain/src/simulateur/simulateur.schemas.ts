import { z } from 'zod';
import {
  ELEMENTS_BASE,
  REGIMES,
  RISQUES,
  TAUX_SCALE,
  type TRegime,
  type TRisque,
  ZRegime,
} from '../contrats/contrats.schemas.js';

/** The MO franchises a formula may take, in days off work per chain (domain §6, §11). */
export const FRANCHISES_MO = [0, 10, 15, 20, 30] as const;
/**
 * The franchises a formula may set on the other risks, in days off work per chain (domain §6:
 * accident 0 or 10, maternité 0 or 10; CLM, CLD and the rest have none).
 */
export const FRANCHISES_AUTRES = {
  accident_service: [0, 10],
  accident_trajet: [0, 10],
  maladie_professionnelle: [0, 10],
  maternite: [0, 10],
} as const satisfies Partial<Record<TRisque, readonly number[]>>;
export type TRisqueFranchise = keyof typeof FRANCHISES_AUTRES;
export const RISQUES_FRANCHISE = Object.keys(FRANCHISES_AUTRES) as TRisqueFranchise[];
/**
 * Late declaration in a formula (domain §6.1.12, §10): « aucune » replays every arrêt as if declared in
 * time; otherwise an arrêt received more than the deadline after its start is refused, or paid from
 * its reception date.
 */
export const DECLARATIONS_TARDIVES = ['aucune', 'reception', 'refus'] as const;
export type TDeclarationTardive = (typeof DECLARATIONS_TARDIVES)[number];
export const declarationTardiveLabels: Record<TDeclarationTardive, string> = {
  aucune: 'Aucune règle (tout arrêt est pris en charge)',
  reception: 'Prise en charge à compter de la réception',
  refus: 'Refus de prise en charge',
};
/** The declaration deadlines a formula may take, in days after the arrêt's start (domain §10). */
export const DELAIS_DECLARATION = [90, 120, 180] as const;
/** The reimbursement rates a formula may take, in %. */
export const REMBOURSEMENTS_PCT = [90, 100] as const;
/** Risks a formula may cover: the per-day ones (the death capital is not replayed). */
export const RISQUES_SIMULES = RISQUES.filter((r): r is Exclude<TRisque, 'deces'> => r !== 'deces');
/** At most this many formulas per simulation. */
export const FORMULES_MAX = 6;
/** Rates are entered at two decimals of a percent: 8,60 % = 8 600 thousandths (TAUX_SCALE). */
const PAS_TAUX = TAUX_SCALE / 10_000;

const ZTaux = (regime: TRegime) =>
  z
    .number({ error: `Indiquez le taux de cotisation ${regime}.` })
    .int(`Le taux de cotisation ${regime} a deux décimales au plus.`)
    .min(PAS_TAUX, `Le taux de cotisation ${regime} doit être positif.`)
    .max(50_000, `Le taux de cotisation ${regime} ne peut dépasser 50 %.`)
    .refine((t) => t % PAS_TAUX === 0, { message: `Le taux de cotisation ${regime} a deux décimales au plus.` });

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
  /** Franchise of the other risks that may carry one; a risk left out has none. */
  franchisesJours: z
    .object(
      Object.fromEntries(
        RISQUES_FRANCHISE.map((r) => [
          r,
          z
            .number({ error: 'Choisissez la franchise.' })
            .refine((v) => (FRANCHISES_AUTRES[r] as readonly number[]).includes(v), {
              message: 'Cette franchise est de 0 ou 10 jours.',
            })
            .optional(),
        ]),
      ) as Record<TRisqueFranchise, z.ZodOptional<z.ZodNumber>>,
    )
    .default({}),
  declarationTardive: z
    .enum(DECLARATIONS_TARDIVES, {
      error: 'Déclaration tardive : choisissez aucune règle, la prise en charge à réception ou le refus.',
    })
    .default('aucune'),
  delaiDeclarationJours: z
    .number({ error: 'Choisissez le délai de déclaration.' })
    .refine((v) => (DELAIS_DECLARATION as readonly number[]).includes(v), {
      message: 'Le délai de déclaration est de 90, 120 ou 180 jours.',
    })
    .default(90),
  /**
   * Rate per regime, in thousandths of a percent (TAUX_SCALE), two decimals of a percent: 8,60 % →
   * 8 600. A simulation needs the rate of each regime it replays.
   */
  taux: z.object(
    Object.fromEntries(REGIMES.map((r) => [r, ZTaux(r).optional()])) as Record<TRegime, z.ZodOptional<z.ZodNumber>>,
    {
      error: 'Indiquez le taux de cotisation.',
    },
  ),
});
export type TFormule = z.output<typeof ZFormule>;

const simulationShape = {
  /** The regimes replayed together: the agents of each, priced at the formula's rate of their regime. */
  regimes: z
    .array(ZRegime, { error: 'Choisissez au moins un régime.' })
    .min(1, 'Choisissez au moins un régime.')
    .refine((r) => new Set(r).size === r.length, { message: 'Un régime figure deux fois.' })
    .default(['CNRACL']),
  formules: z
    .array(ZFormule, { error: 'Ajoutez au moins une formule.' })
    .min(1, 'Ajoutez au moins une formule.')
    .max(FORMULES_MAX, `Comparez ${FORMULES_MAX} formules au plus.`),
};

/** Every formula names the rate of each regime replayed (the field named is the missing rate). */
function tauxDesRegimes(v: { regimes: readonly TRegime[]; formules: readonly TFormule[] }, ctx: z.RefinementCtx) {
  v.formules.forEach((f, k) => {
    for (const r of v.regimes)
      if (f.taux[r] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['formules', k, 'taux', r],
          message: `Indiquez le taux de cotisation ${r} de la formule « ${f.libelle} ».`,
        });
  });
}

/** A simulation: the formulas to compare over the last three full years of the perimeter. */
export const ZSimulationInput = z.object(simulationShape).superRefine(tauxDesRegimes);
export type TSimulationInput = z.input<typeof ZSimulationInput>;

/** The CDG's simulation: one collectivité of its scope, or the whole CDG (null). */
export const ZSimulationGestionInput = z
  .object({
    ...simulationShape,
    collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }).nullable().default(null),
  })
  .superRefine(tauxDesRegimes);

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

const ZMontantsParAnnee = {
  annees: z.array(ZMontants.extend({ annee: z.number() })),
  total: ZMontants,
  /** Arrêt days of the years the formula does not pay because they were declared late (its rule). */
  joursHorsDelai: z.number(),
};
const ZPerimetre = z.object({ collectivites: z.number(), agents: z.number(), arrets: z.number(), bases: z.number() });

export const ZSimulationResultat = z.object({
  annees: z.array(z.number()),
  regimes: z.array(ZRegime),
  /** The whole perimeter (agents, arrêts and bases summed over the regimes). */
  perimetre: ZPerimetre,
  perimetreParRegime: z.array(ZPerimetre.omit({ collectivites: true }).extend({ regime: ZRegime })),
  formules: z.array(
    z.object({
      formule: ZFormule,
      /** All regimes together. */
      ...ZMontantsParAnnee,
      parRegime: z.array(z.object({ regime: ZRegime, ...ZMontantsParAnnee })),
    }),
  ),
});
export type TSimulationResultat = z.infer<typeof ZSimulationResultat>;

/**
 * The streamed answer of a simulation (`Accept: application/x-ndjson`): one JSON object per line,
 * progress while the perimeter is replayed, then the result — or the error met after the first line.
 */
export type TSimulationEvenement =
  | { type: 'progression'; faites: number; total: number; progression: number }
  | { type: 'resultat'; resultat: TSimulationResultat }
  | { type: 'erreur'; code: string; detail: string };

/**
 * What the page pre-fills: the years replayed, the regimes with a contract in force and the formula
 * of that contract (the first regime's cover, each regime's rate), if any.
 */
export const ZSimulationContexte = z.object({
  annees: z.array(z.number()),
  regimes: z.array(ZRegime),
  formuleActuelle: ZFormule.nullable(),
});
export type TSimulationContexte = z.infer<typeof ZSimulationContexte>;

export const ZSimulationContexteQuery = z.object({
  collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }).optional(),
});
