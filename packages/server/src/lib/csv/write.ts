/**
 * CSV as French spreadsheets open it: `;` separator, CRLF, UTF-8 with a BOM so that Excel reads the
 * accents right. Fields are quoted when needed; a leading = + - @ is neutralised (CSV injection).
 */
export const CSV_BOM = '\uFEFF';

/** An amount already written as a French number: never neutralised, so « -500,00 » stays a number. */
export type CsvNumber = { readonly nombre: string };
export type CsvValue = string | number | CsvNumber | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return value.nombre;
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvField).join(';')}\r\n`;
}

/**
 * Amount in cents → « 1234,56 » (a number a French spreadsheet recognises, no thousands separator),
 * marked as a number for `csvLine`: a bare string starting with « - » would be neutralised as a
 * formula and a negative amount read as text.
 */
export function csvAmount(cents: number | null | undefined): CsvNumber | null {
  if (cents === null || cents === undefined) return null;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return { nombre: `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}` };
}
