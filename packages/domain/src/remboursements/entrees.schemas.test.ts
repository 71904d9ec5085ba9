import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { montantIjssPeriode, ZIjssInput, ZMois } from './entrees.schemas.js';

describe('IJSS d’une période', () => {
  it.each([
    // 05/03–31/03: 27 days × 28,52 € = 770,04 €.
    [{ du: '2026-03-05', au: '2026-03-31', montantJournalier: 2_852, montantTotal: null }, 77_004],
    // February 2028 is a leap month: 01/02–29/02 = 29 days × 20,00 € = 580,00 €.
    [{ du: '2028-02-01', au: '2028-02-29', montantJournalier: 2_000, montantTotal: null }, 58_000],
    // One day: 12,34 €.
    [{ du: '2026-06-10', au: '2026-06-10', montantJournalier: 1_234, montantTotal: null }, 1_234],
    // A total is taken as it is.
    [{ du: '2026-03-05', au: '2026-03-31', montantJournalier: null, montantTotal: 76_000 }, 76_000],
  ])('%o amounts to %i cents', (periode, cents) => {
    expect(montantIjssPeriode(periode)).toBe(cents);
  });

  it('a daily amount over n days is n times the amount, and a period split in two costs the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 300 }),
        (jour, a, b) => {
          const du = '2026-01-01';
          const milieu = new Date(Date.UTC(2026, 0, a)).toISOString().slice(0, 10);
          const lendemain = new Date(Date.UTC(2026, 0, a + 1)).toISOString().slice(0, 10);
          const au = new Date(Date.UTC(2026, 0, a + b)).toISOString().slice(0, 10);
          const p = (x: string, y: string) =>
            montantIjssPeriode({ du: x, au: y, montantJournalier: jour, montantTotal: null });
          expect(p(du, au)).toBe(jour * (a + b));
          expect(p(du, milieu) + p(lendemain, au)).toBe(p(du, au));
        },
      ),
    );
  });

  it('asks one amount, a period in order and not longer than a year', () => {
    const errors = (input: unknown) =>
      ZIjssInput.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(errors({ du: '2026-03-05', au: '2026-03-01', montantJournalier: 1, montantTotal: 2 })).toEqual([
      'au: La fin de la période précède son début.',
      'montantJournalier: Indiquez le montant journalier ou le montant de la période (l’un des deux).',
    ]);
    expect(errors({ du: '2026-01-01', au: '2027-01-02', montantTotal: 2 })).toEqual([
      'au: Une période d’IJSS ne dépasse pas un an.',
    ]);
    expect(errors({ du: '2026-01-01', au: '2026-12-31', montantTotal: 2 })).toEqual([]);
  });

  it('reads months as aaaa-mm', () => {
    expect(['2026-01', '2026-12'].map((m) => ZMois.safeParse(m).success)).toEqual([true, true]);
    expect(['2026-00', '2026-13', '2026-1', '26-01'].map((m) => ZMois.safeParse(m).success)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
