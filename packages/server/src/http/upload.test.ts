import { describe, expect, it } from 'vitest';
import { attachment, FILE_NAME_MAX, sanitizeFileName } from './upload.js';

const FAMILY = '👨\u200d👩\u200d👧\u200d👦'; // 7 code points, one grapheme
const codePoints = (s: string) => [...s].length;
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('sanitizeFileName', () => {
  it.each([
    ['a plain name', 'Arrêt de travail.pdf', 'Arrêt de travail.pdf'],
    ['a path', '../../etc/passwd', 'passwd'],
    ['a Windows path', 'C:\\Users\\camille\\Bureau\\cerfa.pdf', 'cerfa.pdf'],
    ['a right-to-left override', 'facture\u202efdp.exe', 'facturefdp.exe'],
    [
      'every bidi control',
      '\u202aa\u202bb\u202cc\u202dd\u2066e\u2067f\u2068g\u2069h\u200ei\u200fj\u061ck.pdf',
      'abcdefghijk.pdf',
    ],
    ['zero-width space and BOM', '\ufeffre\u200bçu.pdf', 'reçu.pdf'],
    ['control characters', 'a\u0000b\u0007c\u009b.pdf', 'abc.pdf'],
    ['a lone surrogate', 'a\ud800b.pdf', 'ab.pdf'],
    ['reserved characters', 'a<b>c:d"e|f?g*h.pdf', 'abcdefgh.pdf'],
    ['line separators and tabs become spaces', 'a\u2028b\tc\nd.pdf', 'a b c d.pdf'],
    ['leading dots', '...htaccess', 'htaccess'],
    ['decomposed accents, recomposed', 'Re\u0301sume\u0301.pdf', 'Résumé.pdf'],
    ['a Persian zero-width non-joiner, kept', 'می\u200cخواهم.pdf', 'می\u200cخواهم.pdf'],
    ['a family emoji, kept whole', `${FAMILY}.png`, `${FAMILY}.png`],
    ['nothing left', '\u202e\u0000', 'document'],
  ])('%s', (_label, input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('cuts a long emoji name between characters, keeping the extension', () => {
    const name = sanitizeFileName(`${'😀'.repeat(200)}.pdf`);
    expect(name).toBe(`${'😀'.repeat(FILE_NAME_MAX - 4)}.pdf`);
    expect(wellFormed(name)).toBe(true);
    expect(codePoints(name)).toBe(FILE_NAME_MAX);
  });

  it('never splits a ZWJ sequence: a family that does not fit is left out whole', () => {
    const name = sanitizeFileName(`${'a'.repeat(FILE_NAME_MAX - 12)}${FAMILY}${FAMILY}.pdf`);
    expect(name).toBe(`${'a'.repeat(FILE_NAME_MAX - 12)}${FAMILY}.pdf`);
    expect(codePoints(name)).toBe(FILE_NAME_MAX - 1);
  });

  it('never separates a letter from its combining accent', () => {
    // q́ has no precomposed form: two code points per grapheme, whatever the normalisation.
    const name = sanitizeFileName(`${'q\u0301'.repeat(100)}.pdf`);
    expect(name).toBe(`${'q\u0301'.repeat((FILE_NAME_MAX - 4) / 2)}.pdf`);
  });

  it('keeps the start of a long name without extension', () => {
    expect(sanitizeFileName('x'.repeat(300))).toBe('x'.repeat(FILE_NAME_MAX));
  });
});

describe('attachment', () => {
  it('names the cleaned file, in ASCII and in RFC 5987 UTF-8', () => {
    expect(attachment('facture\u202efdp.exe')).toBe(
      `attachment; filename="facturefdp.exe"; filename*=UTF-8''facturefdp.exe`,
    );
    expect(attachment('l’été (1)*.pdf')).toBe(
      `attachment; filename="lete (1).pdf"; filename*=UTF-8''l%E2%80%99%C3%A9t%C3%A9%20%281%29.pdf`,
    );
    // A name stored before this cleaning still downloads, cleaned.
    expect(attachment(`${'😀'.repeat(74)}\ud83d`)).toBe(
      `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent('😀'.repeat(74))}`,
    );
  });
});
