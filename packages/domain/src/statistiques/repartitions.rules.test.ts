import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import { estProblemePeriode, type Periode, resoudrePeriode } from './periode.rules.js';
import { preparer } from './preparation.rules.js';
import { ageAu, comparerSeries, repartir, serieMensuelle } from './repartitions.rules.js';
import type { ArretStat, Effectif } from './statistiques.types.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const periode = (annee: number, auJour = '2026-12-07'): Periode => {
  const p = resoudrePeriode({ type: 'annee', annee }, auJour);
  if (estProblemePeriode(p)) throw new Error(p.message);
  return p;
};
const arret = (
  agentId: string,
  categorie: ArretStat['categorie'],
  debut: string,
  jours: number,
  profil?: ArretStat['profil'],
): ArretStat => ({
  agentId,
  categorie,
  debut,
  fin: addDays(debut, jours - 1),
  profil,
});

describe('par motif', () => {
  // 10 agents in 2024 (366 × 10 = 3 660 agent-days).
  const p = preparer(periode(2024), { type: 'nombre', agents: 10 }, [
    arret('a', 'maladie_ordinaire', '2024-01-08', 3),
    arret('b', 'maladie_ordinaire', '2024-02-01', 10),
    arret('c', 'clm', '2024-03-01', 90),
    arret('d', 'accident_service', '2024-05-01', 20),
    arret('e', 'maternite', '2024-06-01', 112),
  ]);
  const lignes = repartir(p, 'categorie');

  it('gives the groups in order, maternity left out by default', () => {
    expect(lignes.map((l) => l.libelle)).toEqual([
      'Maladie ordinaire',
      'Longue maladie (CLM, CLD, CGM)',
      'Accidents et maladies professionnelles (CITIS)',
    ]);
  });

  it('each taux over the whole headcount, adding up to the taux', () => {
    // MO 13 days: 13 × 100 / 3 660 = 0,3552 %; CLM 90 → 2,4590 %; CITIS 20 → 0,5464 %; total 123 → 3,3607 %.
    expect(lignes.map((l) => [l.jours, l.arrets, l.agentsAbsents])).toEqual([
      [13, 2, 2],
      [90, 1, 1],
      [20, 1, 1],
    ]);
    expect(lignes[0]!.taux).toBeCloseTo(0.3552, 4);
    expect(lignes[1]!.taux).toBeCloseTo(2.459, 4);
    expect(lignes.reduce((n, l) => n + l.taux!, 0)).toBeCloseTo((123 * 100) / 3660, 10);
    // Share of days: 90 / 123 = 73,17 %.
    expect(lignes[1]!.partJours).toBeCloseTo(73.1707, 4);
    expect(plain(lignes[1]!.calcul)).toBe('90 jours d’arrêt × 100 / 3 660 jours de présence des agents = 2,46 %');
  });

  it('includes maternity by option', () => {
    const avec = preparer(periode(2024), { type: 'nombre', agents: 10 }, [arret('e', 'maternite', '2024-06-01', 112)], {
      maternite: 'incluse',
    });
    expect(repartir(avec, 'categorie').at(-1)).toMatchObject({ cle: 'maternite', jours: 112 });
  });
});

describe('par durée', () => {
  it('classes each arrêt by its whole length, even cut by the period', () => {
    const p = preparer(periode(2024), { type: 'nombre', agents: 10 }, [
      arret('a', 'maladie_ordinaire', '2024-03-01', 1), // 1–3
      arret('b', 'maladie_ordinaire', '2024-03-01', 3), // 1–3
      arret('c', 'maladie_ordinaire', '2024-03-01', 4), // 4–7
      arret('d', 'maladie_ordinaire', '2024-03-01', 8), // 8–15
      arret('e', 'maladie_ordinaire', '2024-03-01', 90), // 16–90
      arret('f', 'maladie_ordinaire', '2024-03-01', 91), // 91–180
      // 01/10/2023 → 19/04/2024: 201 days, 110 of them in 2024: > 180 days.
      arret('g', 'clm', '2023-10-01', 202),
      // Still running since 01/12/2024, known at 07/12/2026: 737 days so far.
      { agentId: 'h', categorie: 'cld', debut: '2024-12-01', fin: null },
    ]);
    expect(repartir(p, 'duree').map((l) => [l.libelle, l.arrets])).toEqual([
      ['1 à 3 jours', 2],
      ['4 à 7 jours', 1],
      ['8 à 15 jours', 1],
      ['16 à 90 jours', 1],
      ['91 à 180 jours', 1],
      ['Plus de 180 jours', 2],
    ]);
  });
});

describe('par âge, sexe, régime, service', () => {
  // History with profiles: 2 women (one born 1990-06-15: 34 on 31/12/2024; one born 1960-01-01: 64), 2 men
  // (born 1985-12-31: 39, 1999-07-01: 25), all four the whole of 2024.
  const effectif: Effectif = {
    type: 'historique',
    emplois: [
      {
        agentId: 'f1',
        debut: '2020-01-01',
        fin: null,
        profil: { sexe: 'F', dateNaissance: '1990-06-15', regime: 'CNRACL', service: 'Écoles' },
      },
      {
        agentId: 'f2',
        debut: '2020-01-01',
        fin: null,
        profil: { sexe: 'F', dateNaissance: '1960-01-01', regime: 'CNRACL', service: 'Voirie' },
      },
      {
        agentId: 'm1',
        debut: '2020-01-01',
        fin: null,
        profil: { sexe: 'M', dateNaissance: '1985-12-31', regime: 'IRCANTEC', service: 'Voirie' },
      },
      {
        agentId: 'm2',
        debut: '2020-01-01',
        fin: null,
        profil: { sexe: 'M', dateNaissance: '1999-07-01', regime: 'CNRACL', service: null },
      },
    ],
  };
  const p = preparer(periode(2024), effectif, [
    arret('f1', 'maladie_ordinaire', '2024-02-01', 20),
    arret('f2', 'clm', '2024-01-01', 61),
    arret('m1', 'maladie_ordinaire', '2024-03-01', 5),
  ]);

  it('by sex, each over its own headcount', () => {
    // Women: 81 days × 100 / (2 × 366) = 8 100 / 732 = 11,0656 %; men: 5 × 100 / 732 = 0,6831 %.
    const l = repartir(p, 'sexe');
    expect(l.map((x) => x.libelle)).toEqual(['Femmes', 'Hommes']);
    expect(l[0]!.taux).toBeCloseTo(11.0656, 4);
    expect(l[1]!.taux).toBeCloseTo(0.6831, 4);
    expect(plain(l[0]!.calcul)).toBe('81 jours d’arrêt × 100 / 732 jours de présence des agents du groupe = 11,07 %');
  });

  it('by age on the last day of the period', () => {
    expect(ageAu('1990-06-15', '2024-12-31')).toBe(34);
    expect(ageAu('1985-12-31', '2024-12-30')).toBe(38);
    expect(ageAu('1985-12-31', '2024-12-31')).toBe(39);
    const l = repartir(p, 'age');
    expect(l.map((x) => [x.cle, x.jours, x.taux === null ? null : Math.round(x.taux * 1e4) / 1e4])).toEqual([
      ['-30', 0, 0], // m2, 366 agent-days, no arrêt
      ['30-39', 25, 3.4153], // f1 + m1: 25 × 100 / 732
      ['40-49', 0, null],
      ['50-59', 0, null],
      ['60+', 61, 16.6667], // f2: 61 × 100 / 366
    ]);
  });

  it('by regime and by service, « Non renseigné » last', () => {
    expect(repartir(p, 'regime').map((x) => [x.cle, x.jours])).toEqual([
      ['CNRACL', 81],
      ['IRCANTEC', 5],
    ]);
    // Voirie 66 days (f2 61 + m1 5) before Écoles 20; m2 has no service but is in the headcount.
    expect(
      repartir(p, 'service').map((x) => [x.libelle, x.jours, x.taux === null ? null : Math.round(x.taux * 1e4) / 1e4]),
    ).toEqual([
      ['Voirie', 66, 9.0164], // 66 × 100 / 732
      ['Écoles', 20, 5.4645], // 20 × 100 / 366
      ['Non renseigné', 0, 0],
    ]);
  });

  it('with a plain headcount only shares, no taux', () => {
    const q = preparer(periode(2024), { type: 'nombre', agents: 4 }, [
      arret('f1', 'maladie_ordinaire', '2024-02-01', 20, { sexe: 'F' }),
      arret('x', 'maladie_ordinaire', '2024-02-01', 5),
    ]);
    expect(repartir(q, 'sexe').map((x) => [x.libelle, x.jours, x.partJours, x.taux])).toEqual(
      [
        ['Femmes', 20, 80],
        ['Non renseigné', 5, 20],
      ].map((r) => [...r, null]),
    );
  });
});

describe('série mensuelle', () => {
  it('cuts each arrêt by month, with each month’s own headcount', () => {
    // 10 agents; arrêt 25/01 → 05/02/2024: 7 days in January, 5 in February.
    // January: 7 × 100 / (31 × 10) = 2,2581 %; February: 5 × 100 / (29 × 10) = 1,7241 %.
    const p = preparer(periode(2024), { type: 'nombre', agents: 10 }, [
      arret('a', 'maladie_ordinaire', '2024-01-25', 12),
    ]);
    const s = serieMensuelle(p);
    expect(s).toHaveLength(12);
    expect(s[0]).toMatchObject({ mois: '2024-01', libelle: 'janv. 2024', jours: 7, arrets: 1, joursAgents: 310 });
    expect(s[0]!.taux).toBeCloseTo(2.2581, 4);
    expect(s[1]).toMatchObject({ mois: '2024-02', jours: 5, arrets: 1, joursAgents: 290 });
    expect(s[1]!.taux).toBeCloseTo(1.7241, 4);
    expect(s[2]).toMatchObject({ jours: 0, arrets: 0, taux: 0 });
  });

  it('a running year has its months so far, set against the same months of the year before', () => {
    const courante = serieMensuelle(preparer(periode(2025, '2025-03-10'), { type: 'nombre', agents: 2 }, []));
    // March 2025 so far: 10 days × 2 agents.
    expect(courante.map((m) => [m.mois, m.joursAgents])).toEqual([
      ['2025-01', 62],
      ['2025-02', 56],
      ['2025-03', 20],
    ]);
    const precedente = serieMensuelle(
      preparer(periode(2024), { type: 'nombre', agents: 4 }, [arret('a', 'maladie_ordinaire', '2024-01-01', 31)]),
    );
    const c = comparerSeries(courante, precedente);
    // January 2024: 31 × 100 / (31 × 4) = 25 %, with 2024's headcount of 4.
    expect(c[0]).toMatchObject({ mois: '2025-01', taux: 0, tauxPrecedent: 25, arretsPrecedent: 1 });
    expect(c).toHaveLength(3);
  });
});
