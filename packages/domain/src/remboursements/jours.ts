/**
 * Days as integers (days since 1970-01-01, UTC) for the engine's inner loop: a million arrêt-days
 * cannot afford a Date or a string per day. Civil conversions after H. Hinnant's algorithms.
 */

/** Day number of a civil date. */
export function jourCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of an ISO date `YYYY-MM-DD`. */
export function jourIndex(iso: string): number {
  return jourCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** [year, month, day] of a day number. */
export function civilDuJour(j: number): [number, number, number] {
  const z = j + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d];
}

const deux = (n: number) => (n < 10 ? `0${n}` : String(n));

/** ISO date of a day number. */
export function isoDuJour(j: number): string {
  const [y, m, d] = civilDuJour(j);
  return `${String(y).padStart(4, '0')}-${deux(m)}-${deux(d)}`;
}

export function joursDansMois(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The day « d − 1 an » (same date a year before, 29/02 → 28/02), as the rolling year of MO counts
 * (§6.1.4): the window of day d is (d − 1 an, d − 1].
 */
export function unAnAvant(y: number, m: number, d: number): number {
  return jourCivil(y - 1, m, Math.min(d, joursDansMois(y - 1, m)));
}
