import { formatEuros } from '../common/format.js';

/** Above ± 10 % (strictly), a base per CNRACL agent is flagged on the CDG's control screen (issue 11). */
export const SEUIL_ECART_POURCENT = 10;

/** The base per CNRACL agent in cents (rounded half up), or null without agents. */
export function baseParAgent(assiette: number, effectif: number): number | null {
  if (effectif <= 0) return null;
  return Math.round(assiette / effectif);
}

/**
 * The median of the bases per agent (cents): the middle one, or the mean of the two middle ones
 * (rounded half up). Null for no value.
 */
export function mediane(valeurs: readonly number[]): number | null {
  if (valeurs.length === 0) return null;
  const v = [...valeurs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : Math.round((v[m - 1]! + v[m]!) / 2);
}

export type Ecart = {
  /** The reference compared to (cents). */
  reference: number;
  /** (current − reference) / reference, in hundredths of a percent (+14,81 % → 1481), rounded. */
  variation: number;
  /** |current − reference| > 10 % of the reference. */
  signale: boolean;
};

/** How far a base per agent is from its reference; null when either is missing (or the reference is 0). */
export function ecart(courant: number | null, reference: number | null): Ecart | null {
  if (courant === null || reference === null || reference <= 0) return null;
  const diff = courant - reference;
  return {
    reference,
    variation: Math.round((diff * 10_000) / reference),
    // Integer comparison: no rounding decides a flag.
    signale: Math.abs(diff) * 100 > SEUIL_ECART_POURCENT * reference,
  };
}

/** « +14,81 % », « −3,20 % ». */
export function formatVariation(centiemes: number): string {
  const abs = Math.abs(centiemes);
  const txt = `${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')} %`;
  return centiemes > 0 ? `+${txt}` : centiemes < 0 ? `−${txt}` : txt;
}

/**
 * The French explanation of a flagged call for the CDG, or null when nothing is flagged: which
 * comparison is out of ± 10 %, by how much, and the figures.
 */
export function explicationEcart(v: {
  annee: number;
  baseParAgent: number | null;
  anneePrecedente: Ecart | null;
  medianeCdg: Ecart | null;
}): string | null {
  if (v.baseParAgent === null) return null;
  const parts: string[] = [];
  const p = v.anneePrecedente;
  const m = v.medianeCdg;
  if (p?.signale)
    parts.push(`${formatVariation(p.variation)} par rapport à ${v.annee - 1} (${formatEuros(p.reference)} par agent)`);
  if (m?.signale)
    parts.push(
      `${formatVariation(m.variation)} par rapport à la médiane ${v.annee} du centre de gestion (${formatEuros(m.reference)} par agent)`,
    );
  if (!parts.length) return null;
  return `Base par agent CNRACL de ${formatEuros(v.baseParAgent)} : ${parts.join(' et ')}, au-delà de ± ${SEUIL_ECART_POURCENT} %. Vérifiez l’effectif et la base déclarés avant d’émettre.`;
}
