import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import {
  formatDate,
  formatHours,
  formatNir,
  LISTE_COLUMNS,
  type ListeColumn,
  statutLabels,
  type TStatut,
} from '@statutis/domain';
import { yielder } from '../../lib/batches.js';
import { CSV_BOM, csvLine } from '../../lib/csv/write.js';
import type { AgentRow } from './agents.repository.js';

/**
 * Rows read from the database per query while an export is written; the event loop gets a turn
 * between two batches (see readInBatches), so this bounds how long one export holds it: on PGlite,
 * whose queries run on the main thread, 500 rows cost about 15 ms of CPU.
 */
export const EXPORT_BATCH = 500;
/** ExcelJS spends about 0.2 ms per row: the XLSX writer also lets other requests in every this many rows. */
const XLSX_ROWS_PER_TURN = 100;

type Column = { header: string; width: number; date?: boolean; value: (a: AgentRow) => string | null };

const rosterHeader = (key: ListeColumn) => LISTE_COLUMNS.find((c) => c.key === key)!.header;

function tempsTravail(a: AgentRow): string | null {
  if (a.tempsTravail === 'complet') return 'complet';
  if (a.tempsTravail === 'non_complet') return a.heuresHebdo !== null ? formatHours(a.heuresHebdo) : 'non complet';
  return null;
}

/**
 * The roster's own columns first, with its headers and value formats, so an export can be
 * re-imported as is (the extra columns are then ignored); then what only Statutis knows.
 */
const columns: Column[] = [
  // Grouped as everywhere (« 1 84 12 76 451 089 46 »): 15 bare digits would be read by Excel as a
  // number, shown 1,84128E+14 and saved back so; the grouped text stays text, and imports read it.
  { header: rosterHeader('nir'), width: 22, value: (a) => formatNir(a.nir, a.nirCle) },
  { header: rosterHeader('nom'), width: 24, value: (a) => a.nom },
  { header: rosterHeader('prenom'), width: 20, value: (a) => a.prenom },
  { header: rosterHeader('regime'), width: 11, value: (a) => a.regime },
  { header: rosterHeader('statut'), width: 13, value: (a) => statutLabels[a.statut as TStatut] ?? a.statut },
  { header: rosterHeader('dateEntree'), width: 13, date: true, value: (a) => a.dateEntree },
  { header: rosterHeader('emploi'), width: 28, value: (a) => a.emploi },
  { header: rosterHeader('grade'), width: 28, value: (a) => a.grade },
  { header: rosterHeader('tempsTravail'), width: 16, value: tempsTravail },
  { header: 'Nom d’usage', width: 20, value: (a) => a.nomUsage },
  { header: 'Date de naissance', width: 13, date: true, value: (a) => a.dateNaissance },
  { header: 'Sexe', width: 8, value: (a) => (a.sexe === 'F' ? 'Femme' : a.sexe === 'M' ? 'Homme' : null) },
  { header: 'Service', width: 20, value: (a) => a.service },
  { header: 'Date de départ', width: 13, date: true, value: (a) => a.dateDepart },
  {
    header: 'Fiche incomplète',
    width: 10,
    value: (a) => (a.dateNaissance === null || a.tempsTravail === null ? 'oui' : 'non'),
  },
];

/** CSV as French Excel reads it: UTF-8 with BOM, `;`, CRLF, dates jj/mm/aaaa. */
export function agentsCsv(batches: AsyncIterable<AgentRow[]>): Readable {
  return Readable.from(
    (async function* () {
      yield CSV_BOM + csvLine(columns.map((c) => c.header));
      for await (const batch of batches) {
        yield batch
          .map((a) =>
            csvLine(
              columns.map((c) => {
                const value = c.value(a);
                return c.date && value ? formatDate(value) : value;
              }),
            ),
          )
          .join('');
      }
    })(),
  );
}

/** Resolves when the stream can take more, or is gone (the client left). */
async function writable(stream: Writable) {
  if (!stream.writableNeedDrain || stream.destroyed) return;
  await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
}

/**
 * XLSX written row by row with ExcelJS's streaming writer: NIR as text (a spreadsheet would round
 * it), dates as real dates shown jj/mm/aaaa, the header row frozen.
 */
export function agentsXlsx(batches: AsyncIterable<AgentRow[]>): Readable {
  const out = new PassThrough();
  (async () => {
    // ExcelJS is large and only this export needs it: loaded on the first XLSX, not at start-up.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Agents', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({
      header: c.header,
      key: String(i),
      width: c.width,
      style: c.date ? { numFmt: 'dd/mm/yyyy' } : i === 0 ? { numFmt: '@' } : {},
    }));
    const turn = yielder(XLSX_ROWS_PER_TURN);
    for await (const batch of batches) {
      if (out.destroyed) return;
      for (const a of batch) {
        await turn();
        sheet
          .addRow(
            columns.map((c) => {
              const value = c.value(a);
              if (!c.date || !value) return value;
              const [y, m, d] = value.split('-').map(Number);
              return new Date(Date.UTC(y!, m! - 1, d!));
            }),
          )
          .commit();
      }
      await writable(out);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
