import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.js';
import { barresSvg, chart, courbesSvg, escapeXml, hautAxe } from './charts.js';
import { renderDocument } from './document.js';

const format = (v: number) => `${v} j`;

/** The bars' widths, in order. */
const largeurs = (svg: string) => [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
/** The texts, unescaped as an XML reader sees them. */
const textes = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );

describe('graphiques SVG des PDF', () => {
  it('draws each bar in proportion to its value, the largest filling the plot', () => {
    // Plot width: 483 − min(170, 483 × 0,38 = 183,54) − 56 = 257. 1 288 fills it; 56 → 56 / 1 288 × 257 = 11,17.
    const svg = barresSvg(
      [
        { libelle: 'Maladie ordinaire', valeur: 1288 },
        { libelle: 'Longue maladie', valeur: 56 },
        { libelle: 'Maternité', valeur: 0 },
      ],
      { largeur: 483, format },
    );
    expect(largeurs(svg)).toEqual([257, 11.17, 0]);
    expect(textes(svg)).toEqual(['Maladie ordinaire', '1288 j', 'Longue maladie', '56 j', 'Maternité', '0 j']);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="483" height="56"/);
  });

  it('keeps bars proportional whatever the values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (valeurs) => {
        const w = largeurs(
          barresSvg(
            valeurs.map((valeur, i) => ({ libelle: `L${i}`, valeur })),
            { largeur: 400, format },
          ),
        );
        const max = Math.max(...valeurs);
        const plot = 400 - Math.min(170, 400 * 0.38) - 56;
        for (const [i, v] of valeurs.entries()) expect(w[i]).toBeCloseTo(max === 0 ? 0 : (v / max) * plot, 1);
      }),
    );
  });

  it('says there is nothing to show for an empty series, and draws no bar nor line', () => {
    const vide = barresSvg([], { largeur: 300, format, vide: 'Aucun jour d’arrêt à représenter.' });
    expect(largeurs(vide)).toEqual([]);
    expect(textes(vide)).toEqual(['Aucun jour d’arrêt à représenter.']);
    const courbe = courbesSvg({
      categories: [],
      series: [{ libelle: '2024', couleur: '#000', valeurs: [] }],
      largeur: 300,
      hauteur: 100,
      format: String,
    });
    expect(courbe).not.toContain('<polyline');
    expect(courbe).not.toContain('<circle');
    expect(courbe).not.toContain('NaN');
  });

  it('escapes the labels: a service named « R&D <Nord> » stays text', () => {
    expect(escapeXml(`R&D <Nord> "A" l'été`)).toBe('R&amp;D &lt;Nord&gt; &quot;A&quot; l&apos;été');
    const svg = barresSvg([{ libelle: 'R&D <Nord>', valeur: 3 }], { largeur: 300, format });
    expect(svg).toContain('>R&amp;D &lt;Nord&gt;</text>');
    expect(textes(svg)[0]).toBe('R&D <Nord>');
    const courbe = courbesSvg({
      categories: ['a<b'],
      series: [{ libelle: 'x&y', couleur: '#000', valeurs: [1] }],
      largeur: 200,
      hauteur: 100,
      format: String,
    });
    expect(courbe).toContain('>a&lt;b</text>');
    expect(courbe).toContain('>x&amp;y</text>');
  });

  it('breaks a line at a hidden month, and puts each value at its height on a round axis', () => {
    // Top 30 (steps of 10) for a maximum of 27,5; plot 190 − 22 − 20 = 148 high from y = 22:
    // 27,5 → 22 + 148 − 27,5 / 30 × 148 = 34,33; 0 → 170.
    const svg = courbesSvg({
      categories: ['janv.', 'févr.', 'mars', 'avr.', 'mai'],
      series: [{ libelle: '2024', couleur: '#123456', valeurs: [27.5, 0, null, 10, 20] }],
      largeur: 444,
      hauteur: 190,
      format: (v) => `${v} %`,
    });
    const lignes = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(' '));
    // Plot 444 − 44 − 10 = 390 wide, 4 gaps of 97,5: x = 44, 141,5, (239), 336,5, 434.
    expect(lignes).toEqual([
      ['44,34.33', '141.5,170'],
      ['336.5,120.67', '434,71.33'],
    ]);
    expect(textes(svg)).toEqual(
      expect.arrayContaining(['0 %', '10 %', '20 %', '30 %', 'janv.', 'févr.', 'mars', 'avr.', 'mai', '2024']),
    );
  });

  it('rounds the axis to 1, 2, 2,5 or 5 × 10ⁿ per step', () => {
    expect(hautAxe(27.5)).toEqual({ haut: 30, pas: 10 });
    expect(hautAxe(9.56)).toEqual({ haut: 10, pas: 2.5 });
    expect(hautAxe(1288)).toEqual({ haut: 1500, pas: 500 });
    expect(hautAxe(0)).toEqual({ haut: 1, pas: 0.25 });
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (max) => {
        const { haut, pas } = hautAxe(max);
        // At or above the maximum, but for a rounding of the last digit.
        expect(haut).toBeGreaterThanOrEqual(max * (1 - 1e-12));
        expect(haut / pas).toBeLessThanOrEqual(5 + 1e-9);
      }),
    );
  });

  it('renders in a PDF as vectors, its labels in the documents’ font', async () => {
    const pdf = await renderDocument({ title: 'T', author: 'A', organisation: 'O', footer: 'F' }, [
      chart(barresSvg([{ libelle: 'Services « techniques » & Cie', valeur: 12 }], { largeur: 400, format })),
    ]);
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('/Subtype /Image');
    expect(pdfText(pdf)).toContain('Services « techniques » & Cie');
  });
});
