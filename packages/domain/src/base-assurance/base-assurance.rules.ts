import { mulDivFloor, mulDivRound } from '../common/money.js';
import { TAUX_SCALE, type TElementBase } from '../contrats/contrats.schemas.js';

/**
 * RI and CP are insured as a percentage of TBI with two decimals, kept as an integer number of
 * hundredths of a percent (726 = 7,26 %) — exact arithmetic, like the rates in thousandths of a
 * percent and the money in cents. Between 1 % and a ceiling (domain §4).
 */
export const PCT_SCALE = 100;
/** 10 000 hundredths of a percent make the whole: amount × pct / PCT_WHOLE. */
const PCT_WHOLE = 100 * PCT_SCALE;
export const PCT_MIN = 1 * PCT_SCALE;
export const RI_CAP_PCT = 25 * PCT_SCALE;
export const CP_CAP_PCT = 60 * PCT_SCALE;

/**
 * Ceiling of the RI or CP percentage, in hundredths of a percent: the real ratio amount / TBI
 * rounded down to 0,01 % (insuring more than the real amount is not allowed), capped at 25 % (RI)
 * or 60 % (CP). TBI 90 000 € and RI 7 200 € → 8,00 %; TBI 612 400 € and RI 44 500 € → 7,26 %.
 */
export function plafondPct(montantCents: number, tbiCents: number, element: 'ri' | 'cp'): number {
  if (tbiCents <= 0 || montantCents <= 0) return 0;
  const cap = element === 'ri' ? RI_CAP_PCT : CP_CAP_PCT;
  return Math.min(cap, mulDivFloor(montantCents, PCT_WHOLE, tbiCents));
}

/**
 * The insured share of an element: TBI × pct, rounded half up to the cent. Never above the real
 * amount when pct is at most the ceiling: TBI × pct ≤ amount exactly, and rounding a value to the
 * nearest cent cannot pass a whole number of cents it does not exceed.
 */
export function partAssuree(tbiCents: number, pct: number): number {
  return mulDivRound(tbiCents, pct, PCT_WHOLE);
}

/** « 7,26 % » from 726; always two decimals, as it is typed and stored. */
export function formatPct(pct: number): string {
  return `${(pct / PCT_SCALE).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}

/** « 7,26 », « 7.26 », « 7,26 % », « 8 » → hundredths of a percent (726, 800); null when not such a percentage. */
export function parsePct(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  const match = cleaned.match(/^(\d{1,3})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  return Number(match[1]) * PCT_SCALE + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The amounts declared, in cents; RI and CP come with the percentage of TBI chosen. */
export type BaseAmounts = {
  tbi: number;
  nbi?: number | null;
  sft?: number | null;
  ir?: number | null;
  riMontant?: number | null;
  riPct?: number | null;
  cpMontant?: number | null;
  cpPct?: number | null;
};

export type BaseProblem = { field: keyof BaseAmounts; message: string };

const PCT_WORDS = {
  ri: { du: 'du RI', tropPeu: 'Le RI représente moins de 1 % du TBI : il ne peut pas être assuré.', reel: 'RI réel' },
  cp: {
    du: 'des CP',
    tropPeu: 'Les CP représentent moins de 1 % du TBI : elles ne peuvent pas être assurées.',
    reel: 'CP réelles',
  },
} as const;

/** Every problem of a declared base, given the elements the contract lets it insure. */
export function checkBase(base: BaseAmounts, allowed: readonly TElementBase[]): BaseProblem[] {
  const problems: BaseProblem[] = [];
  if (!Number.isInteger(base.tbi) || base.tbi <= 0) {
    problems.push({ field: 'tbi', message: 'Le traitement brut indiciaire (TBI) est obligatoire et supérieur à 0.' });
  }
  for (const element of ['nbi', 'sft', 'ir'] as const) {
    const value = base[element];
    if (value == null) continue;
    if (!allowed.includes(element))
      problems.push({ field: element, message: `Le contrat n’assure pas l’élément ${element.toUpperCase()}.` });
    else if (value < 0) problems.push({ field: element, message: 'Le montant ne peut être négatif.' });
  }
  for (const element of ['ri', 'cp'] as const) {
    const montant = base[`${element}Montant`];
    const pct = base[`${element}Pct`];
    if (montant == null && pct == null) continue;
    const label = element.toUpperCase();
    // « du RI », but the charges patronales are plural: « des CP », « Les CP représentent… ».
    const { du, tropPeu, reel } = PCT_WORDS[element];
    if (!allowed.includes(element)) {
      problems.push({ field: `${element}Montant`, message: `Le contrat n’assure pas l’élément ${label}.` });
      continue;
    }
    if (montant == null || montant <= 0) {
      problems.push({
        field: `${element}Montant`,
        message: `Indiquez le montant réel ${du} pour calculer son plafond.`,
      });
      continue;
    }
    if (pct == null) {
      problems.push({ field: `${element}Pct`, message: `Choisissez le pourcentage ${du} à assurer.` });
      continue;
    }
    const plafond = plafondPct(montant, base.tbi, element);
    if (plafond < PCT_MIN) {
      problems.push({
        field: `${element}Pct`,
        message: tropPeu,
      });
    } else if (!Number.isInteger(pct) || pct < PCT_MIN || pct > plafond) {
      const capped = plafond === (element === 'ri' ? RI_CAP_PCT : CP_CAP_PCT);
      problems.push({
        field: `${element}Pct`,
        message: `Le pourcentage ${du} doit être compris entre ${formatPct(PCT_MIN)} et ${formatPct(plafond)}, avec deux décimales au plus (plafond : ${reel} / TBI${capped ? `, limité à ${formatPct(plafond)}` : ''}).`,
      });
    }
  }
  return problems;
}

/** Insured base = TBI + NBI + SFT + IR + RI % × TBI + CP % × TBI (each percentage share rounded to the cent). */
export function assietteAssuree(base: BaseAmounts): number {
  const share = (pct: number | null | undefined) => (pct ? partAssuree(base.tbi, pct) : 0);
  return base.tbi + (base.nbi ?? 0) + (base.sft ?? 0) + (base.ir ?? 0) + share(base.riPct) + share(base.cpPct);
}

/** Contribution = rate × insured base, rounded half up to the cent; the rate is in thousandths of a percent. */
export function cotisation(base: BaseAmounts, tauxCotisation: number): number {
  return mulDivRound(assietteAssuree(base), tauxCotisation, TAUX_SCALE);
}

/** What the collectivité owes (positive) or gets back (negative) once the real base is known. */
export function regularisation(cotisationReelle: number, cotisationPrevisionnelle: number): number {
  return cotisationReelle - cotisationPrevisionnelle;
}

/**
 * A collectivité may change or delete a base only on the day it created it (Europe/Paris); a
 * gestionnaire may at any time.
 */
export function peutModifierBase(creeLeParis: string, aujourdhuiParis: string, gestionnaire: boolean): boolean {
  return gestionnaire || creeLeParis === aujourdhuiParis;
}

/**
 * A sinistre needs the base of its contract and year (domain §4): the year of the date of
 * occurrence. Either type (prévisionnelle or réelle) suffices.
 */
export function baseRequisePourSinistre(
  dateSurvenance: string,
  basesDeclarees: readonly { annee: number }[],
): { ok: true } | { ok: false; annee: number; message: string } {
  const annee = Number(dateSurvenance.slice(0, 4));
  if (basesDeclarees.some((b) => b.annee === annee)) return { ok: true };
  return {
    ok: false,
    annee,
    message: `Déclarez d’abord la base de l’assurance ${annee} de ce contrat (Espace contractuel › Base de l’assurance) : un sinistre ne peut être déclaré sans elle.`,
  };
}

/**
 * The salary elements a base insures (domain §4, §5): TBI always, NBI, SFT and IR when declared,
 * RI and CP when a percentage of TBI was chosen. Only these are entered with an arrêt.
 */
export function elementsAssuresDeBase(base: {
  nbi: number | null;
  sft: number | null;
  ir: number | null;
  riPct: number | null;
  cpPct: number | null;
}): ('tbi' | 'nbi' | 'sft' | 'ir' | 'ri' | 'cp')[] {
  const elements: ('tbi' | 'nbi' | 'sft' | 'ir' | 'ri' | 'cp')[] = ['tbi'];
  if (base.nbi !== null) elements.push('nbi');
  if (base.sft !== null) elements.push('sft');
  if (base.ir !== null) elements.push('ir');
  if (base.riPct !== null) elements.push('ri');
  if (base.cpPct !== null) elements.push('cp');
  return elements;
}
