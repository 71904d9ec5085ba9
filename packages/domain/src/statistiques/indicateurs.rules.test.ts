import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import {
  calculerIndicateurs,
  expliquerIndicateur,
  type Indicateur,
  type TCodeIndicateur,
} from './indicateurs.rules.js';
import { estProblemePeriode, type Periode, resoudrePeriode } from './periode.rules.js';
import type { ArretStat, Effectif } from './statistiques.types.js';

/** French spaces (narrow no-break for thousands, no-break before %) read as plain spaces. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const periode = (choix: Parameters<typeof resoudrePeriode>[0], auJour = '2026-12-07'): Periode => {
  const p = resoudrePeriode(choix, auJour);
  if (estProblemePeriode(p)) throw new Error(p.message);
  return p;
};
const get = (list: Indicateur[], code: TCodeIndicateur) => list.find((i) => i.code === code)!;
const mo = (agentId: string, debut: string, jours: number, extra: Partial<ArretStat> = {}): ArretStat => ({
  agentId,
  categorie: 'maladie_ordinaire',
  debut,
  fin: addDays(debut, jours - 1),
  ...extra,
});

/**
 * The case: 40 agents in 2024, 25 arrêts, 14 agents absent, 1 400 days excluding maternity.
 * Agents a1…a11 have 2 arrêts of 28 days (22 arrêts, 616 days), a12…a14 one arrêt each of 261, 261 and
 * 262 days (784 days): 616 + 784 = 1 400 days, 22 + 3 = 25 arrêts, 14 agents. One maternity leave of
 * 112 days (agent a15) is left out.
 */
function casDeLIssue(): ArretStat[] {
  const arrets: ArretStat[] = [];
  for (let i = 1; i <= 11; i++) {
    arrets.push(mo(`a${i}`, '2024-02-01', 28), mo(`a${i}`, '2024-09-01', 28));
  }
  arrets.push(mo('a12', '2024-01-10', 261), mo('a13', '2024-02-10', 261), {
    agentId: 'a14',
    categorie: 'clm',
    debut: '2024-03-01',
    fin: addDays('2024-03-01', 261),
  });
  arrets.push({ agentId: 'a15', categorie: 'maternite', debut: '2024-04-01', fin: addDays('2024-04-01', 111) });
  return arrets;
}

describe('the issue’s case: 40 agents, 2024', () => {
  const r = calculerIndicateurs({
    periode: periode({ type: 'annee', annee: 2024 }),
    effectif: { type: 'nombre', agents: 40, source: 'base de l’assurance réelle 2024' },
    arrets: casDeLIssue(),
  });

  it('counts 1 400 days, 25 arrêts, 14 agents', () => {
    expect(r.totaux).toMatchObject({ jours: 1400, arrets: 25, agentsAbsents: 14 });
  });

  it.each([
    // code, value, text — by hand:
    ['taux', 9.5628, '9,56 %'], // 1 400 × 100 / (366 × 40) = 140 000 / 14 640 = 9,5628…
    ['joursParAgent', 35, '35 jours'], // 1 400 / 40
    ['frequence', 62.5, '62,5 arrêts pour 100 agents'], // 25 × 100 / 40
    ['gravite', 56, '56 jours'], // 1 400 / 25
    ['exposition', 35, '35 %'], // 14 × 100 / 40
    ['frequenceParAgentAbsent', 1.7857, '1,79 arrêt par agent absent'], // 25 / 14 = 1,7857…
  ] as const)('%s = %d', (code, valeur, texte) => {
    const i = get(r.indicateurs, code);
    expect(i.valeur).toBeCloseTo(valeur, 4);
    expect(plain(i.valeurTexte)).toBe(texte);
  });

  it('explains the taux with the actual numbers', () => {
    const taux = get(r.indicateurs, 'taux');
    expect(plain(taux.calcul)).toBe('1 400 jours d’arrêt × 100 / (366 jours × 40 agents) = 9,56 %');
    const texte = plain(expliquerIndicateur(taux));
    expect(texte).toContain('du 01/01/2024 au 31/12/2024');
    expect(texte).toContain('Effectif : 40 agents (base de l’assurance réelle 2024).');
    expect(texte).toContain('Non comptés : maternité, paternité, adoption (1 arrêt).');
  });

  it('explains the others', () => {
    expect(plain(get(r.indicateurs, 'frequence').calcul)).toBe(
      '25 arrêts × 100 / 40 agents = 62,5 arrêts pour 100 agents',
    );
    expect(plain(get(r.indicateurs, 'gravite').calcul)).toBe('1 400 jours d’arrêt / 25 arrêts = 56 jours');
    expect(plain(get(r.indicateurs, 'exposition').calcul)).toBe('14 agents absents × 100 / 40 agents = 35 %');
  });

  it('with maternity included: 1 512 days, 26 arrêts, 15 agents', () => {
    const avec = calculerIndicateurs({
      periode: periode({ type: 'annee', annee: 2024 }),
      effectif: { type: 'nombre', agents: 40 },
      arrets: casDeLIssue(),
      options: { maternite: 'incluse' },
    });
    // 1 512 × 100 / (366 × 40) = 151 200 / 14 640 = 10,3279 %
    expect(get(avec.indicateurs, 'taux').valeur).toBeCloseTo(10.3279, 4);
    expect(get(avec.indicateurs, 'frequence').valeur).toBe(65); // 26 × 100 / 40
    expect(plain(expliquerIndicateur(get(avec.indicateurs, 'taux')))).toContain(
      'Maternité, paternité et adoption comprises.',
    );
  });
});

describe('trap 1: a running year stops numerator and denominator at the « as of » date', () => {
  // At 15/06/2025: 01/01 → 15/06 = 31 + 28 + 31 + 30 + 31 + 15 = 166 days.
  const p = periode({ type: 'annee', annee: 2025 }, '2025-06-15');
  const r = calculerIndicateurs({
    periode: p,
    effectif: { type: 'nombre', agents: 10 },
    // An arrêt still running since 01/06/2025: 15 days so far; one starting tomorrow is not there yet.
    arrets: [
      { agentId: 'x', categorie: 'maladie_ordinaire', debut: '2025-06-01', fin: null },
      mo('y', '2025-06-16', 5),
    ],
  });

  it('cuts the period at the « as of » date', () => {
    expect(p).toMatchObject({ debut: '2025-01-01', fin: '2025-06-15', jours: 166, enCours: true });
    expect(p.libelle).toBe('année 2025 au 15/06/2025');
  });

  it('divides by 166 days of headcount, not 365', () => {
    // 15 × 100 / (166 × 10) = 1 500 / 1 660 = 0,9036 % — with 365 days it would read 0,41 %.
    expect(r.totaux.jours).toBe(15);
    expect(get(r.indicateurs, 'taux').valeur).toBeCloseTo(0.9036, 4);
    expect(plain(get(r.indicateurs, 'taux').calcul)).toBe('15 jours d’arrêt × 100 / (166 jours × 10 agents) = 0,90 %');
    expect(plain(expliquerIndicateur(get(r.indicateurs, 'taux')))).toContain(
      'Période en cours : jours d’arrêt et effectif sont comptés jusqu’au 15/06/2025 inclus.',
    );
  });
});

describe('trap 2: an arrêt crossing a boundary is cut at it', () => {
  // 20/12/2023 → 10/01/2024: 12 days in 2023, 10 in 2024.
  const arret = mo('x', '2023-12-20', 22);
  const calc = (annee: number) =>
    calculerIndicateurs({
      periode: periode({ type: 'annee', annee }),
      effectif: { type: 'nombre', agents: 5 },
      arrets: [arret],
    });

  it('gives each year its own days', () => {
    expect(calc(2023).totaux.jours).toBe(12);
    expect(calc(2024).totaux.jours).toBe(10);
  });

  it('counts the arrêt in the fréquence of both years, and says it began before', () => {
    // Convention: an arrêt counts in every period where it has a day. 2024: 1 × 100 / 5 = 20.
    const r = calc(2024);
    expect(get(r.indicateurs, 'frequence').valeur).toBe(20);
    expect(get(r.indicateurs, 'gravite').valeur).toBe(10); // 10 days / 1 arrêt
    expect(get(r.indicateurs, 'frequence').precisions).toContain('Dont 1 arrêt commencé avant le début de la période.');
  });
});

describe('trap 3: a past year uses that year’s headcount', () => {
  // Employment history: 4 agents all of 2023; a5 left on 30/06/2023 (181 days in 2023); 6 agents hired in
  // 2025 who must weigh nothing in 2023.
  const effectif: Effectif = {
    type: 'historique',
    emplois: [
      ...['a1', 'a2', 'a3', 'a4'].map((agentId) => ({ agentId, debut: '2015-01-01', fin: null })),
      { agentId: 'a5', debut: '2010-01-01', fin: '2023-06-30' },
      ...[1, 2, 3, 4, 5, 6].map((i) => ({ agentId: `n${i}`, debut: '2025-01-01', fin: null })),
    ],
  };
  const r = calculerIndicateurs({
    periode: periode({ type: 'annee', annee: 2023 }),
    effectif,
    // a5's arrêt runs past his departure: only his days on the staff count (01/06 → 30/06 = 30 days).
    arrets: [mo('a1', '2023-03-01', 73), mo('a5', '2023-06-01', 60)],
  });

  it('measures the headcount of 2023 from the history', () => {
    // 4 × 365 + 181 = 1 641 agent-days; 1 641 / 365 = 4,4959 agents on average (today: 10).
    expect(r.preparation.joursAgents).toBe(1641);
    expect(r.preparation.effectifMoyen).toBeCloseTo(4.4959, 4);
  });

  it('divides by it', () => {
    // (73 + 30) × 100 / 1 641 = 10 300 / 1 641 = 6,2767 %
    expect(get(r.indicateurs, 'taux').valeur).toBeCloseTo(6.2767, 4);
    expect(plain(get(r.indicateurs, 'taux').calcul)).toBe(
      '103 jours d’arrêt × 100 / 1 641 jours de présence des agents = 6,28 %',
    );
    expect(r.alertes.map(plain)).toEqual([
      '30 jours d’arrêt hors des périodes d’emploi des agents ne sont pas comptés : vérifiez l’historique d’emploi.',
    ]);
  });

  it('exposition over the agents present in 2023, persons not average', () => {
    // a1 and a5 absent among the 5 agents on the staff in 2023: 2 × 100 / 5 = 40 %.
    const i = get(r.indicateurs, 'exposition');
    expect(i.valeur).toBe(40);
    expect(plain(i.calcul)).toBe('2 agents absents × 100 / 5 agents = 40 %');
  });
});

describe('half pay and costs', () => {
  const p = periode({ type: 'annee', annee: 2024 });
  const arrets: ArretStat[] = [
    // 01/01 → 29/04/2024 = 120 days, half pay from the 91st day (30/03).
    mo('a', '2024-01-01', 120, {
      demiTraitement: [{ debut: '2024-03-30', fin: '2024-04-29' }],
      cout: { maintenuCentimes: 600_000, rembourseCentimes: 450_000 },
    }),
    mo('b', '2024-05-01', 10, { demiTraitement: [], cout: { maintenuCentimes: 50_000, rembourseCentimes: 0 } }),
    // 2023-12-22 → 2024-01-10: 20 days, 10 in 2024; cost 2 000 € → 1 000 € for 2024.
    mo('c', '2023-12-22', 20, { demiTraitement: [], cout: { maintenuCentimes: 200_000, rembourseCentimes: 100_000 } }),
    mo('d', '2024-06-01', 5),
  ];
  const r = calculerIndicateurs({ periode: p, effectif: { type: 'nombre', agents: 8 }, arrets });

  it('exposition au demi-traitement: 1 of the 4 absent agents = 25 %, d unknown counts as full pay', () => {
    const i = get(r.indicateurs, 'expositionDemiTraitement');
    expect(i.valeur).toBe(25);
    expect(plain(i.calcul)).toBe('1 agent au demi-traitement × 100 / 4 agents absents = 25 %');
    expect(i.precisions).toContain('1 arrêt sans information sur le traitement compte comme à plein traitement.');
  });

  it('coût direct: (6 000 + 500 + 1 000) € / 8 agents = 937,50 €; reste à charge (7 500 − 5 000) / 8 = 312,50 €', () => {
    expect(get(r.indicateurs, 'coutDirect').valeur).toBe(93_750);
    expect(plain(get(r.indicateurs, 'coutDirect').valeurTexte)).toBe('937,50 €');
    expect(get(r.indicateurs, 'resteACharge').valeur).toBe(31_250);
    expect(plain(get(r.indicateurs, 'resteACharge').calcul)).toBe(
      '(7 500,00 € maintenus − 5 000,00 € remboursés) / 8 agents = 312,50 € par agent',
    );
  });

  it('is not computed when nothing is known', () => {
    const rien = calculerIndicateurs({
      periode: p,
      effectif: { type: 'nombre', agents: 8 },
      arrets: [mo('d', '2024-06-01', 5)],
    });
    expect(get(rien.indicateurs, 'expositionDemiTraitement')).toMatchObject({
      valeur: null,
      motif: 'Le traitement des jours d’arrêt n’est pas connu.',
    });
    expect(get(rien.indicateurs, 'coutDirect')).toMatchObject({
      valeur: null,
      motif: 'Le coût des arrêts n’est pas connu.',
    });
  });
});

describe('edge cases', () => {
  const p = periode({ type: 'annee', annee: 2024 });
  it('an agent’s overlapping arrêts count each day once', () => {
    // 01/03 → 31/03 (31 days) and 20/03 → 09/04 (21 days, 12 overlapping): 31 + 9 = 40 days.
    const r = calculerIndicateurs({
      periode: p,
      effectif: { type: 'nombre', agents: 3 },
      arrets: [mo('a', '2024-03-01', 31), mo('a', '2024-03-20', 21)],
    });
    expect(r.totaux).toMatchObject({ jours: 40, arrets: 2, agentsAbsents: 1 });
  });

  it('TPT, disponibilité d’office and décès are not absences', () => {
    const r = calculerIndicateurs({
      periode: p,
      effectif: { type: 'nombre', agents: 3 },
      arrets: [{ agentId: 'a', categorie: 'tpt', debut: '2024-01-01', fin: '2024-03-31' }],
    });
    expect(r.totaux.jours).toBe(0);
    expect(plain(expliquerIndicateur(get(r.indicateurs, 'taux')))).toContain('temps partiel thérapeutique (1 arrêt)');
    expect(get(r.indicateurs, 'gravite')).toMatchObject({ valeur: null, motif: 'Aucun arrêt dans la période.' });
  });

  it('no headcount: nothing divided by zero', () => {
    const r = calculerIndicateurs({
      periode: p,
      effectif: { type: 'nombre', agents: 0 },
      arrets: [mo('a', '2024-03-01', 3)],
    });
    expect(get(r.indicateurs, 'taux')).toMatchObject({
      valeur: null,
      motif: 'Aucun agent dans l’effectif de la période.',
    });
    expect(r.alertes.map(plain)).toEqual([
      '1 agent a été absent pour un effectif de 0 agent : vérifiez l’effectif de la période.',
    ]);
  });
});
