import { PCT_SCALE } from '../base-assurance/base-assurance.rules.js';
import { addDays, addMonths, daysBetween } from '../common/dates.js';
import { mulDivRound } from '../common/money.js';
import { chainesArrets, moisDeLaPeriode } from './chaines.rules.js';
import { finPeriodeRemboursable } from './controles-medicaux.rules.js';

/**
 * Recours contre tiers (CGFP L825-1 to L825-8, domain §10): the employer recovers from the liable
 * third party the pay it maintained, its employer charges and the medical costs, in proportion to
 * the third party's responsibility; the insurer is subrogated for what it reimbursed.
 * Amounts are integer cents; responsibility is in hundredths of a percent (50 % → 5 000,
 * 66,67 % → 6 667), as the base de l'assurance's percentages (`PCT_SCALE`).
 */
export const RESPONSABILITE_MAX = 100 * PCT_SCALE;

export const CREANCE_POSTES = ['remuneration', 'charges_patronales', 'frais_medicaux'] as const;
export type TCreancePoste = (typeof CREANCE_POSTES)[number];
export const creancePosteLabels: Record<TCreancePoste, string> = {
  remuneration: 'Rémunération maintenue',
  charges_patronales: 'Charges patronales',
  frais_medicaux: 'Frais médicaux',
};

export type Creance = {
  lignes: { poste: TCreancePoste; prejudice: number; creance: number }[];
  /** The whole loss, before responsibility. */
  prejudice: number;
  /** What is claimed from the third party: the sum of the rounded lines. */
  creance: number;
};

/**
 * The créance on the third party: each line (pay maintained, employer charges, medical costs,
 * computed from the file) × responsibility, rounded half-up to the cent per line; the total is the
 * sum of the rounded lines, so that the letter's lines add up to its total (as the engine's months, §6.1.15).
 */
export function creanceRecours(input: {
  remuneration: number;
  chargesPatronales: number;
  fraisMedicaux: number;
  responsabilite: number;
}): Creance {
  if (input.responsabilite < 0 || input.responsabilite > RESPONSABILITE_MAX)
    throw new RangeError('La responsabilité du tiers est comprise entre 0 et 100 %.');
  const montants: Record<TCreancePoste, number> = {
    remuneration: input.remuneration,
    charges_patronales: input.chargesPatronales,
    frais_medicaux: input.fraisMedicaux,
  };
  const lignes = CREANCE_POSTES.map((poste) => ({
    poste,
    prejudice: montants[poste],
    creance: mulDivRound(montants[poste], input.responsabilite, RESPONSABILITE_MAX),
  }));
  return {
    lignes,
    prejudice: lignes.reduce((s, l) => s + l.prejudice, 0),
    creance: lignes.reduce((s, l) => s + l.creance, 0),
  };
}

/**
 * How an amount recovered is shared when it does not pay everyone (verify, a parameter):
 * « prorata » (default) shares it in proportion to each one's loss; « priorite_collectivite » pays
 * the collectivité's own loss first (Code civil art. 1346-3: a partial subrogation does not harm the
 * creditor for what is still owed to him).
 */
export const RECOURS_REPARTITIONS = ['prorata', 'priorite_collectivite'] as const;
export type TRecoursRepartition = (typeof RECOURS_REPARTITIONS)[number];

/**
 * The split of an amount recovered from the third party between the insurer, subrogated for what
 * it reimbursed (capped at the loss), and the collectivité, which keeps the franchise, the
 * uninsured elements and the uninsured charges. Pro rata: insurer = montant × remboursé / préjudice,
 * rounded half-up to the cent, never above what it reimbursed; the collectivité gets the rest, so
 * the two shares always sum exactly to the amount (anything recovered beyond the loss goes to it).
 */
export function repartitionRecouvrement(input: {
  montant: number;
  prejudice: number;
  rembourseParAssureur: number;
  mode?: TRecoursRepartition;
}): { assureur: number; collectivite: number } {
  const { montant, prejudice } = input;
  const droits = Math.max(0, Math.min(input.rembourseParAssureur, prejudice));
  let assureur: number;
  if (prejudice <= 0 || montant <= 0) assureur = 0;
  else if ((input.mode ?? 'prorata') === 'prorata')
    assureur = Math.min(droits, montant, mulDivRound(montant, droits, prejudice));
  else assureur = Math.min(droits, Math.max(0, montant - (prejudice - droits)));
  return { assureur, collectivite: montant - assureur };
}

/**
 * Trentièmes of a period (domain §6.1.13): per calendar month, each day weighs 1/30, and a month
 * covered from its first to its last day weighs exactly 30/30.
 */
export function trentiemes(debut: string, fin: string): number {
  let total = 0;
  for (const mois of moisDeLaPeriode(debut, fin)) {
    const premier = `${mois}-01`;
    const dernier = addDays(addMonths(premier, 1), -1);
    const [, du] = [debut, premier].sort() as [string, string];
    const [au] = [fin, dernier].sort() as [string, string];
    total += du === premier && au === dernier ? 30 : daysBetween(du, au) + 1;
  }
  return total;
}

/** An arrêt with its monthly pay elements in cents (null: not entered), as the file holds them. */
export type ArretSalaire = {
  debut: string;
  fin: string;
  /** Temps partiel thérapeutique: the quotité worked, in percent. */
  quotiteTpt: number | null;
  tbi: number | null;
  nbi: number | null;
  sft: number | null;
  ir: number | null;
  ri: number | null;
  cp: number | null;
};

/**
 * The employer's loss on the file's arrêts, before responsibility: the pay it maintained (TBI, NBI,
 * SFT, IR, RI) and its charges (CP), each monthly amount × the arrêt's trentièmes, rounded half-up
 * per arrêt. Days after a « non justifié à partir du » are not paid, so not claimed; a TPT arrêt
 * claims only its unworked share (the agent works the quotité). Full pay is assumed: a half-pay
 * period is entered by the handler in place of this estimate.
 */
export function prejudiceSalarial(
  arrets: readonly ArretSalaire[],
  controles: Parameters<typeof finPeriodeRemboursable>[1] = [],
): { remuneration: number; chargesPatronales: number; trentiemes: number } {
  let remuneration = 0;
  let chargesPatronales = 0;
  let compte = 0;
  for (const chaine of chainesArrets(arrets)) {
    const { fin: finPayee } = finPeriodeRemboursable(chaine, controles);
    if (!finPayee) continue;
    for (const a of chaine.arrets) {
      // ISO dates compare as text; Math.min would turn them into NaN.
      const fin = [a.fin, finPayee].sort()[0]!;
      if (fin < a.debut) continue;
      const t = trentiemes(a.debut, fin);
      const nonTravaille = a.quotiteTpt ? 100 - a.quotiteTpt : 100;
      const mensuel = (a.tbi ?? 0) + (a.nbi ?? 0) + (a.sft ?? 0) + (a.ir ?? 0) + (a.ri ?? 0);
      remuneration += mulDivRound(mensuel * t, nonTravaille, 30 * 100);
      chargesPatronales += mulDivRound((a.cp ?? 0) * t, nonTravaille, 30 * 100);
      compte += t;
    }
  }
  return { remuneration, chargesPatronales, trentiemes: compte };
}
