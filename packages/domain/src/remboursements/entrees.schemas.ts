import { z } from 'zod';
import { daysBetween, isIsoDate } from '../common/dates.js';
import { ZRisque } from '../contrats/contrats.schemas.js';

/**
 * The inputs of the reimbursement engine that the employer enters (issue 10): the salary of each
 * calendar month, the IJSS of the CPAM statements, the days of leave taken before the agent came
 * into Statutis. The engine itself (`moteur.*`) reads them as they are stored.
 */

const isoDate = (message: string) => z.string({ error: message }).refine(isIsoDate, message);

/** A calendar month, `YYYY-MM`. */
export const ZMois = z
  .string({ error: 'Mois invalide (aaaa-mm).' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mois invalide (aaaa-mm).');

const cents = (label: string, max: number) =>
  z
    .number({ error: `${label} : indiquez un montant.` })
    .int(`${label} : montant en centimes entiers.`)
    .min(0, `${label} : le montant ne peut être négatif.`)
    .max(max, `${label} : montant trop élevé.`);
const centsOptionnel = (label: string) =>
  cents(label, 10_000_000)
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/**
 * The salary elements of one calendar month, in cents (domain §6.1.8). RI and CP are not typed: they
 * are the base's percentages of TBI. Only the elements the base insures may be filled.
 */
export const SALAIRE_MENSUEL_ELEMENTS = ['tbi', 'nbi', 'sft', 'ir'] as const;
export type TSalaireMensuelElement = (typeof SALAIRE_MENSUEL_ELEMENTS)[number];

export const ZSalaireMensuel = z.object({
  mois: ZMois,
  tbi: centsOptionnel('TBI'),
  nbi: centsOptionnel('NBI'),
  sft: centsOptionnel('SFT'),
  ir: centsOptionnel('IR'),
});
export type TSalaireMensuel = z.output<typeof ZSalaireMensuel>;

/** The months of a sinistre's arrêts, all saved at once (each month once). */
export const ZSalairesMensuelsInput = z
  .object({
    mois: z
      .array(ZSalaireMensuel, { error: 'Indiquez les mois.' })
      .min(1, 'Indiquez au moins un mois.')
      .max(120, '120 mois au plus.'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.mois.forEach((m, i) => {
      if (seen.has(m.mois))
        ctx.addIssue({ code: 'custom', path: ['mois', i, 'mois'], message: 'Ce mois figure deux fois.' });
      seen.add(m.mois);
    });
  });
export type TSalairesMensuelsInput = z.input<typeof ZSalairesMensuelsInput>;

/** One month as shown: saved, or proposed from the previous month (to check and save). */
export const ZSalaireMensuelVue = z.object({
  mois: z.string(),
  tbi: z.number().nullable(),
  nbi: z.number().nullable(),
  sft: z.number().nullable(),
  ir: z.number().nullable(),
  /** False: nothing saved for this month yet, the amounts are the previous month's, proposed. */
  enregistre: z.boolean(),
  /** The elements the base of that year insures: the others stay empty. */
  elementsAssures: z.array(z.enum(SALAIRE_MENSUEL_ELEMENTS)),
});
export const ZSalairesMensuels = z.object({
  /** The months the sinistre's arrêts touch, in order. */
  mois: z.array(ZSalaireMensuelVue),
  /** RI and CP of the sinistre's base, in hundredths of a percent of TBI (726 = 7,26 %), or null. */
  riPct: z.number().int().nullable(),
  cpPct: z.number().int().nullable(),
});
export type TSalairesMensuels = z.infer<typeof ZSalairesMensuels>;

/**
 * A period of IJSS of a CPAM statement (IRCANTEC, domain §6.1.14): the daily amount, or the total of
 * the period (the engine spreads it evenly over its days).
 */
export const ZIjssInput = z
  .object({
    du: isoDate('Début de la période : date invalide.'),
    au: isoDate('Fin de la période : date invalide.'),
    montantJournalier: cents('Montant journalier', 100_000)
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    montantTotal: cents('Montant de la période', 10_000_000)
      .nullable()
      .optional()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.au < v.du) ctx.addIssue({ code: 'custom', path: ['au'], message: 'La fin de la période précède son début.' });
    else if (daysBetween(v.du, v.au) >= 366)
      ctx.addIssue({ code: 'custom', path: ['au'], message: 'Une période d’IJSS ne dépasse pas un an.' });
    if ((v.montantJournalier === null) === (v.montantTotal === null))
      ctx.addIssue({
        code: 'custom',
        path: ['montantJournalier'],
        message: 'Indiquez le montant journalier ou le montant de la période (l’un des deux).',
      });
  });
export type TIjssInput = z.input<typeof ZIjssInput>;

export const ZIjss = z.object({
  id: z.uuid(),
  du: z.string(),
  au: z.string(),
  montantJournalier: z.number().nullable(),
  montantTotal: z.number().nullable(),
  /** What the period amounts to, in cents: the total, or daily × days. */
  montantPeriode: z.number(),
  saisiPar: z.string(),
  saisiLe: z.string(),
});
export type TIjss = z.infer<typeof ZIjss>;
export const ZIjssListe = z.object({
  /** IJSS exist for IRCANTEC agents only (domain §3): the form is offered for them alone. */
  applicable: z.boolean(),
  items: z.array(ZIjss),
});
export type TIjssListe = z.infer<typeof ZIjssListe>;

/** What an IJSS period amounts to, in cents. */
export function montantIjssPeriode(p: {
  du: string;
  au: string;
  montantJournalier: number | null;
  montantTotal: number | null;
}) {
  return p.montantTotal ?? (p.montantJournalier ?? 0) * (daysBetween(p.du, p.au) + 1);
}

/**
 * Leave the agent took before he came into Statutis (« antécédents »), counted by the rolling-year
 * rules (domain §6.1.4–6).
 */
export const ANTECEDENT_CATEGORIES = ['maladie_ordinaire', 'clm', 'cld', 'cgm'] as const;
export type TAntecedentCategorie = (typeof ANTECEDENT_CATEGORIES)[number];

export const ZAntecedentInput = z
  .object({
    categorie: z.enum(ANTECEDENT_CATEGORIES, {
      error: 'Catégorie : choisissez maladie ordinaire, CLM, CLD ou CGM.',
    }),
    du: isoDate('Début : date invalide.'),
    au: isoDate('Fin : date invalide.'),
  })
  .superRefine((v, ctx) => {
    if (v.au < v.du) ctx.addIssue({ code: 'custom', path: ['au'], message: 'La fin précède le début.' });
  });
export type TAntecedentInput = z.input<typeof ZAntecedentInput>;

export const ZAntecedent = z.object({
  id: z.uuid(),
  categorie: ZRisque,
  du: z.string(),
  au: z.string(),
  jours: z.number().int(),
  saisiPar: z.string(),
  saisiLe: z.string(),
});
export type TAntecedent = z.infer<typeof ZAntecedent>;
export const ZAntecedents = z.object({ items: z.array(ZAntecedent) });
