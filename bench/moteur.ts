/**
 * Benchmark `moteur`: the reimbursement engine (`calculerRemboursement`, packages/domain, pure) costing
 * 1 million arrêt-days on one core, in memory, no database.
 *
 * Data set (deterministic): 2 000 agents with 500 arrêt-days each over 2022–2026 — half fonctionnaires,
 * half contractuels; maladie ordinaire in sinistres of 1 to 60 days with prolongations and returns of
 * one to five weeks (so the rolling year and the carence work), a CLM, an accident de service, a TPT;
 * TBI + NBI + SFT + RI + CP insured, IJSS for the contractuels. Every sinistre of every agent is costed
 * over the whole period.
 *
 * Floor, in the same run: a bare loop over the same arrêt-days doing the trentième arithmetic (day
 * number → month, weight, pay fraction, integer sum per month), nothing else. The ratio says what the
 * rules (chains, rolling year, carence, franchise, ledger, exact month amounts) cost over it.
 *
 * Linearity: one agent's history doubled (same arrêts repeated after a gap) must cost about twice,
 * not four times: the rolling-year look-up is a prefix sum, not a scan of the history.
 *
 * Goal: 1 million arrêt-days in under 2 s of CPU time (one core; the wall time on a shared machine
 * also counts the waits for a processor, and is reported beside it). A first whole pass warms the JIT.
 */

import { addDays } from '../packages/domain/src/common/dates.js';
import { calculerRemboursement, type EntreeMoteur } from '../packages/domain/src/index.js';
import { jourIndex } from '../packages/domain/src/remboursements/jours.js';
import { contratMoteur, garanties, salairesConstants } from '../packages/domain/src/remboursements/moteur.fixtures.js';
import type { ArretMoteur } from '../packages/domain/src/remboursements/moteur.types.js';
import { type BenchOptions, type BenchOutcome, log } from './lib/report.js';
import { median, ms, num, table, times } from './lib/stats.js';

const GOAL_MS = 2000;
const JOURS_TOTAL = 1_000_000;
const JOURS_PAR_AGENT = 500;
const RUNS = 3;

/** A tiny deterministic generator (mulberry32): the same data set on every run. */
function alea(seed: number) {
  let a = seed;
  return (max: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % max) + 0;
  };
}

const SALAIRES = salairesConstants('2021-01-01', '2035-12-31', { tbi: 210_000, nbi: 7_384, sft: 11_000 });
const CONTRAT = contratMoteur({
  garanties: garanties({ maladie_ordinaire: { franchiseNombre: 15 }, accident_service: { franchiseNombre: 10 } }),
  elements: ['nbi', 'sft', 'ri', 'cp'],
  riPct: 1_200,
  cpPct: 4_500,
  debut: '2000-01-01',
  fin: '2099-12-31',
});

/** An agent with `jours` arrêt-days from 2022, its arrêts never overlapping. */
export function agentBanc(numero: number, jours: number): EntreeMoteur {
  const r = alea(numero);
  const contractuel = numero % 2 === 1;
  const arrets: ArretMoteur[] = [];
  let jour = addDays('2022-01-03', r(60));
  let restant = jours;
  let s = 0;
  while (restant > 0) {
    s++;
    const tirage = r(20);
    const categorie =
      tirage === 0
        ? 'clm'
        : tirage === 1
          ? 'accident_service'
          : tirage === 2 && !contractuel
            ? 'tpt'
            : 'maladie_ordinaire';
    // A sinistre: an initial arrêt and up to 2 prolongations.
    const morceaux = 1 + r(3);
    for (let k = 0; k < morceaux && restant > 0; k++) {
      const duree = Math.min(restant, 1 + r(categorie === 'maladie_ordinaire' ? 20 : 60));
      const fin = addDays(jour, duree - 1);
      arrets.push({
        id: `${numero}-${s}-${k}`,
        sinistreId: `${numero}-${s}`,
        categorie,
        type: k === 0 ? 'initial' : 'prolongation',
        debut: jour,
        fin,
        dateEnvoi: addDays(jour, r(4)),
        quotiteTpt: categorie === 'tpt' ? 50 : null,
        ald: r(10) === 0,
      });
      restant -= duree;
      jour = addDays(fin, 1);
    }
    jour = addDays(jour, 7 + r(30));
  }
  return {
    agent: contractuel
      ? { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2019-09-01' }
      : { regime: 'CNRACL', statut: 'titulaire' },
    contrats: [CONTRAT],
    arrets,
    salaires: SALAIRES,
    ijss: contractuel ? [{ debut: '2022-01-01', fin: jour, montantJournalier: 2_500 }] : [],
    periode: { debut: '2022-01-01', fin: jour },
  };
}

function joursDe(e: EntreeMoteur): number {
  return e.arrets.reduce((n, a) => n + jourIndex(a.fin) - jourIndex(a.debut) + 1, 0);
}

/** The floor: the trentième arithmetic over the same days, an integer sum per month, nothing else. */
function plancher(agents: readonly EntreeMoteur[]): number {
  let controle = 0;
  for (const e of agents) {
    const mensuel = e.salaires['2024-01']!.tbi;
    for (const a of e.arrets) {
      const debut = jourIndex(a.debut);
      const fin = jourIndex(a.fin);
      let moisCourant = -1;
      let somme = 0;
      for (let j = debut; j <= fin; j++) {
        // Month of the day (30,44 days on average): enough to close a sum when it changes.
        const mois = Math.floor((j + 0.5) / 30.436875);
        if (mois !== moisCourant) {
          controle += Math.round((somme * mensuel) / (30 * 10_000));
          somme = 0;
          moisCourant = mois;
        }
        somme += j % 7 === 0 ? 5_000 : 9_000;
      }
      controle += Math.round((somme * mensuel) / (30 * 10_000));
    }
  }
  return controle;
}

/**
 * Wall time and this process's CPU time, in ms. The goal reads the CPU time (« sur un cœur »): on a
 * machine shared with other work the wall time also counts the waits for a processor.
 */
function chrono(fn: () => unknown): { mur: number; cpu: number } {
  const t = performance.now();
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return { mur: performance.now() - t, cpu: (u.user + u.system) / 1000 };
}

export async function benchMoteur(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'moteur', skipped: [], summary: [], details: {} };
  const totalJours = options.short ? JOURS_TOTAL / 10 : JOURS_TOTAL;
  const agents = Array.from({ length: totalJours / JOURS_PAR_AGENT }, (_, i) => agentBanc(i + 1, JOURS_PAR_AGENT));
  const jours = agents.reduce((n, e) => n + joursDe(e), 0);
  log(
    `  ${num(agents.length)} agents, ${num(jours)} jours d’arrêt, ${num(agents.reduce((n, e) => n + e.arrets.length, 0))} arrêts`,
  );

  // Warm-up (JIT), then alternate engine and floor so that a neighbour's load touches both alike.
  let rembourse = 0;
  // A bulk job costs thousands of files in one process: the steady state is what counts, so one
  // whole pass warms the JIT up first (its time is reported apart).
  const chauffe = chrono(() => {
    for (const e of agents) calculerRemboursement(e);
  });
  plancher(agents);
  const moteur: { mur: number; cpu: number }[] = [];
  const brut: { mur: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    moteur.push(
      chrono(() => {
        rembourse = 0;
        for (const e of agents) rembourse += calculerRemboursement(e).totaux.rembourse;
      }),
    );
    brut.push(chrono(() => plancher(agents)));
  }
  const m = median(moteur.map((x) => x.cpu));
  const mMur = median(moteur.map((x) => x.mur));
  const p = median(brut.map((x) => x.cpu));

  // Linearity: one agent's history, then twice as long (chains, counts and ledger all double).
  const histoire = (n: number) => agentBanc(424_242, n);
  const simple = histoire(20_000);
  const double = histoire(40_000);
  const repetitions = options.short ? 3 : 10;
  const tSimple: number[] = [];
  const tDouble: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    tSimple.push(chrono(() => calculerRemboursement(simple)).cpu);
    tDouble.push(chrono(() => calculerRemboursement(double)).cpu);
  }
  const rapportDouble = median(tDouble) / median(tSimple);

  log(
    `\n${table([
      ['Mesure (temps CPU)', 'Médiane', 'Jours/s'],
      ['Moteur (1 cœur)', ms(m), num(jours / (m / 1000))],
      ['Plancher : trentièmes seuls', ms(p), num(jours / (p / 1000))],
      [
        `Historique de ${num(joursDe(simple))} jours`,
        ms(median(tSimple)),
        num(joursDe(simple) / (median(tSimple) / 1000)),
      ],
      [
        `Historique de ${num(joursDe(double))} jours`,
        ms(median(tDouble)),
        num(joursDe(double) / (median(tDouble) / 1000)),
      ],
    ])}\n`,
  );
  log(
    `  Temps écoulé (mur) du moteur : ${ms(mMur)} ; première passe (chauffe du JIT, non comptée) : ${ms(chauffe.cpu)} CPU`,
  );
  log(`  Total remboursé (contrôle) : ${num(rembourse / 100, 2)} €`);

  outcome.summary.push(
    {
      banc: 'moteur',
      mesure: `${num(jours)} jours d’arrêt coûtés`,
      resultat: `${ms(m)} CPU (${num(jours / (m / 1000))} j/s ; mur ${ms(mMur)})`,
      plancher: `trentièmes seuls ${ms(p)}`,
      rapport: times(m / p),
      objectif: `< ${ms(options.short ? GOAL_MS / 10 : GOAL_MS)}`,
      verdict: options.short ? 'info' : m < GOAL_MS ? 'atteint' : 'manqué',
    },
    {
      banc: 'moteur',
      mesure: 'historique doublé d’un agent',
      resultat: `${ms(median(tSimple))} → ${ms(median(tDouble))}`,
      plancher: '—',
      rapport: times(rapportDouble),
      objectif: '≈ ×2 (linéaire), < ×3',
      verdict: rapportDouble < 3 ? 'atteint' : 'manqué',
    },
  );
  outcome.details = {
    agents: agents.length,
    jours,
    chauffeMs: chauffe,
    moteurMs: moteur,
    plancherMs: brut,
    historique: { simple: joursDe(simple), double: joursDe(double), simpleMs: tSimple, doubleMs: tDouble },
    rembourse,
  };
  return outcome;
}
