import { PassThrough, Readable } from 'node:stream';
import {
  decompteNatureLabels,
  reglementStatutLabels,
  risqueLabels,
  type TDecompteOut,
  type TReglementDetail,
} from '@statutis/domain';
import { CSV_BOM, csvAmount, csvLine } from '../../lib/csv/write.js';
import { XLSX_TYPE } from '../agents/agents.service.js';

type Ligne = { r: TReglementDetail; d: TDecompteOut };
type Column = { header: string; width: number; kind?: 'date' | 'euros'; value: (l: Ligne) => string | number | null };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** One line per décompte paid, with its règlement: what an accountant reconciles with the bank statement. */
const columns: Column[] = [
  { header: 'Règlement', width: 16, value: (l) => l.r.numero },
  { header: 'Statut', width: 16, value: (l) => reglementStatutLabels[l.r.statut] },
  { header: 'Payé le', width: 12, kind: 'date', value: (l) => day(l.r.payeLe) },
  { header: 'Période du', width: 12, kind: 'date', value: (l) => l.r.periode.du },
  { header: 'Période au', width: 12, kind: 'date', value: (l) => l.r.periode.au },
  { header: 'Décompte', width: 16, value: (l) => l.d.numero },
  { header: 'Version', width: 8, value: (l) => l.d.version },
  { header: 'Sinistre', width: 14, value: (l) => l.d.sinistre.numero },
  { header: 'Catégorie', width: 28, value: (l) => risqueLabels[l.d.sinistre.categorie] },
  { header: 'Agent', width: 26, value: (l) => `${l.d.agent.nom.toUpperCase()} ${l.d.agent.prenom}` },
  { header: 'Nature', width: 22, value: (l) => decompteNatureLabels[l.d.nature] },
  { header: 'Décompte du', width: 12, kind: 'date', value: (l) => l.d.periode.du },
  { header: 'Décompte au', width: 12, kind: 'date', value: (l) => l.d.periode.au },
  { header: 'Montant (€)', width: 14, kind: 'euros', value: (l) => l.d.montant },
  { header: 'Déjà réglé (€)', width: 14, kind: 'euros', value: (l) => l.d.dejaRegle },
  { header: 'Réglé (€)', width: 14, kind: 'euros', value: (l) => l.d.aRegler },
];

const lignes = (batch: TReglementDetail[]): Ligne[] => batch.flatMap((r) => r.decomptes.map((d) => ({ r, d })));
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** CSV as French Excel reads it; amounts are numbers (« -500,00 » included), dates jj/mm/aaaa. */
export function reglementsCsv(batches: AsyncIterable<TReglementDetail[]>): Readable {
  return Readable.from(
    (async function* () {
      yield CSV_BOM + csvLine(columns.map((c) => c.header));
      for await (const batch of batches)
        yield lignes(batch)
          .map((l) =>
            csvLine(
              columns.map((c) => {
                const v = c.value(l);
                if (v === null) return null;
                if (c.kind === 'euros') return csvAmount(v as number);
                if (c.kind === 'date') return frDate(v as string);
                return v;
              }),
            ),
          )
          .join('');
    })(),
  );
}

/** XLSX: amounts as numbers in euros with a currency format, dates as dates. */
export function reglementsXlsx(batches: AsyncIterable<TReglementDetail[]>): Readable {
  const out = new PassThrough();
  (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Règlements', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({
      header: c.header,
      key: String(i),
      width: c.width,
      style: c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.kind === 'euros' ? { numFmt: '#,##0.00 "€"' } : {},
    }));
    for await (const batch of batches) {
      if (out.destroyed) return;
      for (const l of lignes(batch))
        sheet
          .addRow(
            columns.map((c) => {
              const v = c.value(l);
              if (v === null) return null;
              if (c.kind === 'euros') return (v as number) / 100;
              if (c.kind === 'date') {
                const [y, m, d] = (v as string).split('-').map(Number);
                return new Date(Date.UTC(y!, m! - 1, d!));
              }
              return v;
            }),
          )
          .commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/** The download of « Vos règlements » in the format asked. */
export function reglementsExport(batches: AsyncIterable<TReglementDetail[]>, format: 'csv' | 'xlsx') {
  return format === 'xlsx'
    ? { fileName: 'reglements.xlsx', contentType: XLSX_TYPE, body: reglementsXlsx(batches) }
    : { fileName: 'reglements.csv', contentType: 'text/csv; charset=utf-8', body: reglementsCsv(batches) };
}
