import type { Block } from './document.js';

/*
 * Charts of the PDFs, drawn as SVG strings that pdfmake turns into vector paths (svg-to-pdfkit): no
 * browser, no raster. Pure functions of their data, tested on their markup. Texts are escaped: labels
 * come from the users (a service's name).
 */

const FONT = 'DejaVuSans';
const INK = '#333333';
const GRID = '#d0d0d0';
export const BLEU = '#1c5fa8';
export const GRIS = '#8a8a8a';

/** Text as XML character data or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** Coordinates with at most 2 decimals: a shorter file, the same drawing. */
const n = (v: number) => String(Math.round(v * 100) / 100);

function texte(x: number, y: number, value: string, o: { size?: number; anchor?: string; fill?: string } = {}) {
  return `<text x="${n(x)}" y="${n(y)}" font-family="${FONT}" font-size="${o.size ?? 8}" fill="${o.fill ?? INK}"${o.anchor ? ` text-anchor="${o.anchor}"` : ''}>${escapeXml(value)}</text>`;
}

function svg(largeur: number, hauteur: number, corps: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(largeur)}" height="${n(hauteur)}" viewBox="0 0 ${n(largeur)} ${n(hauteur)}">${corps.join('')}</svg>`;
}

/** A label cut to `max` characters with « … », so that a long service name does not run over its bar. */
function court(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * The top of a value axis: a round number (1, 2, 2,5 or 5 × 10ⁿ per step of four) at or above the
 * largest value, so that the grid reads « 0 – 2,5 – 5 – 7,5 – 10 ». 1 for an empty or all-zero series.
 */
export function hautAxe(max: number): { haut: number; pas: number } {
  if (!(max > 0)) return { haut: 1, pas: 0.25 };
  const brut = max / 4;
  const puissance = 10 ** Math.floor(Math.log10(brut));
  const pas = [1, 2, 2.5, 5, 10].map((m) => m * puissance).find((p) => p >= brut - 1e-12)!;
  return { haut: pas * Math.ceil(max / pas - 1e-9), pas };
}

export type Barre = { libelle: string; valeur: number };

/**
 * Horizontal bars, one row per item, each as long as its value relative to the largest (which fills the
 * plot's width); its value printed after it. An empty list draws a line saying there is nothing to show.
 */
export function barresSvg(
  barres: readonly Barre[],
  o: { largeur: number; format: (v: number) => string; vide?: string; couleur?: string },
): string {
  const ligne = 18;
  if (barres.length === 0) return svg(o.largeur, ligne, [texte(0, 12, o.vide ?? 'Aucune donnée à représenter.')]);
  const gauche = Math.min(170, o.largeur * 0.38);
  const droite = 56;
  const trace = o.largeur - gauche - droite;
  const max = Math.max(...barres.map((b) => b.valeur), 0);
  const corps = barres.flatMap((b, i) => {
    const y = i * ligne;
    const l = max > 0 ? (Math.max(b.valeur, 0) / max) * trace : 0;
    return [
      texte(gauche - 6, y + 12, court(b.libelle, 34), { anchor: 'end' }),
      `<rect x="${n(gauche)}" y="${n(y + 3)}" width="${n(l)}" height="12" fill="${o.couleur ?? BLEU}"/>`,
      texte(gauche + l + 4, y + 12, o.format(b.valeur)),
    ];
  });
  return svg(o.largeur, barres.length * ligne + 2, corps);
}

export type Serie = { libelle: string; couleur: string; valeurs: readonly (number | null)[] };

/**
 * Lines over evenly spaced categories (months), on a grid from 0 to a round top, with a legend. A null
 * value is a gap: the line stops there (a hidden month is not joined across); a lone value is a dot.
 */
export function courbesSvg(o: {
  categories: readonly string[];
  series: readonly Serie[];
  largeur: number;
  hauteur: number;
  format: (v: number) => string;
}): string {
  const gauche = 44;
  const haut = 22;
  const bas = 20;
  const droite = 10;
  const valeurs = o.series.flatMap((s) => s.valeurs.filter((v): v is number => v !== null));
  const axe = hautAxe(Math.max(0, ...valeurs));
  const h = o.hauteur - haut - bas;
  const w = o.largeur - gauche - droite;
  const pas = o.categories.length > 1 ? w / (o.categories.length - 1) : 0;
  const x = (i: number) => gauche + (o.categories.length > 1 ? i * pas : w / 2);
  const y = (v: number) => haut + h - (v / axe.haut) * h;
  const corps: string[] = [];
  for (let t = 0; t <= axe.haut + 1e-9; t += axe.pas) {
    corps.push(
      `<line x1="${n(gauche)}" y1="${n(y(t))}" x2="${n(gauche + w)}" y2="${n(y(t))}" stroke="${GRID}" stroke-width="0.5"/>`,
    );
    corps.push(texte(gauche - 4, y(t) + 3, o.format(t), { anchor: 'end', size: 7 }));
  }
  for (const [i, c] of o.categories.entries()) corps.push(texte(x(i), o.hauteur - 6, c, { anchor: 'middle', size: 7 }));
  let legende = gauche;
  for (const s of o.series) {
    corps.push(`<rect x="${n(legende)}" y="4" width="14" height="3" fill="${s.couleur}"/>`);
    corps.push(texte(legende + 18, 9, s.libelle));
    legende += 30 + s.libelle.length * 5;
    // Consecutive known values form one line; a gap starts another.
    let trait: string[] = [];
    const tracer = () => {
      if (trait.length > 1)
        corps.push(`<polyline points="${trait.join(' ')}" fill="none" stroke="${s.couleur}" stroke-width="1.5"/>`);
      trait = [];
    };
    for (const [i, v] of s.valeurs.entries()) {
      if (v === null) {
        tracer();
        continue;
      }
      trait.push(`${n(x(i))},${n(y(v))}`);
      corps.push(`<circle cx="${n(x(i))}" cy="${n(y(v))}" r="1.8" fill="${s.couleur}"/>`);
    }
    tracer();
  }
  return svg(o.largeur, o.hauteur, corps);
}

/** An SVG chart as a block of a document, its text in the documents' font. */
export function chart(svgText: string): Block {
  return { svg: svgText, font: FONT, margin: [0, 4, 0, 8] } as Block;
}
