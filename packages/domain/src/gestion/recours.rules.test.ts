import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creanceRecours, RECOURS_REPARTITIONS, repartitionRecouvrement } from './recours.rules.js';

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
