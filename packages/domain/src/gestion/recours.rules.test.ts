import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creanceRecours,
  prejudiceSalarial,
  RECOURS_REPARTITIONS,
  repartitionRecouvrement,
  trentiemes,
} from './recours.rules.js';

describe('créance sur le tiers', () => {
  it('50 %: each line rounded half-up, the total is the sum of the lines', () => {
    expect(
      creanceRecours({
        remuneration: 612_345,
        chargesPatronales: 245_001,
        fraisMedicaux: 12_350,
        responsabilite: 5_000,
      }),
    ).toEqual({
      lignes: [
        { poste: 'remuneration', prejudice: 612_345, creance: 306_173 }, // 3 061,725 € → 3 061,73 €
        { poste: 'charges_patronales', prejudice: 245_001, creance: 122_501 }, // 1 225,005 € → 1 225,01 €
        { poste: 'frais_medicaux', prejudice: 12_350, creance: 6_175 },
      ],
      prejudice: 869_696,
      creance: 434_849,
    });
  });

  it.each([
    [10_000, 100_000, 100_000],
    [6_667, 100_000, 66_670],
    [0, 100_000, 0],
    [3_333, 1, 0], // 0,3333 cent
    [5_000, 1, 1], // half a cent, up
  ])('responsabilité %d centièmes de %% sur %d c → %d c', (responsabilite, remuneration, creance) => {
    expect(creanceRecours({ remuneration, chargesPatronales: 0, fraisMedicaux: 0, responsabilite }).creance).toBe(
      creance,
    );
  });

  it('refuses a responsibility outside 0–100 %', () => {
    expect(() =>
      creanceRecours({ remuneration: 1, chargesPatronales: 0, fraisMedicaux: 0, responsabilite: 10_001 }),
    ).toThrow('La responsabilité du tiers est comprise entre 0 et 100 %.');
  });
});

describe('répartition d’un recouvrement', () => {
  it.each([
    // montant, préjudice, remboursé par l’assureur, mode → assureur, collectivité (worked by hand)
    [434_849, 869_696, 500_000, 'prorata', 250_001, 184_848], // 250 000,57… → 250 001
    [434_849, 869_696, 500_000, 'priorite_collectivite', 65_153, 369_696], // the collectivité's 369 696 first
    [869_696, 869_696, 500_000, 'prorata', 500_000, 369_696], // everything recovered
    [1_000_000, 869_696, 500_000, 'prorata', 500_000, 500_000], // beyond the loss: the insurer is capped
    [100_000, 869_696, 0, 'prorata', 0, 100_000], // nothing insured (within the franchise)
    [100_000, 50_000, 80_000, 'prorata', 50_000, 50_000], // reimbursed more than the loss: capped at it
  ] as const)(
    '%d sur %d (assureur %d, %s) → %d / %d',
    (montant, prejudice, rembourse, mode, assureur, collectivite) => {
      expect(repartitionRecouvrement({ montant, prejudice, rembourseParAssureur: rembourse, mode })).toEqual({
        assureur,
        collectivite,
      });
    },
  );

  it('the two shares sum exactly to the amount; the insurer never gets more than it reimbursed', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000_00 });
    fc.assert(
      fc.property(
        cents,
        cents,
        cents,
        fc.constantFrom(...RECOURS_REPARTITIONS),
        (montant, prejudice, rembourse, mode) => {
          const r = repartitionRecouvrement({ montant, prejudice, rembourseParAssureur: rembourse, mode });
          expect(r.assureur + r.collectivite).toBe(montant);
          expect(Number.isInteger(r.assureur)).toBe(true);
          expect(r.assureur).toBeGreaterThanOrEqual(0);
          expect(r.assureur).toBeLessThanOrEqual(Math.min(rembourse, prejudice, montant));
        },
      ),
    );
  });

  it('more recovered never gives the insurer less', () => {
    const cents = fc.integer({ min: 0, max: 1_000_000_00 });
    fc.assert(
      fc.property(
        cents,
        cents,
        cents,
        cents,
        fc.constantFrom(...RECOURS_REPARTITIONS),
        (a, b, prejudice, rembourse, mode) => {
          const [petit, grand] = a <= b ? [a, b] : [b, a];
          const r = (montant: number) =>
            repartitionRecouvrement({ montant, prejudice, rembourseParAssureur: rembourse, mode });
          expect(r(grand).assureur).toBeGreaterThanOrEqual(r(petit).assureur);
        },
      ),
    );
  });
});

describe('préjudice salarial du dossier', () => {
  it.each([
    ['2025-08-24', '2025-08-31', 8], // domain §6
    ['2025-02-20', '2025-02-28', 9],
    ['2025-02-01', '2025-02-28', 30], // a whole February weighs 30/30
    ['2025-01-01', '2025-01-31', 30], // and a whole 31-day month too
    ['2025-01-15', '2025-03-10', 57], // 17 + 30 + 10
    ['2025-03-18', '2025-05-11', 55], // 14 + 30 + 11
  ])('du %s au %s : %d trentièmes', (debut, fin, t) => {
    expect(trentiemes(debut, fin)).toBe(t);
  });

  const arret = {
    quotiteTpt: null,
    tbi: null,
    nbi: null,
    sft: null,
    ir: null,
    ri: null,
    cp: null,
  };

  it('the domain §6 example: 2 042,95 € a month over 55 trentièmes → 3 745,41 €', () => {
    // 204 295 × 55 / 30 = 374 540,83 c (× 0,9 = the §6 figure 3 370,87 €).
    expect(prejudiceSalarial([{ ...arret, debut: '2025-03-18', fin: '2025-05-11', tbi: 196_911, nbi: 7_384 }])).toEqual(
      { remuneration: 374_541, chargesPatronales: 0, trentiemes: 55 },
    );
  });

  it('adds the pay elements, CP apart; a « non justifié » cuts the chain; TPT claims the unworked share', () => {
    const mars = { ...arret, debut: '2026-03-01', fin: '2026-03-31', tbi: 200_000, nbi: 10_000, ri: 5_000, cp: 80_000 };
    expect(prejudiceSalarial([mars])).toEqual({ remuneration: 215_000, chargesPatronales: 80_000, trentiemes: 30 });
    expect(
      prejudiceSalarial(
        [mars],
        [{ type: 'contre_visite', date: '2026-03-10', resultat: 'non_justifie', injustifieAPartirDu: '2026-03-16' }],
      ),
    ).toEqual({ remuneration: 107_500, chargesPatronales: 40_000, trentiemes: 15 });
    // 300 000 × 30/30 × 40 % unworked.
    expect(
      prejudiceSalarial([{ ...arret, debut: '2026-04-01', fin: '2026-04-30', tbi: 300_000, quotiteTpt: 60 }]),
    ).toEqual({ remuneration: 120_000, chargesPatronales: 0, trentiemes: 30 });
  });

  it('an arrêt without salary data claims nothing; an arrêt unjustified from its first day neither', () => {
    expect(prejudiceSalarial([{ ...arret, debut: '2026-03-01', fin: '2026-03-05' }]).remuneration).toBe(0);
    expect(
      prejudiceSalarial(
        [{ ...arret, debut: '2026-03-01', fin: '2026-03-05', tbi: 300_000 }],
        [{ type: 'expertise', date: '2026-03-01', resultat: 'non_justifie', injustifieAPartirDu: '2026-03-01' }],
      ),
    ).toEqual({ remuneration: 0, chargesPatronales: 0, trentiemes: 0 });
  });

  it('trentièmes never exceed 30 a month nor fall below the days of a partial month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (start, length) => {
        const debut = new Date(Date.UTC(2024, 0, 1 + start)).toISOString().slice(0, 10);
        const fin = new Date(Date.UTC(2024, 0, 1 + start + length)).toISOString().slice(0, 10);
        const t = trentiemes(debut, fin);
        const jours = length + 1;
        // Each month contributes at most 30 and at most 2 days less than its calendar days, at least 1.
        expect(t).toBeGreaterThanOrEqual(jours - 2 * 15);
        expect(t).toBeLessThanOrEqual(jours + 2 * 15);
        expect(t).toBeGreaterThan(0);
      }),
    );
  });
});
