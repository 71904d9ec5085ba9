import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numeroSinistre } from './numero.rules.js';

describe('numeroSinistre', () => {
  it.each([
    [1, '2026-03-15', '2026-000001'],
    [123, '2026-01-01', '2026-000123'],
    [999_999, '2025-12-31', '2025-999999'],
    [1_000_000, '2027-06-30', '2027-1000000'],
  ])('%i survenu le %s → %s', (numero, dateSurvenance, expected) => {
    expect(numeroSinistre({ numero, dateSurvenance })).toBe(expected);
  });

  it('keeps the year and the sequence readable back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 2000, max: 2100 }), (numero, year) => {
        const text = numeroSinistre({ numero, dateSurvenance: `${year}-05-01` });
        const [y, n] = text.split('-');
        return Number(y) === year && Number(n) === numero && n!.length >= 6;
      }),
    );
  });
});
