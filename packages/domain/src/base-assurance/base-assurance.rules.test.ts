import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDivRound, parseEuros } from '../common/money.js';
import {
  assietteAssuree,
  baseRequisePourSinistre,
  checkBase,
  cotisation,
  peutModifierBase,
  plafondPct,
  regularisation,
} from './base-assurance.rules.js';

const euros = (n: number) => Math.round(n * 100);
const ALL = ['nbi', 'sft', 'ir', 'ri', 'cp'] as const;

describe('plafonds RI et CP', () => {
  it.each([
    // [montant €, TBI €, élément, plafond %] — worked by hand
    [7_200, 90_000, 'ri', 8], // the seeds: 7 200 / 90 000 = 0,08
    [30_000, 90_000, 'cp', 33], // the seeds: 0,333… → 33 %
    [38_000, 495_000, 'ri', 7], // module 2 exercise: 7,67 % → 7 %
    [280_000, 495_000, 'cp', 56], // module 2 exercise: 56,56 % → 56 %
    [900, 90_000, 'ri', 1], // exactly 1 %
    [899.99, 90_000, 'ri', 0], // just under 1 %: not insurable
    [22_500, 90_000, 'ri', 25], // exactly the cap
    [30_000, 90_000, 'ri', 25], // 33 % capped at 25 %
    [54_000, 90_000, 'cp', 60], // exactly the cap
    [90_000, 90_000, 'cp', 60], // 100 % capped at 60 %
  ] as const)('%d € sur un TBI de %d € (%s) → %d %', (montant, tbi, element, expected) => {
    expect(plafondPct(euros(montant), euros(tbi), element)).toBe(expected);
  });

  it('is 0 without TBI or amount', () => {
    expect(plafondPct(euros(100), 0, 'ri')).toBe(0);
    expect(plafondPct(0, euros(100), 'cp')).toBe(0);
  });
});

describe('assiette et cotisation', () => {
  it('the seeds’ example: TBI 90 000 €, RI 8 %, CP 33 % → assiette 126 900 €', () => {
    const base = { tbi: euros(90_000), riMontant: euros(7_200), riPct: 8, cpMontant: euros(30_000), cpPct: 33 };
    expect(assietteAssuree(base)).toBe(euros(126_900));
    // 126 900 € × 6,500 % = 8 248,50 €
    expect(cotisation(base, 6500)).toBe(euros(8_248.5));
  });

  it('module 2 exercise (CNRACL): TBI, SFT, all primes (7 %) and all charges (56 %) → 809 450 €', () => {
    const base = {
      tbi: euros(495_000),
      sft: euros(2_600),
      riMontant: euros(38_000),
      riPct: 7,
      cpMontant: euros(280_000),
      cpPct: 56,
    };
    // 495 000 + 2 600 + 7 % × 495 000 (34 650) + 56 % × 495 000 (277 200)
    expect(assietteAssuree(base)).toBe(euros(809_450));
    // 809 450 € × 6,500 % = 52 614,25 €
    expect(cotisation(base, 6500)).toBe(euros(52_614.25));
  });

  it.each([
    // [TBI cents, RI %, expected RI share in cents]: rounded half up to the cent
    [100_001, 7, 7_000], // 7 000,07 → 7 000
    [100_050, 1, 1_001], // 1 000,5 → 1 001
    [100_049, 1, 1_000], // 1 000,49 → 1 000
  ])('RI share of %d cents at %d %% is %d cents', (tbi, pct, share) => {
    expect(assietteAssuree({ tbi, riMontant: tbi, riPct: pct }) - tbi).toBe(share);
  });

  it.each([
    [10_000, 6505, 651], // 650,5 → 651
    [10_000, 6504, 650], // 650,4 → 650
    [1, 50_000, 1], // 0,5 → 1
    [100_000_000_000, 9_999, 9_999_000_000], // a billion euros at 9,999 %: exact, no float drift
  ])('%d cents at %d/100000 → %d cents', (assiette, taux, expected) => {
    expect(cotisation({ tbi: assiette }, taux)).toBe(expected);
  });

  it('regularisation is réelle − prévisionnelle', () => {
    expect(regularisation(euros(52_614.25), euros(50_000))).toBe(euros(2_614.25));
    expect(regularisation(euros(49_000), euros(50_000))).toBe(euros(-1_000));
  });

  it('parses what users type', () => {
    expect(parseEuros('7 200')).toBe(720_000);
    expect(parseEuros('1 234,56 €')).toBe(123_456);
    expect(parseEuros('1234.5')).toBe(123_450);
    expect(parseEuros('12,345')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
    expect(mulDivRound(-5, 1, 10)).toBe(-1);
  });

  it('property: the contribution grows with the TBI and never exceeds rate × (TBI × 186 %) + other elements', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e11 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 1, max: 50_000 }),
        (tbi, extra, taux) => {
          const a = cotisation({ tbi, riPct: 25, cpPct: 60 }, taux);
          const b = cotisation({ tbi: tbi + extra, riPct: 25, cpPct: 60 }, taux);
          return b >= a && a <= Math.ceil((tbi * 1.85 * taux) / 100_000) + 2;
        },
      ),
    );
  });

  it('property: the ceiling never exceeds the real ratio nor the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e10 }),
        fc.integer({ min: 1, max: 1e10 }),
        fc.constantFrom('ri' as const, 'cp' as const),
        (montant, tbi, el) => {
          const p = plafondPct(montant, tbi, el);
          return p <= (el === 'ri' ? 25 : 60) && p * tbi <= montant * 100 && p >= 0;
        },
      ),
    );
  });
});

describe('contrôle d’une base déclarée', () => {
  it('accepts the seeds’ example', () => {
    expect(
      checkBase({ tbi: euros(90_000), riMontant: euros(7_200), riPct: 8, cpMontant: euros(30_000), cpPct: 33 }, ALL),
    ).toEqual([]);
  });

  it.each([
    [{ tbi: 0 }, 'tbi', 'obligatoire'],
    [{ tbi: euros(90_000), riMontant: euros(7_200), riPct: 9 }, 'riPct', 'entre 1 % et 8 %'],
    [{ tbi: euros(90_000), riMontant: euros(7_200), riPct: 0 }, 'riPct', 'entre 1 % et 8 %'],
    [{ tbi: euros(90_000), cpMontant: euros(90_000), cpPct: 61 }, 'cpPct', 'limité à 60 %'],
    [{ tbi: euros(90_000), riMontant: euros(500), riPct: 1 }, 'riPct', 'moins de 1 %'],
    [{ tbi: euros(90_000), riPct: 5 }, 'riMontant', 'montant réel'],
    [{ tbi: euros(90_000), cpMontant: euros(1_000) }, 'cpPct', 'Choisissez le pourcentage des CP à assurer.'],
    [{ tbi: euros(90_000), cpPct: 5 }, 'cpMontant', 'Indiquez le montant réel des CP'],
    [{ tbi: euros(90_000), cpMontant: euros(500), cpPct: 1 }, 'cpPct', 'Les CP représentent moins de 1 %'],
    [{ tbi: euros(90_000), cpMontant: euros(9_000), cpPct: 11 }, 'cpPct', 'Le pourcentage des CP'],
  ] as const)('%j → %s: %s', (base, field, fragment) => {
    const problems = checkBase(base, ALL);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.message).toContain(fragment);
  });

  it('refuses the elements the contract does not insure', () => {
    const problems = checkBase({ tbi: euros(1000), nbi: euros(10), cpMontant: euros(300), cpPct: 10 }, ['sft']);
    expect(problems.map((p) => p.field)).toEqual(['nbi', 'cpMontant']);
  });
});

describe('modification et sinistres', () => {
  it('the collectivité edits only on the creation day; a gestionnaire always', () => {
    expect(peutModifierBase('2026-11-25', '2026-11-25', false)).toBe(true);
    expect(peutModifierBase('2026-11-25', '2026-11-26', false)).toBe(false);
    expect(peutModifierBase('2026-11-25', '2027-03-01', true)).toBe(true);
  });

  it('a sinistre needs the base of its year', () => {
    expect(baseRequisePourSinistre('2026-03-15', [{ annee: 2026 }])).toEqual({ ok: true });
    const missing = baseRequisePourSinistre('2027-01-02', [{ annee: 2026 }]);
    expect(missing).toMatchObject({ ok: false, annee: 2027 });
    expect(!missing.ok && missing.message).toContain('base de l’assurance 2027');
  });
});
