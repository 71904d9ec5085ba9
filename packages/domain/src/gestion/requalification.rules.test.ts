import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { type ArretARequalifier, appliquerRequalification, ciblesRequalification } from './requalification.rules.js';

const mo = 'maladie_ordinaire' as const;
const arrets: ArretARequalifier[] = [
  { id: 'a1', type: 'initial', debut: '2026-01-05', fin: '2026-01-31', categorie: mo },
  { id: 'a2', type: 'prolongation', debut: '2026-02-01', fin: '2026-03-15', categorie: mo },
  { id: 'a3', type: 'prolongation', debut: '2026-03-16', fin: '2026-04-30', categorie: mo },
];

describe('catégories cibles d’une requalification', () => {
  it.each([
    [
      'maladie_ordinaire',
      'CNRACL',
      [
        'accident_service',
        'accident_trajet',
        'maladie_professionnelle',
        'clm',
        'cld',
        'maternite',
        'tpt',
        'disponibilite_office',
      ],
    ],
    [
      'maladie_ordinaire',
      'IRCANTEC',
      ['accident_service', 'accident_trajet', 'maladie_professionnelle', 'cgm', 'maternite'],
    ],
    [
      'clm',
      'CNRACL',
      [
        'accident_service',
        'accident_trajet',
        'maladie_professionnelle',
        'maladie_ordinaire',
        'cld',
        'maternite',
        'tpt',
        'disponibilite_office',
      ],
    ],
  ] as const)('%s, %s', (de, regime, cibles) => {
    expect(ciblesRequalification(de, regime)).toEqual(cibles);
  });

  it('only what the contract covers', () => {
    const garanties = [
      { risque: 'maladie_ordinaire' as const, couvert: true },
      { risque: 'clm' as const, couvert: true },
      { risque: 'cld' as const, couvert: false },
    ];
    expect(ciblesRequalification(mo, 'CNRACL', garanties)).toEqual(['clm']);
  });
});

describe('requalification acceptée', () => {
  it('MO → CLM from 20/02/2026: a1 unchanged, a2 split, a3 requalified, the chain recomputed', () => {
    expect(
      appliquerRequalification({ arrets, de: mo, vers: 'clm', aCompterDu: '2026-02-20', regime: 'CNRACL' }),
    ).toEqual({
      ok: true,
      arrets: [
        { arretId: 'a1', effet: 'inchange', debut: '2026-01-05', fin: '2026-01-31', categorie: mo },
        { arretId: 'a2', effet: 'raccourci', debut: '2026-02-01', fin: '2026-02-19', categorie: mo },
        { arretId: 'a3', effet: 'requalifie', debut: '2026-03-16', fin: '2026-04-30', categorie: 'clm' },
      ],
      nouveaux: [{ origineId: 'a2', type: 'prolongation', debut: '2026-02-20', fin: '2026-03-15', categorie: 'clm' }],
      categorieSinistre: 'clm',
      aRecalculer: true,
      recalculDepuis: '2026-01-05',
    });
  });

  it('from the first day (or before) requalifies every arrêt without a split', () => {
    const r = appliquerRequalification({ arrets, de: mo, vers: 'clm', aCompterDu: '2026-01-01', regime: 'CNRACL' });
    expect(r.ok && r.arrets.map((a) => a.effet)).toEqual(['requalifie', 'requalifie', 'requalifie']);
    expect(r.ok && r.nouveaux).toEqual([]);
  });

  it('on the first day of an arrêt: no split', () => {
    const r = appliquerRequalification({ arrets, de: mo, vers: 'clm', aCompterDu: '2026-03-16', regime: 'CNRACL' });
    expect(r.ok && r.arrets.map((a) => a.effet)).toEqual(['inchange', 'inchange', 'requalifie']);
  });

  it('recomputes from the start of the chain holding the date, not an earlier chain', () => {
    const avecRechute: ArretARequalifier[] = [
      { id: 'r0', type: 'initial', debut: '2025-10-01', fin: '2025-10-10', categorie: 'accident_service' },
      { id: 'r1', type: 'rechute', debut: '2026-01-05', fin: '2026-02-28', categorie: 'accident_service' },
    ];
    const r = appliquerRequalification({
      arrets: avecRechute,
      de: 'accident_service',
      vers: mo,
      aCompterDu: '2026-02-01',
      regime: 'CNRACL',
    });
    expect(r.ok && r.recalculDepuis).toBe('2026-01-05');
  });

  it.each([
    [
      'cgm',
      '2026-02-20',
      'Requalification en « Congé de grave maladie (CGM) » impossible : elle n’existe pas pour le régime CNRACL.',
    ],
    [
      'maladie_ordinaire',
      '2026-02-20',
      'Requalification en « Maladie ordinaire » impossible : c’est déjà la catégorie du sinistre.',
    ],
    ['deces', '2026-02-20', 'Requalification en « Décès » impossible : un décès se déclare comme un sinistre à part.'],
    [
      'clm',
      '2026-05-01',
      'La date d’effet (01/05/2026) suit la fin du dernier arrêt (30/04/2026) : aucun arrêt ne change de catégorie.',
    ],
  ] as const)('%s à compter du %s refusée', (vers, date, message) => {
    expect(appliquerRequalification({ arrets, de: mo, vers, aCompterDu: date, regime: 'CNRACL' })).toEqual({
      ok: false,
      message,
    });
  });

  it('keeps every day, each in the right category, without overlap', () => {
    const chaine = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }).map((durees) => {
      let jour = '2026-01-01';
      return durees.map((n, i): ArretARequalifier => {
        const a = {
          id: `a${i}`,
          type: i ? 'prolongation' : 'initial',
          debut: jour,
          fin: addDays(jour, n),
          categorie: mo,
        } as const;
        jour = addDays(a.fin, 1);
        return a;
      });
    });
    fc.assert(
      fc.property(chaine, fc.integer({ min: -5, max: 250 }), (list, offset) => {
        const aCompterDu = addDays('2026-01-01', offset);
        const r = appliquerRequalification({ arrets: list, de: mo, vers: 'clm', aCompterDu, regime: 'CNRACL' });
        const fin = list.at(-1)!.fin;
        if (aCompterDu > fin) {
          expect(r.ok).toBe(false);
          return;
        }
        if (!r.ok) throw new Error(r.message);
        const jours = new Map<string, TRisque>();
        for (const p of [...r.arrets, ...r.nouveaux]) {
          for (let j = p.debut; j <= p.fin; j = addDays(j, 1)) {
            expect(jours.has(j)).toBe(false);
            jours.set(j, p.categorie);
          }
        }
        expect(jours.size).toBe(daysBetween('2026-01-01', fin) + 1);
        for (const [j, c] of jours) expect(c).toBe(j >= aCompterDu ? 'clm' : mo);
        expect(r.nouveaux.length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
