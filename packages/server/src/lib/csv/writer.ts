/** Excel opens a UTF-8 CSV correctly only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an
 * apostrophe: exported data typed by users must not become executable (CSV injection).
 */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (CRLF, as Excel writes), quoting what needs it. */
export function csvLine(cells: (string | null | undefined)[], delimiter = ';'): string {
  return `${cells
    .map((cell) => {
      const value = neutralise(cell ?? '');
      return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(delimiter)}\r\n`;
}
