import { inflateSync } from 'node:zlib';

/** WinAnsi is Latin-1 but for 0x80–0x9F, where it keeps typography (Node decodes it as Latin-1). */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: '€',
  133: '…',
  138: 'Š',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  150: '–',
  151: '—',
  154: 'š',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};
const winAnsi = {
  decode: (bytes: Buffer) => Array.from(bytes, (b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join(''),
};

/**
 * The text shown by a PDF written with pdf-lib's standard fonts: its content streams are inflated
 * and the hex strings of the text operators decoded (WinAnsi).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) texts.push(winAnsi.decode(Buffer.from(hex[1]!, 'hex')));
  }
  return texts.join('\n');
}
