import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../src/lib/csv/decode.js';
import { CsvSyntaxError, detectDelimiter, readCsv } from '../src/lib/csv/reader.js';
import { csvLine } from '../src/lib/csv/write.js';

/** A byte stream cut in small chunks, so that characters and lines straddle chunk boundaries. */
const chunked = (bytes: Buffer, size = 3) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );

async function rows(bytes: Buffer, encoding: 'utf-8' | 'windows-1252' = 'utf-8') {
  const out: [number, string[]][] = [];
  for await (const row of readCsv(chunked(bytes), encoding)) out.push([row.ligne, row.cells]);
  return out;
}

describe('lecture CSV (liste nominative)', () => {
  it('tells Windows-1252 from UTF-8 on the whole file', async () => {
    const text = 'Nom;Emploi\r\nCœur;Prime 50 € – d’été\r\n';
    expect(await detectEncoding(chunked(iconv.encode(text, 'win1252')))).toBe('windows-1252');
    expect(await detectEncoding(chunked(Buffer.from(`\uFEFF${text}`)))).toBe('utf-8');
    expect(await detectEncoding(chunked(Buffer.from('NIR;Nom\n1;A\n')))).toBe('utf-8');
    // A late byte that is not UTF-8 is enough.
    expect(
      await detectEncoding(chunked(Buffer.concat([Buffer.from('a;b\n'.repeat(10_000)), Buffer.from([0xe9])]))),
    ).toBe('windows-1252');
  });

  it('decodes Windows-1252 with iconv-lite: € and œ survive', async () => {
    const bytes = iconv.encode('Nom;Emploi\r\nCœur;Prime 50 €\r\n', 'win1252');
    expect(await rows(bytes, 'windows-1252')).toEqual([
      [1, ['Nom', 'Emploi']],
      [2, ['Cœur', 'Prime 50 €']],
    ]);
  });

  it.each([
    ['NIR;Nom;Prénom', ';'],
    ['NIR,Nom,Prénom', ','],
    ['NIR\tNom\tPrénom', '\t'],
    ['"Nom, prénom";NIR;Statut', ';'],
    ['NIR', ';'],
  ])('delimiter of %j → %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });

  it('skips blank rows but keeps the row numbers a spreadsheet shows', async () => {
    const text = '\uFEFFNIR;Nom\r\n1;"Sur deux\r\nlignes"\r\n\r\n;\r\n2;Dupont "dit" Jean\r\n';
    expect(await rows(Buffer.from(text))).toEqual([
      [1, ['NIR', 'Nom']],
      [2, ['1', 'Sur deux\r\nlignes']],
      [5, ['2', 'Dupont "dit" Jean']],
    ]);
  });

  it('stops at a quote never closed, naming its row', async () => {
    const error = await rows(Buffer.from('NIR;Nom\n1;A\n2;"B\n3;C\n')).catch((e) => e);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error.ligne).toBe(3);
    expect(error.message).toContain('guillemet');
  });
});

describe('écriture CSV', () => {
  it('quotes what needs it and neutralises formulas', () => {
    expect(csvLine(['a', 'b;c', 'd"e', null, 'f\ng'])).toBe('a;"b;c";"d""e";;"f\ng"\r\n');
    expect(csvLine(['=1+1', '+33', '-2', '@SUM(A1)', 'ok'])).toBe("'=1+1;'+33;'-2;'@SUM(A1);ok\r\n");
  });
});
