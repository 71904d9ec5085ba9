import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSiret, isValidSiren, isValidSiret } from './siret.js';

describe('SIRET', () => {
  it.each([
    // Luhn sums worked by hand: 2·2=4,1,5·2=1,3,0,1·2=2,3,0·2=0,1,0·2=0,0,0·2=0,… total 20.
    ['21530130100010', true],
    ['215 301 301 00010', true],
    ['21530130100016', false],
    ['73282932000074', true], // the example SIRET INSEE publishes (sum 50)
    ['73282932000075', false],
    ['35600000000001', true], // La Poste: digit sum 3+5+6+1 = 15, a multiple of 5
    ['35600000000048', false], // La Poste: digit sum 26
    ['1234567890123', false],
    ['123456789012345', false],
    ['2153013010001A', false],
    ['', false],
  ])('%s → %s', (siret, expected) => {
    expect(isValidSiret(siret)).toBe(expected);
  });

  it('SIREN', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
  });

  it('formats', () => {
    expect(formatSiret('21530130100010')).toBe('215 301 301 00010');
  });

  it('property: changing one digit of a valid SIRET breaks the key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const valid = '21530130100010';
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        return !isValidSiret(changed);
      }),
    );
  });
});
