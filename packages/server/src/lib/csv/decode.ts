import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';

/** The encodings French spreadsheets save CSV in: UTF-8 (with or without BOM) and Windows-1252. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/**
 * UTF-8 if the whole stream decodes as UTF-8 (pure ASCII included), Windows-1252 otherwise. A
 * Windows-1252 file with accents is almost never valid UTF-8 (é is the lone byte 0xE9), so a strict
 * decode over the whole file is a reliable test. Consumes the stream.
 */
export async function detectEncoding(source: Readable): Promise<CsvEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (e) {
    if (e instanceof TypeError) {
      source.destroy();
      return 'windows-1252';
    }
    throw e;
  }
}

/**
 * Decodes a byte stream to text with iconv-lite: Node 20's TextDecoder('windows-1252') decodes as
 * Latin-1 and loses € and œ. A UTF-8 BOM is removed.
 */
export async function* decodeText(source: AsyncIterable<Buffer>, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding === 'utf-8' ? 'utf8' : 'win1252', { stripBOM: true });
  for await (const chunk of source) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
