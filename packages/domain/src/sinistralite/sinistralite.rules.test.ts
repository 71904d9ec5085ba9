import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expliquerRapport, formatRapport, RAPPORT_SCALE, rapportSP } from './sinistralite.rules.js';

describe('rapportSP', () => {
  it.each([
    // 8 531,20 € of premiums (99 200 € × 8,60 %), 7 288,40 € of reimbursements:
    // 728 840 × 10 000 / 853 120 = 8 543,22… → 8 543 (85,43 %).
    [728_840, 853_120, 8_543],
    // Exactly the premiums: 100 %.
    [853_120, 853_120, 10_000],
    // Twice the premiums: 200 % (an insurer ends such a contract).
    [1_706_240, 853_120, 20_000],
    // Nothing paid: 0 %.
    [0, 853_120, 0],
    // Half-up: 1 × 10 000 / 20 000 = 0,5 → 1 basis point.
    [1, 20_000, 1],
    // 1 × 10 000 / 30 000 = 0,33… → 0.
    [1, 30_000, 0],
    // A credit larger than the payments of the year (a regularisation): negative.
    [-50_000, 1_000_000, -500],
  ])('%i c of sinistres over %i c of primes → %i', (s, p, expected) => {
    expect(rapportSP(s, p)).toBe(expected);
  });

  it('has no value without premiums', () => {
    expect(rapportSP(100_000, 0)).toBeNull();
  });

  it('properties: proportional, monotone, within half a basis point of the exact ratio', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000_000 });
    const primes = fc.integer({ min: 1, max: 10_000_000_000 });
    fc.assert(
      fc.property(cents, primes, fc.integer({ min: 1, max: 1_000 }), (s, p, k) => {
        const r = rapportSP(s, p)!;
        expect(Math.abs(r - (s * RAPPORT_SCALE) / p)).toBeLessThanOrEqual(0.5);
        expect(rapportSP(s * k, p * k)).toBe(r);
      }),
    );
    fc.assert(
      fc.property(cents, cents, primes, (a, b, p) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rapportSP(lo, p)!).toBeLessThanOrEqual(rapportSP(hi, p)!);
      }),
    );
  });
});

describe('formatRapport', () => {
  it.each([
    [8_543, '85,43 %'],
    [10_000, '100,00 %'],
    [123_456, '1 234,56 %'],
    [5, '0,05 %'],
    [-500, '-5,00 %'],
    [null, '—'],
  ])('%s → %s', (r, text) => {
    expect(formatRapport(r).replace(/\u202f/g, ' ')).toBe(text);
  });
});

describe('expliquerRapport', () => {
  it('says the numbers and the base used', () => {
    expect(
      expliquerRapport({ regle: 500_000, du: 228_840, primes: 853_120, baseType: 'previsionnelle' }).replace(
        /[\u202f\u00a0]/g,
        ' ',
      ),
    ).toBe(
      'S/P = remboursements (5 000,00 € réglés + 2 288,40 € validés à régler) ÷ primes (8 531,20 €, la cotisation ' +
        'sur la base prévisionnelle (la base réelle n’est pas encore déclarée)) = 85,43 %.',
    );
  });
  it('explains a missing ratio instead of dividing by zero', () => {
    expect(expliquerRapport({ regle: 100, du: 0, primes: 0, baseType: null })).toMatch(
      /^Pas de rapport S\/P : aucune base déclarée pour cette année/,
    );
  });
});
