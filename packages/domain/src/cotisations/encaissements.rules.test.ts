import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateRelance, echeancesARelancer, situationEcheances } from './encaissements.rules.js';

// Quarterly call of 8 601,20 € (domain §11): 2 150,30 € × 4 (no cents left over).
const trimestres = [
  { rang: 1, dateEcheance: '2026-01-31', montant: 215_030 },
  { rang: 2, dateEcheance: '2026-04-30', montant: 215_030 },
  { rang: 3, dateEcheance: '2026-07-31', montant: 215_030 },
  { rang: 4, dateEcheance: '2026-10-31', montant: 215_030 },
];

describe('situationEcheances', () => {
  it.each([
    // nothing received: everything due
    [0, [0, 0, 0, 0]],
    // 1 000 € received: 1st échéance 1 000,00 paid, 1 150,30 due
    [100_000, [100_000, 0, 0, 0]],
    // 3 000 € = 2 150,30 + 849,70
    [300_000, [215_030, 84_970, 0, 0]],
    // all: 4 × 2 150,30 = 8 601,20
    [860_120, [215_030, 215_030, 215_030, 215_030]],
    // more than the total: nothing is owed, nothing is paid beyond each échéance
    [900_000, [215_030, 215_030, 215_030, 215_030]],
  ])('gives %i cents to the échéances earliest first', (encaisse, payes) => {
    const s = situationEcheances(trimestres, encaisse);
    expect(s.map((e) => e.paye)).toEqual(payes);
    expect(s.map((e) => e.du)).toEqual(payes.map((p) => 215_030 - p));
  });

  it('orders by rang whatever the input order', () => {
    const s = situationEcheances([...trimestres].reverse(), 215_030);
    expect(s.map((e) => [e.rang, e.paye])).toEqual([
      [1, 215_030],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
  });

  it('pays and owes exactly the total (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (montants, encaisse) => {
          const s = situationEcheances(
            montants.map((montant, i) => ({ rang: i + 1, dateEcheance: '2026-01-31', montant })),
            encaisse,
          );
          const total = montants.reduce((a, b) => a + b, 0);
          const paye = s.reduce((a, e) => a + e.paye, 0);
          expect(paye).toBe(Math.min(total, encaisse));
          expect(paye + s.reduce((a, e) => a + e.du, 0)).toBe(total);
          expect(s.every((e) => e.du >= 0 && e.paye >= 0)).toBe(true);
        },
      ),
    );
  });
});

describe('echeancesARelancer', () => {
  it('is 15 days after the due date', () => {
    // 31/01 + 15 days = 15/02; 31/12 + 15 = 15/01 of the next year
    expect(dateRelance('2026-01-31')).toBe('2026-02-15');
    expect(dateRelance('2026-12-31')).toBe('2027-01-15');
  });

  it.each([
    // 14 days after the 1st due date: not yet
    ['2026-02-14', 0, []],
    // the 15th day: the 1st échéance
    ['2026-02-15', 0, [1]],
    // paid in full: nothing
    ['2026-02-15', 215_030, []],
    // partly paid (1 centime missing): reminded
    ['2026-02-15', 215_029, [1]],
    // mid-May: 1st and 2nd (30/04 + 15 = 15/05), the 1st paid
    ['2026-05-15', 215_030, [2]],
    ['2026-05-15', 0, [1, 2]],
  ])('on %s with %i cents received: échéances %j', (jour, encaisse, rangs) => {
    expect(echeancesARelancer(trimestres, encaisse, jour).map((e) => e.rang)).toEqual(rangs);
  });
});
