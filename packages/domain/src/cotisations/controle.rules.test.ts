import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseParAgent, ecart, explicationEcart, formatVariation, mediane } from './controle.rules.js';

describe('contrôle des appels: base par agent CNRACL', () => {
  it.each([
    // 99 200 € / 8 agents = 12 400 €
    [9_920_000, 8, 1_240_000],
    // 100 000 € / 3 = 33 333,333… € → 33 333,33 €
    [10_000_000, 3, 3_333_333],
    [10_000_000, 0, null],
  ])('base %i over %i agents → %s', (assiette, effectif, attendu) => {
    expect(baseParAgent(assiette, effectif)).toBe(attendu);
  });

  it.each([
    [[], null],
    [[3], 3],
    // 10 800, 12 000, 12 400 → 12 000
    [[1_240_000, 1_080_000, 1_200_000], 1_200_000],
    // (10 800 + 12 000) / 2 = 11 400
    [[1_240_000, 1_080_000, 1_200_000, 1_300_000], 1_220_000],
  ])('median of %j = %s', (v, m) => expect(mediane(v)).toBe(m));

  it.each([
    // (12 400 − 10 800) / 10 800 = +14,814… % → 1481, flagged
    [1_240_000, 1_080_000, 1481, true],
    // exactly +10 %: 11 880 against 10 800 — not above, not flagged
    [1_188_000, 1_080_000, 1000, false],
    // 11 880,01 €: one cent above 10 % — flagged
    [1_188_001, 1_080_000, 1000, true],
    // (9 000 − 10 800) / 10 800 = −16,666… % → −1667, flagged
    [900_000, 1_080_000, -1667, true],
  ])('%i against %i: %i hundredths of a percent, flagged %s', (c, r, variation, signale) => {
    expect(ecart(c, r)).toEqual({ reference: r, variation, signale });
  });

  it('no comparison without both figures', () => {
    expect(ecart(null, 1)).toBeNull();
    expect(ecart(1, null)).toBeNull();
    expect(ecart(1, 0)).toBeNull();
  });

  it('explains in French what is out of ± 10 %', () => {
    expect(formatVariation(1481)).toBe('+14,81 %');
    expect(formatVariation(-1667)).toBe('−16,67 %');
    const texte = explicationEcart({
      annee: 2026,
      baseParAgent: 1_240_000,
      anneePrecedente: ecart(1_240_000, 1_080_000),
      medianeCdg: ecart(1_240_000, 1_200_000),
    });
    expect(texte?.replace(/\s/g, ' ')).toBe(
      'Base par agent CNRACL de 12 400,00 € : +14,81 % par rapport à 2025 (10 800,00 € par agent), au-delà de ± 10 %. Vérifiez l’effectif et la base déclarés avant d’émettre.',
    );
    expect(
      explicationEcart({
        annee: 2026,
        baseParAgent: 1_240_000,
        anneePrecedente: ecart(1_240_000, 1_200_000),
        medianeCdg: null,
      }),
    ).toBeNull();
  });

  it('property: flagged iff the variation is strictly beyond 10 % of the reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (c, r) => {
        const e = ecart(c, r)!;
        if (Math.abs(c - r) * 10 !== r) expect(e.signale).toBe(Math.abs(c - r) / r > 0.1);
        else expect(e.signale).toBe(false);
        expect(mediane([c, r])).toBeGreaterThanOrEqual(Math.min(c, r));
        expect(mediane([c, r])).toBeLessThanOrEqual(Math.max(c, r));
      }),
    );
  });
});
