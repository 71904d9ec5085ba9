/**
 * Weekly working hours as people type them: « 7h45 », « 7 h 45 », « 7:45 », « 7,75 », « 7.75 »,
 * « 17,5 h », « 28 », « 28 h ». Returns hundredths of an hour (7 h 45 → 775), the unit stored everywhere, or
 * null when the text is not a duration. Minutes go up to 59; a decimal part has one or two digits.
 */
export function parseHours(input: string): number | null {
  const v = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const minutes = v.match(/^(\d{1,3})(?: ?h ?(\d{1,2})?(?: ?min)?|:(\d{1,2}))$/);
  if (minutes) {
    const typed = minutes[2] ?? minutes[3];
    if (typed !== undefined && typed.length !== 2) return null;
    const m = typed === undefined ? 0 : Number(typed);
    if (m > 59) return null;
    return Number(minutes[1]) * 100 + Math.round((m * 100) / 60);
  }
  const decimal = v.match(/^(\d{1,3})(?:[.,](\d{1,2}))?(?: ?h)?$/);
  if (decimal) return Number(decimal[1]) * 100 + Number((decimal[2] ?? '0').padEnd(2, '0'));
  return null;
}

/** 1750 → « 17 h 30 »: how hours are shown (the inverse of `parseHours` to the minute). */
export function formatHours(hundredths: number): string {
  const h = Math.floor(hundredths / 100);
  const min = Math.round(((hundredths % 100) * 60) / 100);
  return min ? `${h} h ${String(min).padStart(2, '0')}` : `${h} h`;
}
