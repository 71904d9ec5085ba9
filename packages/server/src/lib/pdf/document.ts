import { createRequire } from 'node:module';
import { formatDate, formatEuros } from '@statutis/domain';
import type { Content, TableCell } from 'pdfmake';
import pdfmake from 'pdfmake';

/*
 * Every PDF Statutis writes (sinistre documents, decision letters, décomptes, avis de règlement) is laid
 * out here with pdfmake, in DejaVu Sans: the standard PDF fonts only know WinAnsi, which loses « Ł », « ı »,
 * « ễ » and the narrow no-break space of French number formatting. A document is a list of blocks built
 * by the functions below and rendered by `renderDocument`, which adds the header (the issuing organisation)
 * and the footer (the document's line and « Page 1 sur 3 ») on every page.
 */

const require = createRequire(import.meta.url);

/**
 * The fonts are resolved from node_modules at run time, from the sources as from the esbuild bundle in
 * dist/ (the package stays external, like pdfmake itself).
 */
const fontFile = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

let configured = false;
function configure() {
  if (configured) return;
  const family = {
    normal: fontFile('DejaVuSans.ttf'),
    bold: fontFile('DejaVuSans-Bold.ttf'),
    italics: fontFile('DejaVuSans-Oblique.ttf'),
    bolditalics: fontFile('DejaVuSans-BoldOblique.ttf'),
  };
  pdfmake.setFonts({ DejaVuSans: family });
  // A document embeds nothing but its text: no URL is fetched, and no file is read but the fonts.
  const allowed = new Set(Object.values(family));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => allowed.has(file));
  configured = true;
}

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

const MARGIN = 56;
const GREY = '#555555';
const BLUE = '#003373';
const RULE = '#b0b0b0';

/** A block of a document: what the functions below return, in the order it is printed. */
export type Block = Content;

export type DocumentMeta = {
  /** The PDF's title (metadata), e.g. « Enquête administrative — sinistre 2026-000042 ». */
  title: string;
  /** The PDF's author (metadata). */
  author: string;
  /** The organisation issuing the document, at the top left of every page. */
  organisation: string;
  /** A short reference at the top right of every page (« Sinistre n° … », « Décompte n° … »). */
  reference?: string;
  /** The document's line at the bottom left of every page; « Page n sur N » sits at its right. */
  footer: string;
};

/** Renders the blocks as an A4 PDF in French, with the header and footer of `meta` on every page. */
export function renderDocument(meta: DocumentMeta, content: Block[]): Promise<Uint8Array> {
  configure();
  const definition: TDocumentDefinitions = {
    info: { title: meta.title, author: meta.author, creator: 'Statutis', producer: 'Statutis' },
    language: 'fr-FR',
    pageSize: 'A4',
    pageMargins: [MARGIN, 64, MARGIN, 56],
    defaultStyle: { font: 'DejaVuSans', fontSize: 10, lineHeight: 1.15 },
    header: () => ({
      margin: [MARGIN, 28, MARGIN, 0],
      columns: [
        { text: meta.organisation, bold: true, fontSize: 9, color: BLUE },
        { text: meta.reference ?? '', fontSize: 9, color: GREY, alignment: 'right' },
      ],
    }),
    footer: (page: number, pages: number) => ({
      margin: [MARGIN, 16, MARGIN, 0],
      columns: [
        { text: meta.footer, fontSize: 8, color: GREY, width: '*' },
        { text: `Page ${page} sur ${pages}`, fontSize: 8, color: GREY, width: 76, alignment: 'right' },
      ],
    }),
    // A heading in the last tenth of a page (or last on it) moves to the next one, with what it introduces.
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === 1 &&
      (node.startPosition.verticalRatio > 0.9 || nodes.getFollowingNodesOnPage().length === 0),
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

/** The document's title, once, at the top of its first page (or of a letter's body). */
export function title(text: string): Block {
  return { text, fontSize: 16, bold: true, margin: [0, 4, 0, 14] };
}

/** A section heading; kept with the block that follows it. */
export function heading(text: string): Block {
  return { text, fontSize: 12, bold: true, color: BLUE, margin: [0, 10, 0, 6], headlineLevel: 1 };
}

/** A wrapped paragraph. */
export function paragraph(text: string, options: { size?: number } = {}): Block {
  return { text, fontSize: options.size ?? 10, margin: [0, 0, 0, 6] };
}

/**
 * Consecutive short lines printed as one block (an address, a signature); `right` puts it in the right
 * half of the page, where a letter's recipient and signature go.
 */
export function lines(texts: string[], options: { right?: boolean } = {}): Block {
  return { stack: texts.map((text) => ({ text })), margin: options.right ? [260, 8, 0, 10] : [0, 0, 0, 10] };
}

/** Label–value lines; an empty value prints « — » so that a missing answer reads as such. */
export function fields(rows: [label: string, value: string | null | undefined][]): Block {
  return {
    table: {
      widths: [160, '*'],
      body: rows.map(([label, value]) => [{ text: label, bold: true }, { text: value?.trim() ? value : '—' }]),
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: (i) => (i === 0 ? 10 : 0),
      paddingTop: () => 1,
      paddingBottom: () => 2,
    },
    margin: [0, 0, 0, 4],
  };
}

/** Labels with a blank ruled space to fill in by hand (a form given to a practitioner). */
export function blanks(labels: string[]): Block {
  return {
    table: { widths: [160, '*'], body: labels.map((label) => [{ text: label, bold: true }, { text: ' ' }]) },
    layout: {
      hLineWidth: (i) => (i === 0 ? 0 : 0.6),
      hLineColor: () => RULE,
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingTop: () => 9,
      paddingBottom: () => 3,
    },
    margin: [0, 0, 0, 8],
  };
}

/** Side-by-side boxes for a date and a signature, kept on one page. */
export function signatures(labels: string[]): Block {
  return {
    unbreakable: true,
    margin: [0, 16, 0, 0],
    columnGap: 20,
    columns: labels.map((label) => ({
      width: '*',
      stack: [
        { text: label, bold: true },
        { text: 'Date et signature :', fontSize: 9, margin: [0, 2, 0, 4] },
        {
          table: { widths: ['*'], heights: [62], body: [[{ text: '' }]] },
          layout: {
            hLineColor: () => '#808080',
            vLineColor: () => '#808080',
            hLineWidth: () => 0.8,
            vLineWidth: () => 0.8,
          },
        },
      ],
    })),
  };
}

export type Column = {
  header: string;
  /**
   * Points of text (the cell's 4-point paddings come on top), or « * » to share the remaining width (the
   * default), or « auto » to fit the content when there is room.
   */
  width?: number | '*' | 'auto';
  /** Amounts in cents: printed « 1 234,56 € » and right-aligned, as are their header and totals. */
  amount?: boolean;
  /** Other right-aligned columns (counts, rates). */
  right?: boolean;
};

/** A cell: text as printed, or cents in an `amount` column. */
export type Cell = string | number;

function cell(column: Column, value: Cell, extra: { bold?: boolean } = {}): TableCell {
  const text = column.amount && typeof value === 'number' ? formatEuros(value) : String(value);
  return { text, alignment: column.amount || column.right ? 'right' : 'left', ...extra };
}

/**
 * A table over as many pages as needed: its header row is repeated at the top of each page, a row is
 * never cut between two pages, amounts are right-aligned. `totals` are bold rows under a rule after the
 * last row: a label over every column but the last, which must be an amount column, and its amount.
 */
export function table(
  columns: Column[],
  rows: Cell[][],
  options: { totals?: [label: string, cents: number][] } = {},
): Block {
  const totals = options.totals ?? [];
  const last = columns.at(-1)!;
  const header = columns.map((c) => cell(c, c.header, { bold: true }));
  const body = rows.map((row) => columns.map((c, i) => cell(c, row[i] ?? '')));
  const totalRows = totals.map(([label, cents]) => [
    { text: label, bold: true, colSpan: columns.length - 1 },
    ...columns.slice(2).map(() => ({ text: '' })),
    cell(last, cents, { bold: true }),
  ]);
  const firstTotal = 1 + body.length;
  return {
    table: {
      headerRows: 1,
      // The header row never ends a page alone.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => c.width ?? '*'),
      body: [header, ...body, ...totalRows],
    },
    layout: {
      fillColor: (i) => (i === 0 ? '#e8edf3' : null),
      hLineWidth: (i, node) =>
        i === 0 || i === 1 || i === node.table.body.length || (totals.length > 0 && i === firstTotal) ? 0.8 : 0.3,
      hLineColor: (i) => (i <= 1 || i === firstTotal ? '#606060' : RULE),
      vLineWidth: () => 0,
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize: 9,
    margin: [0, 2, 0, 10],
  };
}

/** « du 18/03/2026 au 31/03/2026 ». */
export function formatPeriode(periode: { debut: string; fin: string }): string {
  return `du ${formatDate(periode.debut)} au ${formatDate(periode.fin)}`;
}
