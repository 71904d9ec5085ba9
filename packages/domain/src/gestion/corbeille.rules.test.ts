import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import {
  type CorbeilleUrgence,
  cleUrgence,
  comparerUrgence,
  estEchantillonne,
  estEcheanceProche,
  joursRestants,
  libelleDelaiRestant,
  masquerNir,
  trierParUrgence,
} from './corbeille.rules.js';

const item = (id: string, echeance: string | null, enAttenteDepuis: string): CorbeilleUrgence => ({
  id,
  echeance,
  enAttenteDepuis,
});

describe('urgence de la corbeille', () => {
  it('deadline first (passed ones first, none last), then waiting since, then id', () => {
    const items = [
      item('sans-echeance-ancien', null, '2026-01-01T08:00:00Z'),
      item('dans-10-jours', '2026-04-30', '2026-04-19T08:00:00Z'),
      item('depasse', '2026-04-18', '2026-04-19T09:00:00Z'),
      item('dans-10-jours-plus-ancien', '2026-04-30', '2026-04-01T08:00:00Z'),
      item('b-meme-instant', '2026-04-30', '2026-04-01T10:00:00+02:00'),
    ];
    expect(trierParUrgence(items).map((i) => i.id)).toEqual([
      'depasse',
      'b-meme-instant', // 08:00 UTC, as the next one: id decides
      'dans-10-jours-plus-ancien',
      'dans-10-jours',
      'sans-echeance-ancien',
    ]);
  });

  it.each([
    ['2026-04-20', 0, 'Aujourd’hui', true],
    ['2026-04-21', 1, 'Demain', true],
    ['2026-05-05', 15, '15 jours', true],
    ['2026-05-06', 16, '16 jours', false],
    ['2026-04-19', -1, 'Dépassé de 1 jour', true],
    ['2026-04-17', -3, 'Dépassé de 3 jours', true],
    [null, null, '—', false],
  ] as const)('échéance %s au 20/04/2026 → %s jours, « %s »', (echeance, n, libelle, proche) => {
    expect(joursRestants(echeance, '2026-04-20')).toBe(n);
    expect(libelleDelaiRestant(echeance, '2026-04-20')).toBe(libelle);
    expect(estEcheanceProche(echeance, '2026-04-20')).toBe(proche);
  });

  const urgence = fc.record({
    id: fc.uuid(),
    echeance: fc.option(
      fc.integer({ min: -30, max: 60 }).map((n) => addDays('2026-04-20', n)),
      { nil: null },
    ),
    enAttenteDepuis: fc
      .integer({ min: 0, max: 90 * 24 * 60 })
      .map((m) => new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString()),
  });

  it('is the SQL order: deadline ASC NULLS LAST, waiting since ASC, id ASC', () => {
    fc.assert(
      fc.property(fc.array(urgence, { maxLength: 30 }), (items) => {
        const sql = [...items].sort((a, b) => {
          if (a.echeance !== b.echeance) {
            if (a.echeance === null) return 1;
            if (b.echeance === null) return -1;
            return a.echeance < b.echeance ? -1 : 1;
          }
          const wa = Date.parse(a.enAttenteDepuis);
          const wb = Date.parse(b.enAttenteDepuis);
          if (wa !== wb) return wa - wb;
          return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        });
        expect(trierParUrgence(items)).toEqual(sql);
      }),
    );
  });

  it('is a total order: antisymmetric, and ordering by days left is ordering by deadline', () => {
    fc.assert(
      fc.property(urgence, urgence, (a, b) => {
        expect(Math.sign(comparerUrgence(a, b))).toBe(-Math.sign(comparerUrgence(b, a)));
        if (comparerUrgence(a, b) === 0) expect(cleUrgence(a)).toEqual(cleUrgence(b));
        const na = joursRestants(a.echeance, '2026-04-20');
        const nb = joursRestants(b.echeance, '2026-04-20');
        if (na !== null && nb !== null && na < nb) expect(comparerUrgence(a, b)).toBeLessThan(0);
      }),
    );
  });
});

describe('échantillon « à contrôler »', () => {
  it.each([
    ['00000000-0000-4000-8000-000000000000', 1, true], // 0 % 100 = 0
    ['00000063-0000-4000-8000-000000000000', 99, false], // 0x63 = 99
    ['00000063-0000-4000-8000-000000000000', 100, true],
    ['ffffffff-0000-4000-8000-000000000000', 96, true], // 4 294 967 295 % 100 = 95
    ['ffffffff-0000-4000-8000-000000000000', 95, false],
  ])('%s at %i %% → %s', (id, pct, expected) => {
    expect(estEchantillonne(id, pct)).toBe(expected);
  });

  it('draws about the share asked, none at 0 %, all at 100 %', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(estEchantillonne(id, 0)).toBe(false);
        expect(estEchantillonne(id, 100)).toBe(true);
      }),
    );
  });
});

describe('NIR masqué', () => {
  it('keeps sex, year and month of birth', () => {
    expect(masquerNir('1841276451089')).toBe('1 84 12 •• ••• ••• ••');
    expect(masquerNir('2 85 05 78 006 084 46')).toBe('2 85 05 •• ••• ••• ••');
  });
});
