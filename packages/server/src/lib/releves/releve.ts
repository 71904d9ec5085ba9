import type { LigneReleve, ListeError } from '@statutis/domain';

/**
 * What reading a bank statement gives: every movement, or every faulty line (all or nothing, like
 * the roster import: a statement half read would leave payments unrecorded without anyone noticing).
 * `colonne` names the CSV column or the CAMT.053 element at fault.
 */
export type LectureReleve =
  | { ok: true; format: 'csv' | 'camt053'; lignes: LigneReleve[] }
  | { ok: false; format: 'csv' | 'camt053' | null; erreurs: ListeError[] };

/** Largest statement accepted: a year of a CDG's account is a few hundred kilobytes. */
export const RELEVE_TAILLE_MAX = 5 * 1024 * 1024;
/** Most movements in one statement. */
export const RELEVE_LIGNES_MAX = 20_000;

/**
 * Cents from a decimal text with a point (« 1234.5 », « 0.50 »), as written in XML; more than two
 * decimals are allowed only as trailing zeros. Null when it is not such a number.
 */
export function centsFromDecimal(text: string): number | null {
  const m = text.trim().match(/^(\d{1,15})(?:\.(\d{1,5}))?$/);
  if (!m) return null;
  const decimals = m[2] ?? '';
  if (/[1-9]/.test(decimals.slice(2))) return null;
  return Number(m[1]) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
}
