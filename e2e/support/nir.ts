/**
 * A NIR of this run only, with its valid key: journeys share one database, so each declares its
 * agents under its own 7-digit `prefix` (sex, year, month, département).
 */
export function nirDuParcours(prefix: string): string {
  const run = Date.now() % 1_000_000;
  const n13 = `${prefix}${String(Math.floor(run / 1000)).padStart(3, '0')}${String((run + 7 * 17) % 1000).padStart(3, '0')}`;
  return `${n13}${String(97 - Number(BigInt(n13) % 97n)).padStart(2, '0')}`;
}
