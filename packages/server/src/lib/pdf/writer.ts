import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

/*
 * The PDFs Statutis writes (sinistre documents, decision letters) share this layout: pdf-lib with the
 * standard Helvetica fonts, A4, a footer on every page.
 */

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;

/**
 * The standard PDF fonts encode WinAnsi: French accents, œ, Œ, Ÿ, « », ’ and € are there, but not
 * the narrow no-break space of French number formatting (a plain no-break space instead). Another
 * letter is written without its accent when the font has the bare letter (Ş → S), else as « ? ».
 */
const UNDECOMPOSABLE: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H' };

function encodable(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const c of text.replace(/[\u202f\u2009]/g, '\u00a0')) {
    if (c === '\n' || supported.has(c.codePointAt(0)!)) out += c;
    else {
      const bare = (UNDECOMPOSABLE[c] ?? c).normalize('NFD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every((b) => supported.has(b.codePointAt(0)!)) ? bare : '?';
    }
  }
  return out;
}

/** A small flowing layout: titles, label–value lines and wrapped paragraphs over as many pages as needed. */
export class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly supported: ReadonlySet<number>;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.supported = new Set([...font.getCharacterSet(), ...bold.getCharacterSet()]);
    this.newPage();
  }
  private winAnsi(text: string) {
    return encodable(text, this.supported);
  }
  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    this.page.drawText(this.winAnsi(this.footer), {
      x: MARGIN,
      y: 30,
      size: 8,
      font: this.font,
      color: rgb(0.3, 0.3, 0.3),
    });
  }
  private need(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }
  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of this.winAnsi(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) > width && line) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
    }
    return lines;
  }
  title(text: string) {
    this.need(40);
    this.page.drawText(this.winAnsi(text), { x: MARGIN, y: this.y - 18, size: 17, font: this.bold });
    this.y -= 36;
  }
  heading(text: string) {
    this.need(34);
    this.y -= 8;
    this.page.drawText(this.winAnsi(text), {
      x: MARGIN,
      y: this.y - 12,
      size: 12,
      font: this.bold,
      color: rgb(0, 0.2, 0.45),
    });
    this.y -= 22;
  }
  field(label: string, value: string | null | undefined) {
    const width = A4[0] - 2 * MARGIN - 170;
    const lines = this.wrap(value?.trim() ? value : '—', this.font, 10, width);
    this.need(14 * lines.length + 4);
    this.page.drawText(this.winAnsi(label), { x: MARGIN, y: this.y - 10, size: 10, font: this.bold });
    for (const [i, line] of lines.entries())
      this.page.drawText(line, { x: MARGIN + 170, y: this.y - 10 - 14 * i, size: 10, font: this.font });
    this.y -= 14 * lines.length + 4;
  }
  paragraph(text: string, size = 10) {
    const lines = this.wrap(text, this.font, size, A4[0] - 2 * MARGIN);
    for (const line of lines) {
      this.need(size + 5);
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font: this.font });
      this.y -= size + 5;
    }
    this.y -= 4;
  }
  signatures(labels: string[]) {
    this.need(110);
    this.y -= 16;
    const width = (A4[0] - 2 * MARGIN - 20 * (labels.length - 1)) / labels.length;
    for (const [i, label] of labels.entries()) {
      const x = MARGIN + i * (width + 20);
      this.page.drawText(this.winAnsi(label), { x, y: this.y - 10, size: 10, font: this.bold });
      this.page.drawText(this.winAnsi('Date et signature :'), { x, y: this.y - 26, size: 9, font: this.font });
      this.page.drawRectangle({
        x,
        y: this.y - 96,
        width,
        height: 62,
        borderColor: rgb(0.5, 0.5, 0.5),
        borderWidth: 0.8,
      });
    }
    this.y -= 110;
  }
}

/** A new A4 document in French with its metadata, and a writer on its first page. */
export async function openDocument(meta: { title: string; author: string; footer: string }) {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setCreator('Statutis');
  doc.setLanguage('fr-FR');
  const [font, bold] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
  ]);
  return { doc, writer: new Writer(doc, font, bold, meta.footer) };
}
