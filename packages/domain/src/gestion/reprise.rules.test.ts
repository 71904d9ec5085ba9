import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { echeancesReprise, etatEcheance, visiteRepriseRequise, ZRepriseSuivi } from './reprise.rules.js';

describe('saisie du suivi de reprise', () => {
  it('a TPT at 80 %', () => {
    expect(ZRepriseSuivi.parse({ effectiveLe: '2026-04-06', forme: 'tpt', quotite: 80 })).toEqual({
      prevueLe: null,
      effectiveLe: '2026-04-06',
      forme: 'tpt',
      quotite: 80,
      visiteRepriseLe: null,
      suivi30FaitLe: null,
      suivi90FaitLe: null,
    });
  });

  it.each([
    [{ effectiveLe: '2026-04-06', forme: 'tpt' }, 'quotite', 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.'],
    [
      { effectiveLe: '2026-04-06', forme: 'tpt', quotite: 75 },
      'quotite',
      'Quotité : choisissez 50, 60, 70, 80 ou 90 %.',
    ],
    [
      { effectiveLe: '2026-04-06', forme: 'plein_temps', quotite: 80 },
      'quotite',
      'La quotité ne concerne que le temps partiel thérapeutique.',
    ],
    [{ forme: 'reclassement' }, 'prevueLe', 'Indiquez la date de reprise prévue ou effective.'],
    [
      { effectiveLe: '2026-04-06', forme: 'plein_temps', suivi30FaitLe: '2026-04-01' },
      'suivi30FaitLe',
      'Un suivi a lieu après la reprise effective.',
    ],
    [{ prevueLe: '2026-04-31', forme: 'plein_temps' }, 'prevueLe', 'Date de reprise prévue invalide.'],
  ])('%j → %s', (input, path, message) => {
    const r = ZRepriseSuivi.safeParse(input);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
  });
});

describe('visite de reprise requise', () => {
  it.each([
    ['maternite', 5, true],
    ['maladie_professionnelle', 3, true],
    ['accident_service', 29, false],
    ['accident_trajet', 30, true],
    ['maladie_ordinaire', 59, false],
    ['clm', 60, true],
    ['deces', 400, false],
  ] as const)('%s après %d jours → %s', (categorie, jours, requise) => {
    expect(visiteRepriseRequise(categorie, jours)).toBe(requise);
  });
});

describe('échéances du suivi de reprise', () => {
  const vide = { prevueLe: null, effectiveLe: null, visiteRepriseLe: null, suivi30FaitLe: null, suivi90FaitLe: null };

  it('reprise effective le 06/04/2026 : visite le 14/04, suivis le 06/05 et le 05/07', () => {
    expect(
      echeancesReprise({ ...vide, effectiveLe: '2026-04-06', visiteRepriseLe: '2026-04-10' }, '2026-05-02', {
        visiteRequise: true,
      }),
    ).toEqual([
      {
        code: 'visite_reprise',
        echeance: '2026-04-14',
        etat: 'fait',
        message: 'Visite de reprise : faite le 10/04/2026.',
      },
      {
        code: 'suivi_30',
        echeance: '2026-05-06',
        etat: 'a_faire',
        message: 'Suivi à 30 jours : à faire au plus tard le 06/05/2026.',
      },
      { code: 'suivi_90', echeance: '2026-07-05', etat: 'a_venir', message: 'Suivi à 90 jours : le 05/07/2026.' },
    ]);
  });

  it('late follow-up, and no visite when not required', () => {
    const r = echeancesReprise({ ...vide, effectiveLe: '2026-04-06' }, '2026-05-07', { visiteRequise: false });
    expect(r.map((e) => [e.code, e.etat, e.message])).toEqual([
      ['suivi_30', 'en_retard', 'Suivi à 30 jours : en retard depuis le 07/05/2026 (prévu le 06/05/2026).'],
      ['suivi_90', 'a_venir', 'Suivi à 90 jours : le 05/07/2026.'],
    ]);
  });

  it('an expected return not confirmed', () => {
    expect(echeancesReprise({ ...vide, prevueLe: '2026-04-06' }, '2026-04-08', { visiteRequise: true })).toEqual([
      {
        code: 'reprise',
        echeance: '2026-04-06',
        etat: 'en_retard',
        message: 'Reprise prévue le 06/04/2026, non confirmée : vérifiez auprès de l’employeur.',
      },
    ]);
  });

  it.each([
    ['2026-04-29', 'a_venir'],
    ['2026-04-30', 'a_faire'],
    ['2026-05-07', 'a_faire'],
    ['2026-05-08', 'en_retard'],
  ] as const)('échéance 07/05/2026, au %s → %s', (aujourdhui, etat) => {
    expect(etatEcheance('2026-05-07', null, aujourdhui)).toBe(etat);
  });

  it('a state only moves forward with time (à venir → à faire → en retard)', () => {
    const rang = { a_venir: 0, a_faire: 1, en_retard: 2, fait: 3 };
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 0, max: 30 }), (offset, plus) => {
        const jour = addDays('2026-05-07', offset);
        expect(rang[etatEcheance('2026-05-07', null, addDays(jour, plus))]).toBeGreaterThanOrEqual(
          rang[etatEcheance('2026-05-07', null, jour)],
        );
      }),
    );
  });
});
