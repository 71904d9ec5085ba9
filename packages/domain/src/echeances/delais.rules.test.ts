import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { echeanceDeclarationSinistre } from '../sinistres/delais.rules.js';
import {
  type EcheancesSinistreEntree,
  echeanceDeclarationCitis,
  echeancesAppel,
  echeancesSinistre,
} from './delais.rules.js';
import { etatDelai, type TDelaiKind } from './echeances.schemas.js';

const mo: EcheancesSinistreEntree = {
  sinistre: { categorie: 'maladie_ordinaire', dateSurvenance: '2026-03-01', declareLe: '2026-03-05' },
  contratFin: '2027-12-31',
  garantie: { delaiDeclarationJours: 90, delaiPiecesJours: 90 },
  arrets: [{ id: 'a1', debut: '2026-03-01', fin: '2026-03-07', declareLe: '2026-03-05' }],
  piecesCompletesLe: '2026-03-10',
  citis: null,
};

const resume = (e: EcheancesSinistreEntree, aujourdhui: string) =>
  echeancesSinistre(e, aujourdhui).map((x) => [x.cle, x.dateEcheance, x.etat, x.faitLe]);

describe('les échéances d’un sinistre', () => {
  it('a complete MO file declared in time: every clock met, earliest first', () => {
    // 01/03/2026 + 90 days: 30 to 31/03, 30 more to 30/04, 30 more to 30/05.
    // Pieces: 05/03 + 90: 26 to 31/03, +30 → 30/04 (56), +31 → 31/05 (87), +3 → 03/06.
    // Prescription: the chain's first day + 2 years, 01/03/2028. Same due day: ordered by key.
    expect(resume(mo, '2026-03-20')).toEqual([
      ['declaration_arret:a1', '2026-05-30', 'respectee', '2026-03-05'],
      ['declaration_sinistre', '2026-05-30', 'respectee', '2026-03-05'],
      ['pieces', '2026-06-03', 'respectee', '2026-03-10'],
      ['prescription:2026-03-01', '2028-03-01', 'respectee', '2026-03-10'],
    ]);
  });

  it('pieces missing: à venir, proche from 15 days before, dépassée the day after', () => {
    const e = { ...mo, piecesCompletesLe: null };
    const pieces = (jour: string) => echeancesSinistre(e, jour).find((x) => x.kind === 'pieces');
    // Due 03/06/2026: 16 days before is 18/05 (13 days to 31/05 + 3).
    expect(pieces('2026-05-18')?.etat).toBe('a_venir');
    expect(pieces('2026-05-19')?.etat).toBe('proche');
    expect(pieces('2026-06-03')?.etat).toBe('proche');
    expect(pieces('2026-06-04')?.etat).toBe('depassee');
    expect(pieces('2026-06-04')?.detail).toContain('Des pièces obligatoires manquent.');
    // Without a complete file the prescription is not met either: 01/03/2028, far off.
    expect(echeancesSinistre(e, '2026-06-04').find((x) => x.kind === 'prescription')?.etat).toBe('a_venir');
  });

  it('an arrêt declared late: dépassée, with the day it came', () => {
    // 01/01/2026 + 90: 30 to 31/01, +28 → 28/02 (58), +31 → 31/03 (89), +1 → 01/04 (90).
    const e = { ...mo, arrets: [{ id: 'a1', debut: '2026-01-01', fin: '2026-01-31', declareLe: '2026-04-15' }] };
    const arret = echeancesSinistre(e, '2026-04-20').find((x) => x.kind === 'declaration_arret');
    expect(arret).toMatchObject({
      dateEcheance: '2026-04-01',
      etat: 'depassee',
      faitLe: '2026-04-15',
      libelle: 'Déclaration de l’arrêt du 01/01/2026 au 31/01/2026',
    });
  });

  it('a rechute after a long return opens its own prescription', () => {
    // Chains: 01/03–07/03 and, after 3 weeks worked, 01/04–10/04 (`chainesArrets`).
    const e = {
      ...mo,
      arrets: [...mo.arrets, { id: 'a2', debut: '2026-04-01', fin: '2026-04-10', declareLe: '2026-04-02' }],
    };
    const prescriptions = echeancesSinistre(e, '2026-04-20').filter((x) => x.kind === 'prescription');
    expect(prescriptions.map((x) => [x.cle, x.dateEcheance])).toEqual([
      ['prescription:2026-03-01', '2028-03-01'],
      ['prescription:2026-04-01', '2028-04-01'],
    ]);
  });

  it('without an arrêt, the prescription runs from the survenance; without a garantie, no contractual clock', () => {
    const e = { ...mo, arrets: [], garantie: null };
    expect(resume(e, '2026-03-20')).toEqual([['prescription', '2028-03-01', 'respectee', '2026-03-10']]);
  });

  it.each([
    // 01/12/2027 + 90: 30 to 31/12, +31 → 31/01/2028 (61), +29 (leap February) → 29/02/2028 (90);
    // the contract ends 31/12/2027: 30 days later, 30/01/2028, comes first.
    ['2027-12-01', '2027-12-31', '2028-01-30'],
    // Same event, contract running to 2029: the contractual 90 days, 29/02/2028.
    ['2027-12-01', '2029-12-31', '2028-02-29'],
    // Contract without an end.
    ['2027-12-01', null, '2028-02-29'],
    // Event on the contract's last day: 31/12/2027 + 30 = 30/01/2028, before 31/12 + 90 = 30/03/2028.
    ['2027-12-31', '2027-12-31', '2028-01-30'],
    // 15/01/2026 + 90: 16 to 31/01, +28 → 28/02 (44), +31 → 31/03 (75), +15 → 15/04 (90); end + 30 is 30/01/2028.
    ['2026-01-15', '2027-12-31', '2026-04-15'],
  ])('sinistre of %s, contract ending %s: declare by %s', (survenance, fin, attendu) => {
    expect(echeanceDeclarationSinistre(survenance, 90, fin).dateEcheance).toBe(attendu);
  });

  it.each<[TRisque, string, string]>([
    // Accident: 15 days. 31/01/2026 + 15 = 15/02/2026.
    ['accident_service', '2026-01-31', '2026-02-15'],
    // Across a leap February: 20/02/2028 + 15 → 29/02 is +9, 01/03 +10, 06/03 +15.
    ['accident_trajet', '2028-02-20', '2028-03-06'],
    // Maladie professionnelle: 2 years after the first medical finding; 29/02/2024 has no 29/02/2026 → 28/02.
    ['maladie_professionnelle', '2024-02-29', '2026-02-28'],
    ['maladie_professionnelle', '2026-03-15', '2028-03-15'],
  ])('CITIS %s of %s: the agent declares by %s', (categorie, survenance, attendu) => {
    expect(echeanceDeclarationCitis(categorie, survenance)).toBe(attendu);
  });

  const citis = (categorie: TRisque, declareLe: string, instruction = false, decideeLe: string | null = null) => ({
    ...mo,
    sinistre: { categorie, dateSurvenance: '2026-01-31', declareLe },
    arrets: [],
    citis: { instructionComplementaire: instruction, decideeLe },
  });
  const imputabilite = (e: EcheancesSinistreEntree, jour: string) =>
    echeancesSinistre(e, jour).find((x) => x.kind === 'citis_imputabilite');

  it.each<[TRisque, string, boolean, string]>([
    // One month after receipt: 10/02 → 10/03.
    ['accident_service', '2026-02-10', false, '2026-03-10'],
    // + 3 months for an enquête: 1 + 3 = 4 months, 10/06.
    ['accident_service', '2026-02-10', true, '2026-06-10'],
    // Month end: 31/01/2026 + 1 month → 28/02/2026; in a leap year 31/01/2028 → 29/02/2028.
    ['accident_trajet', '2026-01-31', false, '2026-02-28'],
    ['accident_trajet', '2028-01-31', false, '2028-02-29'],
    // Maladie professionnelle: 2 months, 31/01 → 31/03; with the conseil médical 5 months → 30/06 (clamped).
    ['maladie_professionnelle', '2026-01-31', false, '2026-03-31'],
    ['maladie_professionnelle', '2026-01-31', true, '2026-06-30'],
  ])('CITIS %s received %s (instruction %s): decide by %s', (categorie, recu, instruction, attendu) => {
    expect(imputabilite(citis(categorie, recu, instruction), recu)?.dateEcheance).toBe(attendu);
  });

  it('CITIS: the imputability clock turns proche, then dépassée with the provisional placement said', () => {
    const e = citis('accident_service', '2026-02-10');
    // Due 10/03/2026. From 24/02: 4 days to 28/02 + 10 = 14 days → proche; from 20/02: 18 days → à venir.
    expect(imputabilite(e, '2026-02-20')?.etat).toBe('a_venir');
    expect(imputabilite(e, '2026-02-24')?.etat).toBe('proche');
    const passee = imputabilite(e, '2026-03-11');
    expect(passee?.etat).toBe('depassee');
    expect(passee?.detail).toContain('placé en CITIS à titre provisoire à compter du 11/03/2026');
    // Decided on 05/03: respectée, whatever the day.
    expect(imputabilite(citis('accident_service', '2026-02-10', false, '2026-03-05'), '2027-01-01')?.etat).toBe(
      'respectee',
    );
    // The agent's declaration: accident of 31/01, due 15/02, received 10/02 → respectée.
    expect(echeancesSinistre(e, '2026-03-11').find((x) => x.kind === 'citis_declaration')).toMatchObject({
      dateEcheance: '2026-02-15',
      etat: 'respectee',
    });
  });

  it('no CITIS clock outside accidents and maladies professionnelles', () => {
    const e = { ...mo, citis: { instructionComplementaire: false, decideeLe: null } };
    expect(echeancesSinistre(e, '2026-03-20').some((x) => x.kind.startsWith('citis'))).toBe(false);
  });
});

describe('l’état d’une échéance', () => {
  it.each<[string, { le: string | null } | null, string, string]>([
    ['2026-06-30', null, '2026-06-14', 'a_venir'], // 16 days left
    ['2026-06-30', null, '2026-06-15', 'proche'], // 15 days left
    ['2026-06-30', null, '2026-06-30', 'proche'], // the day itself
    ['2026-06-30', null, '2026-07-01', 'depassee'],
    ['2026-06-30', { le: '2026-06-30' }, '2027-01-01', 'respectee'], // met on the day
    ['2026-06-30', { le: '2026-07-01' }, '2026-07-02', 'depassee'], // met late
    ['2026-06-30', { le: null }, '2027-01-01', 'respectee'], // met, day unknown
  ])('due %s, fait %j, read on %s: %s', (echeance, fait, jour, attendu) => {
    expect(etatDelai(echeance, fait, jour)).toBe(attendu);
  });
});

describe('les échéances d’un appel de cotisation', () => {
  const appel = {
    id: 'ap1',
    numero: 'AC-2026-000001',
    statut: 'paye_partiellement',
    echeances: [
      { rang: 1, dateEcheance: '2026-01-31', montant: 100_000 },
      { rang: 2, dateEcheance: '2026-04-30', montant: 100_000 },
    ],
    encaisse: 150_000,
  };

  it('what was received pays the earliest first: the first met, the second owes 500 €', () => {
    // 1 500 € received: 1 000 € to n° 1 (paid), 500 € to n° 2 (500 € due). 30/04 − 20/04 = 10 days.
    const r = echeancesAppel(appel, '2026-04-20');
    expect(r.map((x) => [x.cle, x.dateEcheance, x.etat])).toEqual([
      ['cotisation:ap1:1', '2026-01-31', 'respectee'],
      ['cotisation:ap1:2', '2026-04-30', 'proche'],
    ]);
    // French money spacing is a no-break space: compared as plain spaces.
    expect(r[1]?.detail.replace(/\s/gu, ' ')).toBe('Échéance du 30/04/2026 : reste 500,00 € à payer.');
    expect(echeancesAppel(appel, '2026-05-01')[1]?.etat).toBe('depassee');
  });

  it('a call not issued, or cancelled, owes nothing', () => {
    expect(echeancesAppel({ ...appel, statut: 'brouillon' }, '2026-05-01')).toEqual([]);
    expect(echeancesAppel({ ...appel, statut: 'annule' }, '2026-05-01')).toEqual([]);
  });
});

// ——— Properties ———

const jour = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
const categorie = fc.constantFrom<TRisque>(
  'maladie_ordinaire',
  'accident_service',
  'accident_trajet',
  'maladie_professionnelle',
  'clm',
);
const entree = fc
  .record({
    categorie,
    survenance: jour,
    declareApres: fc.integer({ min: 0, max: 400 }),
    delaiDeclaration: fc.constantFrom(90, 120, 180),
    delaiPieces: fc.integer({ min: 0, max: 365 }),
    fin: fc.option(jour, { nil: null }),
    arrets: fc.array(
      fc.record({
        apres: fc.integer({ min: 0, max: 200 }),
        duree: fc.integer({ min: 0, max: 60 }),
        declareApres: fc.integer({ min: 0, max: 200 }),
      }),
      { maxLength: 4 },
    ),
    completesApres: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    instruction: fc.boolean(),
    decideeApres: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  })
  .map(
    (g): EcheancesSinistreEntree => ({
      sinistre: {
        categorie: g.categorie,
        dateSurvenance: g.survenance,
        declareLe: addDays(g.survenance, g.declareApres),
      },
      contratFin: g.fin,
      garantie: { delaiDeclarationJours: g.delaiDeclaration, delaiPiecesJours: g.delaiPieces },
      arrets: g.arrets.map((a, i) => {
        const debut = addDays(g.survenance, a.apres);
        return { id: `a${i}`, debut, fin: addDays(debut, a.duree), declareLe: addDays(debut, a.declareApres) };
      }),
      piecesCompletesLe: g.completesApres === null ? null : addDays(g.survenance, g.declareApres + g.completesApres),
      citis: {
        instructionComplementaire: g.instruction,
        decideeLe: g.decideeApres === null ? null : addDays(g.survenance, g.declareApres + g.decideeApres),
      },
    }),
  );

/** Clocks counted in days: moving their start moves them by as much (months are not all as long). */
const EN_JOURS: readonly TDelaiKind[] = ['declaration_sinistre', 'declaration_arret', 'pieces'];

describe('propriétés des échéances', () => {
  it('a deadline is never before its start, and keys are unique', () => {
    fc.assert(
      fc.property(entree, jour, (e, aujourdhui) => {
        const r = echeancesSinistre(e, aujourdhui);
        for (const x of r) expect(x.dateEcheance >= x.depart).toBe(true);
        expect(new Set(r.map((x) => x.cle)).size).toBe(r.length);
      }),
    );
  });

  it('a met clock stays as it is whatever the day it is read; an unmet one only gets worse', () => {
    const rang = { a_venir: 0, proche: 1, depassee: 2, respectee: -1 };
    fc.assert(
      fc.property(entree, jour, fc.integer({ min: 1, max: 800 }), (e, j1, ecart) => {
        const avant = echeancesSinistre(e, j1);
        const apres = echeancesSinistre(e, addDays(j1, ecart));
        avant.forEach((x, i) => {
          const y = apres[i]!;
          expect(y.cle).toBe(x.cle);
          if (x.faitLe !== null) expect(y.etat).toBe(x.etat);
          else expect(rang[y.etat]).toBeGreaterThanOrEqual(rang[x.etat]);
        });
      }),
    );
  });

  it('moving the event later moves the due dates: by the same days for day clocks, never earlier for the others', () => {
    fc.assert(
      fc.property(entree, fc.integer({ min: 1, max: 400 }), jour, (e, k, aujourdhui) => {
        const decale: EcheancesSinistreEntree = {
          ...e,
          // No contract end: its cap does not move with the event.
          contratFin: null,
          sinistre: {
            ...e.sinistre,
            dateSurvenance: addDays(e.sinistre.dateSurvenance, k),
            declareLe: addDays(e.sinistre.declareLe, k),
          },
          arrets: e.arrets.map((a) => ({
            ...a,
            debut: addDays(a.debut, k),
            fin: addDays(a.fin, k),
            declareLe: addDays(a.declareLe, k),
          })),
        };
        // Per kind, the due dates in order: a shift keeps their order (addMonths is monotonic).
        const parKind = (r: ReturnType<typeof echeancesSinistre>) => {
          const m = new Map<TDelaiKind, string[]>();
          for (const x of r) m.set(x.kind, [...(m.get(x.kind) ?? []), x.dateEcheance].sort());
          return m;
        };
        const avant = parKind(echeancesSinistre({ ...e, contratFin: null }, aujourdhui));
        const apres = parKind(echeancesSinistre(decale, aujourdhui));
        expect([...apres.keys()].sort()).toEqual([...avant.keys()].sort());
        for (const [kind, dates] of avant)
          dates.forEach((x, i) => {
            const y = apres.get(kind)![i]!;
            if (EN_JOURS.includes(kind)) expect(daysBetween(x, y)).toBe(k);
            else expect(y >= x).toBe(true);
          });
      }),
    );
  });

  it('a contract’s end only ever brings the sinistre’s declaration forward, never before the event', () => {
    fc.assert(
      fc.property(jour, fc.constantFrom(90, 120, 180), jour, (survenance, delai, fin) => {
        const sans = echeanceDeclarationSinistre(survenance, delai, null).dateEcheance;
        const avec = echeanceDeclarationSinistre(survenance, delai, fin).dateEcheance;
        expect(avec <= sans).toBe(true);
        expect(avec >= survenance).toBe(true);
      }),
    );
  });
});
