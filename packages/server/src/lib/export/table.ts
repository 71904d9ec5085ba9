import { PassThrough, Readable } from 'node:stream';
import { CSV_BOM, type CsvValue, csvAmount, csvLine } from '../csv/write.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A column of a downloaded table. `euros`: cents, written as a number in euros; `pourcent`: basis
 * points (10 000 = 100 %), written as a percentage; `date`: YYYY-MM-DD, written as a date.
 */
export type ExportColumn<T> = {
  header: string;
  width: number;
  kind?: 'date' | 'euros' | 'pourcent';
  value: (row: T) => string | number | null;
};

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function csvValue<T>(c: ExportColumn<T>, row: T): CsvValue {
  const v = c.value(row);
  if (v === null) return null;
  // A percentage with two decimals is cents of a percent: « 85,40 ».
  if (c.kind === 'euros' || c.kind === 'pourcent') return csvAmount(v as number);
  if (c.kind === 'date') return frDate(v as string);
  return v;
}

function xlsxValue<T>(c: ExportColumn<T>, row: T): string | number | Date | null {
  const v = c.value(row);
  if (v === null) return null;
  if (c.kind === 'euros') return (v as number) / 100;
  if (c.kind === 'pourcent') return (v as number) / 10_000;
  if (c.kind === 'date') {
    const [y, m, d] = (v as string).split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  }
  return v;
}

const numFmt = { date: 'dd/mm/yyyy', euros: '#,##0.00 "€"', pourcent: '0.00 %' } as const;

/** CSV as French Excel reads it; amounts and percentages are numbers (« -500,00 » included), dates jj/mm/aaaa. */
export function tableCsv<T>(columns: ExportColumn<T>[], batches: AsyncIterable<T[]>): Readable {
  return Readable.from(
    (async function* () {
      yield CSV_BOM + csvLine(columns.map((c) => c.header));
      for await (const batch of batches)
        yield batch.map((row) => csvLine(columns.map((c) => csvValue(c, row)))).join('');
    })(),
  );
}

/** One sheet of a workbook: its name, columns and rows. */
export type FeuilleExport<T> = { name: string; columns: ExportColumn<T>[]; batches: AsyncIterable<T[]> };

/** A sheet whose row type is forgotten, so that sheets of different rows make one workbook. */
export type FeuilleQuelconque = FeuilleExport<never>;
export const feuille = <T>(f: FeuilleExport<T>): FeuilleQuelconque => f as unknown as FeuilleQuelconque;

/** XLSX, streamed: amounts in euros with a currency format, percentages and dates typed. */
export function tableXlsx<T>(sheetName: string, columns: ExportColumn<T>[], batches: AsyncIterable<T[]>): Readable {
  return classeurXlsx([feuille({ name: sheetName, columns, batches })]);
}

/** A workbook of several sheets, streamed one sheet after the other. */
export function classeurXlsx(feuilles: readonly FeuilleQuelconque[]): Readable {
  const out = new PassThrough();
  (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    for (const f of feuilles) {
      const sheet = workbook.addWorksheet(f.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = f.columns.map((c, i) => ({
        header: c.header,
        key: String(i),
        width: c.width,
        style: c.kind ? { numFmt: numFmt[c.kind] } : {},
      }));
      for await (const batch of f.batches) {
        if (out.destroyed) return;
        for (const row of batch) sheet.addRow(f.columns.map((c) => xlsxValue(c, row))).commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/** A table's download in the format asked, named `<name>.csv` or `<name>.xlsx`. */
export function tableExport<T>(
  name: string,
  sheetName: string,
  columns: ExportColumn<T>[],
  batches: AsyncIterable<T[]>,
  format: 'csv' | 'xlsx',
) {
  return format === 'xlsx'
    ? { fileName: `${name}.xlsx`, contentType: XLSX_TYPE, body: tableXlsx(sheetName, columns, batches) }
    : { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: tableCsv(columns, batches) };
}
