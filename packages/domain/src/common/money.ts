/**
 * Money is integer cents. Parsing accepts what French users type: « 1 234,56 », « 1234.5 »,
 * « 7 200 € ». Returns null when the text is not an amount.
 */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units, decimals = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -cents : cents;
}

/**
 * a × b / c rounded half away from zero, exactly (BigInt), for amounts in cents times rates:
 * 1 000 000 000 € × 6,5 % overflows a double's exact range.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const sign = num < 0n !== den < 0n ? -1n : 1n;
  const absNum = num < 0n ? -num : num;
  const absDen = den < 0n ? -den : den;
  const q = (absNum * 2n + absDen) / (absDen * 2n);
  return Number(sign * q);
}

/** a × b / c rounded down (toward zero for positive values), exactly. */
export function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
