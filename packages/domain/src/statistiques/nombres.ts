/**
 * French number writing for the statistics' explanations: « 1 400 », « 9,56 % », « 62,5 ». Thousands
 * are separated by the narrow no-break space Intl gives (as `formatEuros` of common/format.ts does), a
 * no-break space stands before « % ».
 */
export function nombre(value: number, maxDecimals = 2): string {
  return format(0, maxDecimals).format(value);
}

/**
 * One `Intl.NumberFormat` per digits asked, built once: `toLocaleString` with options builds a new one
 * at each call, the most of a page's time when it explains hundreds of figures (the CDG's list).
 */
const formats = new Map<string, Intl.NumberFormat>();
function format(min: number, max: number): Intl.NumberFormat {
  const cle = `${min}-${max}`;
  let f = formats.get(cle);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(cle, f);
  }
  return f;
}

/** « 9,56 % » with exactly `decimals` digits after the comma (2 for a taux, as the national figures show). */
export function pourcent(value: number, decimals = 2): string {
  return `${format(decimals, decimals).format(value)}\u00a0%`;
}

/** « 35 % », « 37,5 % »: a share, without trailing zeros. */
export function part(value: number, maxDecimals = 1): string {
  return `${nombre(value, maxDecimals)}\u00a0%`;
}

/** « 1 jour », « 1 400 jours », « 0,5 agent » — French plural: 0 and 1 (and fractions below 2) stay singular. */
export function compte(value: number, singulier: string, pluriel: string, maxDecimals = 2): string {
  return `${nombre(value, maxDecimals)} ${Math.abs(value) < 2 ? singulier : pluriel}`;
}

/** The band holding `n` in a table of bands `min`–`max` inclusive (durations, ages, strata). */
export function tranche<T extends { min: number; max: number }>(tranches: readonly T[], n: number): T | undefined {
  return tranches.find((t) => n >= t.min && n <= t.max);
}
