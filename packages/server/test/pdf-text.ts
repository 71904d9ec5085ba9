import { inflateSync } from 'node:zlib';

/*
 * Reads back the text of the PDFs Statutis writes (pdfmake → PDFKit, embedded Type0 fonts with a
 * ToUnicode map), page by page and line by line, as a reader sees it: glyph codes are mapped to Unicode
 * through each font's ToUnicode CMap, the runs of a page are sorted top to bottom then left to right,
 * runs on one baseline form a line, and a visible gap between two runs reads as a space.
 */

type PdfObject = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null = header.exec(raw);
  while (match) {
    const start = match.index + match[0].length;
    const end = /\bendobj\b|>>\s*stream\r?\n/g;
    end.lastIndex = start;
    const stop = end.exec(raw);
    if (!stop) break;
    if (stop[0] === 'endobj') {
      found.set(Number(match[1]), { dict: raw.slice(start, stop.index), stream: null });
      header.lastIndex = stop.index;
    } else {
      const dict = raw.slice(start, stop.index + 2);
      const begin = stop.index + stop[0].length;
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const finish = length ? begin + Number(length[1]) : raw.indexOf('endstream', begin);
      const bytes = pdf.subarray(begin, finish);
      found.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(bytes) : bytes });
      header.lastIndex = finish;
    }
    match = header.exec(raw);
  }
  return found;
}

const ref = (text: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
  return m ? Number(m[1]) : null;
};

/** UTF-16BE hex (a ToUnicode destination) → string. */
const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

type Font = { bytes: number; unicode: Map<number, string>; widths: Map<number, number> };

function readFont(all: Map<number, PdfObject>, id: number): Font {
  const dict = all.get(id)!.dict;
  const cmap = all.get(ref(dict, 'ToUnicode')!)!.stream!.toString('latin1');
  const unicode = new Map<number, string>();
  const space = /<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>\s*endcodespacerange/.exec(cmap);
  const bytes = space ? space[1]!.length / 2 : 2;
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      unicode.set(Number.parseInt(src!, 16), utf16(dst!.replace(/\s/g, '')));
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst] of section[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const first = Number.parseInt(lo!, 16);
      const last = Number.parseInt(hi!, 16);
      // A ligature maps to several UTF-16 units, which PDFKit writes spaced: « <0066 0069> » for « fi ».
      if (dst!.startsWith('['))
        for (const [i, d] of [...dst!.matchAll(/<([0-9a-fA-F\s]+)>/g)].entries())
          unicode.set(first + i, utf16(d[1]!.replace(/\s/g, '')));
      else {
        const base = Buffer.from(dst!.slice(1, -1), 'hex');
        for (let code = first; code <= last; code++) {
          const b = Buffer.from(base);
          b.writeUInt16BE(b.readUInt16BE(b.length - 2) + code - first, b.length - 2);
          unicode.set(code, b.swap16().toString('utf16le'));
        }
      }
    }
  // Glyph widths (thousandths of the font size) of the descendant CIDFont: `/W [first [w w …] …]`.
  const widths = new Map<number, number>();
  const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(dict);
  const w = descendant ? /\/W \[([\s\S]*)\]/.exec(all.get(Number(descendant[1]))!.dict) : null;
  if (w)
    for (const [, first, list] of w[1]!.matchAll(/(\d+)\s*\[([^\]]*)\]/g))
      for (const [i, width] of list!.trim().split(/\s+/).entries()) widths.set(Number(first) + i, Number(width));
  return { bytes, unicode, widths };
}

type Run = { x: number; y: number; end: number; text: string };

function runs(content: string, fonts: Map<string, Font>): Run[] {
  const found: Run[] = [];
  const stack: string[] = [];
  let font: Font | undefined;
  let size = 0;
  let x = 0;
  let y = 0;
  const show = (items: (string | number)[]) => {
    let text = '';
    let advance = 0;
    for (const item of items) {
      if (typeof item === 'number') {
        advance -= (item / 1000) * size;
        continue;
      }
      for (let i = 0; i + font!.bytes <= item.length / 2; i += font!.bytes) {
        const code = Number.parseInt(item.slice(2 * i, 2 * (i + font!.bytes)), 16);
        text += font!.unicode.get(code) ?? '\uFFFD';
        advance += ((font!.widths.get(code) ?? 0) / 1000) * size;
      }
    }
    found.push({ x, y, end: x + advance, text });
    x += advance;
  };
  const tokens = content.matchAll(
    /\/[^\s/[\]<>()]+|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|-?\d*\.?\d+|[A-Za-z*'"]+/g,
  );
  let array: (string | number)[] | null = null;
  for (const [token] of tokens) {
    if (token === '[') array = [];
    else if (token === ']') {
      stack.push(JSON.stringify(array));
      array = null;
    } else if (array) {
      if (token.startsWith('<')) array.push(token.slice(1, -1).replace(/\s/g, ''));
      else if (!Number.isNaN(Number(token))) array.push(Number(token));
    } else if (/^[A-Za-z*'"]+$/.test(token)) {
      const operands = stack.splice(0);
      if (token === 'Tf') {
        font = fonts.get(operands[0]!.slice(1));
        size = Number(operands[1]);
      } else if (token === 'Tm') {
        x = Number(operands[4]);
        y = Number(operands[5]);
      } else if (token === 'Td' || token === 'TD') {
        x += Number(operands[0]);
        y += Number(operands[1]);
      } else if (token === 'TJ' && font) show(JSON.parse(operands[0]!));
      else if (token === 'Tj' && font && operands[0]!.startsWith('<')) show([operands[0]!.slice(1, -1)]);
    } else stack.push(token);
  }
  return found;
}

/** The text of each page, its lines separated by « \n ». */
export function pdfPages(pdf: Buffer | Uint8Array): string[] {
  const all = objects(Buffer.from(pdf));
  const catalog = [...all.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pages: PdfObject[] = [];
  const walk = (id: number) => {
    const node = all.get(id)!;
    if (/\/Type \/Pages/.test(node.dict))
      for (const [, kid] of /\/Kids \[([^\]]*)\]/.exec(node.dict)![1]!.matchAll(/(\d+) 0 R/g)) walk(Number(kid));
    else pages.push(node);
  };
  walk(ref(catalog.dict, 'Pages')!);
  const fontCache = new Map<number, Font>();
  return pages.map((page) => {
    const resourcesId = ref(page.dict, 'Resources');
    const resources = resourcesId === null ? page.dict : all.get(resourcesId)!.dict;
    const fonts = new Map<string, Font>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)) {
      if (!fontCache.has(Number(id))) fontCache.set(Number(id), readFont(all, Number(id)));
      fonts.set(name!, fontCache.get(Number(id))!);
    }
    const contents = /\/Contents (?:(\d+) 0 R|\[([^\]]*)\])/.exec(page.dict)!;
    const ids = contents[1] ? [contents[1]] : [...contents[2]!.matchAll(/(\d+) 0 R/g)].map((m) => m[1]!);
    const content = ids.map((id) => all.get(Number(id))!.stream!.toString('latin1')).join('\n');
    // Text matrices are in PDF space (PDFKit undoes its own flip around each run): a larger y is higher.
    const sorted = runs(content, fonts).sort((a, b) => b.y - a.y || a.x - b.x);
    const text: string[] = [];
    let line: Run[] = [];
    const flush = () => {
      line.sort((a, b) => a.x - b.x);
      let out = '';
      for (const [i, run] of line.entries()) {
        const gap = i > 0 && run.x - line[i - 1]!.end > 0.5 && !/\s$/.test(out) && !/^\s/.test(run.text);
        out += (gap ? ' ' : '') + run.text;
      }
      if (line.length) text.push(out.trimEnd());
      line = [];
    };
    for (const run of sorted) {
      if (line.length && Math.abs(run.y - line[0]!.y) > 2) flush();
      line.push(run);
    }
    flush();
    return text.join('\n');
  });
}

/** The text of the whole document, page after page. */
export function pdfText(pdf: Buffer | Uint8Array): string {
  return pdfPages(pdf).join('\n');
}
