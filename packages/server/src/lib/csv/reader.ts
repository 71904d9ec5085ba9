import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { type CsvEncoding, decodeText } from './decode.js';

export type CsvDelimiter = ';' | ',' | '\t';

/** One record of the file; `ligne` is its row number in a spreadsheet (the first row is 1). */
export type CsvRow = { ligne: number; cells: string[] };

/** A file csv-parse cannot read past (an unclosed quote, an endless line). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly ligne: number,
    message: string,
  ) {
    super(message);
  }
}

/** Longest record accepted, in characters: bounds memory when a quote is never closed. */
const MAX_RECORD_CHARS = 100_000;
/** How much text is looked at to find the header line. */
const HEADER_SCAN_CHARS = 64 * 1024;

/**
 * The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes.
 * `;` (what French Excel writes) when none appears or on a tie.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  let best: CsvDelimiter = ';';
  for (const d of [',', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

const syntaxMessages: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Un guillemet ouvert n’est jamais refermé : vérifiez les guillemets à partir de cette ligne.',
  CSV_MAX_RECORD_SIZE: `Ligne trop longue (plus de ${MAX_RECORD_CHARS.toLocaleString('fr-FR')} caractères) : un guillemet est sans doute mal placé.`,
};

/**
 * Reads a CSV byte stream record by record: decodes it, takes the delimiter from the header line,
 * skips blank rows (empty, or only delimiters as spreadsheets write them) while keeping the row
 * numbers a spreadsheet shows. Stray quotes inside a field are kept as text.
 * Throws CsvSyntaxError when the file cannot be read further.
 */
export async function* readCsv(source: AsyncIterable<Buffer>, encoding: CsvEncoding): AsyncGenerator<CsvRow> {
  const text = decodeText(source, encoding)[Symbol.asyncIterator]();
  try {
    yield* parseText(text);
  } finally {
    // Closes the source (a file stream) when the reader stops early, e.g. past the line limit.
    await text.return(undefined);
  }
}

async function* parseText(text: AsyncIterator<string>): AsyncGenerator<CsvRow> {
  let head = '';
  let done = false;
  while (!head.includes('\n') && head.length < HEADER_SCAN_CHARS) {
    const next = await text.next();
    if (next.done) {
      done = true;
      break;
    }
    head += next.value;
  }
  const delimiter = detectDelimiter(head.split('\n', 1)[0] ?? '');
  const parser = parse({
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const feeding = pipeline(
    Readable.from(
      (async function* () {
        yield head;
        if (done) return;
        for (let next = await text.next(); !next.done; next = await text.next()) yield next.value;
      })(),
    ),
    parser,
  );
  // Errors surface through the parser's iteration below; this only avoids an unhandled rejection.
  feeding.catch(() => {});
  let ligne = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      ligne++;
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { ligne, cells: record };
    }
  } catch (e) {
    if (e instanceof CsvError) {
      throw new CsvSyntaxError(ligne + 1, syntaxMessages[e.code] ?? `Ligne illisible (${e.message}).`);
    }
    throw e;
  }
}
