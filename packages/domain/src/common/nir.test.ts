import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNir, checkNirIdentite, cleanNir, formatNir, maskNir, nirKey, sexeFromNir } from './nir.js';

describe('NIR', () => {
  it.each([
    // The example printed in Ameli's guides: key 46.
    ['1841276451089', '46'],
    ['2690549588157', '80'],
    // Corsica: 2A counts as 19, 2B as 18 before the modulo (185051912345 6 → 33, 185051812345 6 → 60).
    ['185052A123456', '33'],
    ['185052B123456', '60'],
  ])('key of %s is %s', (nir, key) => {
    expect(nirKey(nir)).toBe(key);
  });

  it.each([
    ['1841276451089', { ok: true, nir: '1841276451089', cle: null, temporaire: false, sexe: 1 }],
    ['1 84 12 76 451 089 46', { ok: true, cle: '46', sexe: 1 }],
    ['184127645108946', { ok: true, cle: '46' }],
    ['2 69 05 49 588 157 80', { ok: true, sexe: 2, anneeNaissance: '69', moisNaissance: '05' }],
    ['185052a12345633', { ok: true, nir: '185052A123456', cle: '33' }],
    ['185052B12345660', { ok: true, nir: '185052B123456' }],
    ['7841276451089', { ok: true, temporaire: true, sexe: null }],
    ['884127645108900', { ok: true, temporaire: true }], // a temporary number's key is not checked
  ])('accepts %s', (input, expected) => {
    expect(checkNir(input)).toMatchObject(expected);
  });

  it.each([
    ['184127645108947', 'clé du NIR est fausse'],
    ['184127645108', '13 chiffres'],
    ['18412764510891', '13 chiffres'],
    ['1841276451089467', '13 chiffres'],
    ['5841276451089', 'premier chiffre'],
    // 3 and 4 are no longer issued; 0, 5, 6 and 9 never were.
    ['3841276451089', 'premier chiffre'],
    ['4841276451089', 'premier chiffre'],
    ['0841276451089', 'premier chiffre'],
    ['9841276451089', 'premier chiffre'],
    ['18412764510AB', 'que des chiffres'],
    ['1840076451089', 'ne peut être 00'],
    ['1841276451089A6', 'clé du NIR est composée de 2 chiffres'],
  ])('refuses %s with a French reason', (input, fragment) => {
    const result = checkNir(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  it('names the expected key in the message', () => {
    const result = checkNir('184127645108947');
    expect(!result.ok && result.message).toContain('elle vaut 46');
  });

  it.each([
    ['1841276451089', '46', '1 84 12 76 451 089 46'],
    // The key is always shown: computed when the agent was recorded without it.
    ['1841276451089', null, '1 84 12 76 451 089 46'],
    ['184127645108946', undefined, '1 84 12 76 451 089 46'],
    ['185052A123456', null, '1 85 05 2A 123 456 33'],
    ['2690549588157', '', '2 69 05 49 588 157 80'],
    // A temporary number has no meaningful key: none is shown.
    ['7841276451089', null, '7 84 12 76 451 089'],
    ['884127645108900', '00', '8 84 12 76 451 089'],
  ])('formats %s (clé %s) as %s', (nir, cle, shown) => {
    expect(formatNir(nir, cle)).toBe(shown);
  });

  it.each([
    ['1841276451089', 'M'],
    ['2690549588157', 'F'],
    ['7841276451089', null],
    ['8841276451089', null],
  ])('sex given by %s: %s', (nir, sexe) => {
    expect(sexeFromNir(nir)).toBe(sexe);
  });

  it('cleans what users type', () => {
    expect(cleanNir(' 1.84-12 76 ')).toBe('1841276');
  });

  const nir13 = fc
    .tuple(
      fc.constantFrom('1', '2'),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 95 }),
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 1, max: 999 }),
    )
    .map(
      ([s, y, m, d, c, o]) =>
        `${s}${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(c).padStart(3, '0')}${String(o).padStart(3, '0')}`,
    );

  it('property: a NIR with its computed key is accepted; any other key is refused', () => {
    fc.assert(
      fc.property(nir13, fc.integer({ min: 1, max: 97 }), (nir, other) => {
        const key = nirKey(nir);
        const wrong = String(other).padStart(2, '0');
        return checkNir(nir + key).ok && (wrong === key || !checkNir(nir + wrong).ok);
      }),
    );
  });

  it('property: the key is between 01 and 97', () => {
    fc.assert(fc.property(nir13, (nir) => Number(nirKey(nir)) >= 1 && Number(nirKey(nir)) <= 97));
  });

  it.each([
    // Month 12 in the NIR, 11 typed: a contradiction, refused with both months named.
    [
      '1841276451089',
      { sexe: 'M', dateNaissance: '1984-11-03' },
      [['dateNaissance', 'erreur', 'mois de naissance 12']],
    ],
    ['1841276451089', { sexe: 'M', dateNaissance: '1984-12-03' }, []],
    ['1841276451089', { sexe: 'F', dateNaissance: '1984-12-03' }, [['sexe', 'erreur', 'commence par 1']]],
    ['1841276451089', { sexe: 'M', dateNaissance: '1985-12-03' }, [['dateNaissance', 'erreur', 'naissance en 84']]],
    // Months 20–42 and 50–99 are legal (unknown month): a warning only.
    ['1843276451089', { sexe: 'M', dateNaissance: '1984-06-03' }, [['dateNaissance', 'avertissement', 'inhabituel']]],
    ['1845576451089', { sexe: 'M', dateNaissance: '1984-06-03' }, [['dateNaissance', 'avertissement', 'inhabituel']]],
    // A temporary number says nothing of sex or birth.
    ['7841276451089', { sexe: 'F', dateNaissance: '1990-01-01' }, []],
  ] as const)('identity against NIR %s %j', (nir, identite, expected) => {
    const problems = checkNirIdentite(nir, identite);
    expect(problems.map((p) => [p.field, p.severity])).toEqual(expected.map(([f, s]) => [f, s]));
    for (const [i, p] of problems.entries()) expect(p.message).toContain(expected[i]![2]);
  });
});

describe('maskNir', () => {
  it.each([
    ['1841276451089', '18412••••••••', '1 84 12 •• ••• •••'],
    ['2 69 05 49 588 157 80', '26905••••••••', '2 69 05 •• ••• •••'],
  ])('%s → %s', (nir, masked, shown) => {
    expect(maskNir(nir)).toBe(masked);
    expect(formatNir(maskNir(nir))).toBe(shown);
  });
  it('never shows more than the sex, year and month of birth', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{12}$/), (nir) => {
        const masked = maskNir(nir);
        expect(masked.slice(0, 5)).toBe(nir.slice(0, 5));
        expect(masked.slice(5)).toMatch(/^•{8}$/);
      }),
    );
  });
});
