import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../common/audit.labels.js';
import { mulDivRound, parseEuros } from '../common/money.js';
import {
  assietteAssuree,
  baseRequisePourSinistre,
  CP_CAP_PCT,
  checkBase,
  cotisation,
  formatPct,
  parsePct,
  partAssuree,
  peutModifierBase,
  plafondPct,
  RI_CAP_PCT,
  regularisation,
} from './base-assurance.rules.js';

const euros = (n: number) => Math.round(n * 100);
const ALL = ['nbi', 'sft', 'ir', 'ri', 'cp'] as const;

describe('plafonds RI et CP', () => {
  it.each([
    // [montant €, TBI €, élément, plafond en centièmes de %] — worked by hand
    [44_500, 612_400, 'ri', 726], // issue 8: 44 500 / 612 400 = 0,072665… → 7,26 %
    [7_200, 90_000, 'ri', 800], // the seeds: 7 200 / 90 000 = 0,08 → 8,00 %
    [30_000, 90_000, 'cp', 3333], // the seeds: 0,33333… → 33,33 %
    [38_000, 495_000, 'ri', 767], // module 2 exercise: 0,076767… → 7,67 %
    [280_000, 495_000, 'cp', 5656], // module 2 exercise: 0,565656… → 56,56 %
    [900, 90_000, 'ri', 100], // exactly 1 %
    [899.99, 90_000, 'ri', 99], // 0,99998… %: just under 1 %, not insurable
    [909, 90_000, 'ri', 101], // 1,01 % exactly
    [908.99, 90_000, 'ri', 100], // 1,00998… % → 1,00 %, never rounded up
    [22_500, 90_000, 'ri', 2500], // exactly the cap
    [22_509, 90_000, 'ri', 2500], // 25,01 % capped at 25,00 %
    [30_000, 90_000, 'ri', 2500], // 33,33 % capped at 25 %
    [54_000, 90_000, 'cp', 6000], // exactly the cap
    [53_999.99, 90_000, 'cp', 5999], // 59,99998… % → 59,99 %
    [90_000, 90_000, 'cp', 6000], // 100 % capped at 60 %
  ] as const)('%d € sur un TBI de %d € (%s) → %d centièmes de %', (montant, tbi, element, expected) => {
    expect(plafondPct(euros(montant), euros(tbi), element)).toBe(expected);
  });

  it('is 0 without TBI or amount', () => {
    expect(plafondPct(euros(100), 0, 'ri')).toBe(0);
    expect(plafondPct(0, euros(100), 'cp')).toBe(0);
  });

  it('issue 8: « l’intégralité des primes » insured at 7,26 % comes within 0,01 % of the real RI, never above', () => {
    const tbi = euros(612_400);
    const ri = euros(44_500);
    const plafond = plafondPct(ri, tbi, 'ri');
    expect(formatPct(plafond)).toBe('7,26 %');
    // 612 400 € × 7,26 % = 44 460,24 € ≤ 44 500 €; at 7,27 % it would be 44 521,48 €.
    expect(partAssuree(tbi, plafond)).toBe(euros(44_460.24));
    expect(partAssuree(tbi, plafond + 1)).toBe(euros(44_521.48));
  });

  it('property: ceiling × TBI never exceeds the real amount; 0,01 % more exceeds it or passes the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e11 }),
        fc.integer({ min: 1, max: 1e11 }),
        fc.constantFrom('ri' as const, 'cp' as const),
        (montant, tbi, el) => {
          const p = plafondPct(montant, tbi, el);
          const cap = el === 'ri' ? RI_CAP_PCT : CP_CAP_PCT;
          const times = (pct: number) => BigInt(tbi) * BigInt(pct);
          const real = BigInt(montant) * 10_000n;
          return (
            p >= 0 &&
            p <= cap &&
            times(p) <= real &&
            (p === cap || times(p + 1) > real) &&
            partAssuree(tbi, p) <= montant
          );
        },
      ),
    );
  });
});

describe('pourcentages saisis et affichés', () => {
  it.each([
    ['7,26', 726],
    ['7.26', 726],
    ['7,26 %', 726],
    [' 8 ', 800],
    ['8,5', 850],
    ['0,01', 1],
    ['25,00', 2500],
    ['7,265', null],
    ['7,', null],
    ['-1', null],
    ['abc', null],
    ['', null],
  ] as const)('« %s » → %s', (text, expected) => {
    expect(parsePct(text)).toBe(expected);
  });

  it.each([
    [726, '7,26 %'],
    [800, '8,00 %'],
    [5, '0,05 %'],
    [6000, '60,00 %'],
  ])('%d → « %s »', (pct, text) => {
    expect(formatPct(pct)).toBe(text);
  });

  it('the journal shows them as percentages', () => {
    expect(describeChanges({ riPct: [800, 726], cpPct: 3333 })).toEqual([
      'RI assuré (%) : 8,00 % → 7,26 %',
      'Charges patronales assurées (%) : 33,33 %',
    ]);
  });

  it('property: what is shown parses back to the same percentage', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), (pct) => parsePct(formatPct(pct)) === pct));
  });
});

describe('assiette et cotisation', () => {
  it('the seeds’ example: TBI 90 000 €, RI 8 %, CP 33 % → assiette 126 900 €', () => {
    const base = { tbi: euros(90_000), riMontant: euros(7_200), riPct: 800, cpMontant: euros(30_000), cpPct: 3300 };
    expect(assietteAssuree(base)).toBe(euros(126_900));
    // 126 900 € × 6,500 % = 8 248,50 €
    expect(cotisation(base, 6500)).toBe(euros(8_248.5));
  });

  it('module 2 exercise (CNRACL): TBI, SFT, all primes (7 %) and all charges (56 %) → 809 450 €', () => {
    const base = {
      tbi: euros(495_000),
      sft: euros(2_600),
      riMontant: euros(38_000),
      riPct: 700,
      cpMontant: euros(280_000),
      cpPct: 5600,
    };
    // 495 000 + 2 600 + 7 % × 495 000 (34 650) + 56 % × 495 000 (277 200)
    expect(assietteAssuree(base)).toBe(euros(809_450));
    // 809 450 € × 6,500 % = 52 614,25 €
    expect(cotisation(base, 6500)).toBe(euros(52_614.25));
  });

  it('with two decimals: TBI 612 400 €, RI 7,26 %, CP 48,37 % → assiette 953 078,12 €', () => {
    const base = {
      tbi: euros(612_400),
      riMontant: euros(44_500),
      riPct: 726,
      cpMontant: euros(296_300),
      cpPct: 4837,
    };
    // 612 400 + 44 460,24 (7,26 %) + 296 217,88 (48,37 %) = 953 078,12
    expect(assietteAssuree(base)).toBe(euros(953_078.12));
    // 953 078,12 € × 6,500 % = 61 950,0778 → 61 950,08 €
    expect(cotisation(base, 6500)).toBe(euros(61_950.08));
  });

  it.each([
    // [TBI cents, RI in hundredths of %, expected RI share in cents]: rounded half up to the cent
    [100_001, 700, 7_000], // 7 000,07 → 7 000
    [100_050, 100, 1_001], // 1 000,5 → 1 001
    [100_049, 100, 1_000], // 1 000,49 → 1 000
    [100_000, 726, 7_260], // exact
    [100_007, 1, 10], // 10,0007 → 10
    [150, 1, 0], // 0,015 → 0
    [50_000, 1, 5], // 5 → 5
  ])('RI share of %d cents at %d/10000 is %d cents', (tbi, pct, share) => {
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
          const a = cotisation({ tbi, riPct: RI_CAP_PCT, cpPct: CP_CAP_PCT }, taux);
          const b = cotisation({ tbi: tbi + extra, riPct: RI_CAP_PCT, cpPct: CP_CAP_PCT }, taux);
          return b >= a && a <= Math.ceil((tbi * 1.85 * taux) / 100_000) + 2;
        },
      ),
    );
  });
});

describe('contrôle d’une base déclarée', () => {
  it('accepts the seeds’ example', () => {
    expect(
      checkBase(
        { tbi: euros(90_000), riMontant: euros(7_200), riPct: 800, cpMontant: euros(30_000), cpPct: 3333 },
        ALL,
      ),
    ).toEqual([]);
  });

  it('accepts issue 8’s ceiling, 7,26 %, and refuses 7,27 %', () => {
    const base = { tbi: euros(612_400), riMontant: euros(44_500) };
    expect(checkBase({ ...base, riPct: 726 }, ALL)).toEqual([]);
    expect(checkBase({ ...base, riPct: 727 }, ALL)).toEqual([
      {
        field: 'riPct',
        message:
          'Le pourcentage du RI doit être compris entre 1,00 % et 7,26 %, avec deux décimales au plus (plafond : RI réel / TBI).',
      },
    ]);
  });

  it.each([
    [{ tbi: 0 }, 'tbi', 'obligatoire'],
    [{ tbi: euros(90_000), riMontant: euros(7_200), riPct: 801 }, 'riPct', 'entre 1,00 % et 8,00 %'],
    [{ tbi: euros(90_000), riMontant: euros(7_200), riPct: 99 }, 'riPct', 'entre 1,00 % et 8,00 %'],
    [{ tbi: euros(90_000), riMontant: euros(7_200), riPct: 7.5 }, 'riPct', 'deux décimales au plus'],
    [{ tbi: euros(90_000), cpMontant: euros(90_000), cpPct: 6001 }, 'cpPct', 'limité à 60,00 %'],
    [{ tbi: euros(90_000), riMontant: euros(500), riPct: 100 }, 'riPct', 'moins de 1 %'],
    [{ tbi: euros(90_000), riPct: 500 }, 'riMontant', 'montant réel'],
    [{ tbi: euros(90_000), cpMontant: euros(1_000) }, 'cpPct', 'Choisissez le pourcentage'],
    [{ tbi: euros(90_000), cpPct: 500 }, 'cpMontant', 'Indiquez le montant réel des CP'],
    [{ tbi: euros(90_000), cpMontant: euros(500), cpPct: 100 }, 'cpPct', 'Les CP représentent moins de 1 %'],
    [{ tbi: euros(90_000), cpMontant: euros(9_000), cpPct: 1100 }, 'cpPct', 'Le pourcentage des CP'],
  ] as const)('%j → %s: %s', (base, field, fragment) => {
    const problems = checkBase(base, ALL);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.message).toContain(fragment);
  });

  it('refuses the elements the contract does not insure', () => {
    const problems = checkBase({ tbi: euros(1000), nbi: euros(10), cpMontant: euros(300), cpPct: 1000 }, ['sft']);
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
