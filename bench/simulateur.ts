/**
 * Benchmark `simulateur`: the formula simulator (issue 12) of a CDG of 1 000 collectivités over its
 * last three full years — POST /api/gestion/simulateur, two formulas (the second refusing the arrêts
 * declared more than 90 days late), the whole CDG, streamed as the page asks for it (NDJSON: its
 * progress, then the result) — through the real application (chunks of 50 collectivités, set-based
 * reads, the engine per formula and the reference run of the maintained pay), on PostgreSQL (3
 * samples) then on PGlite (the measured CDG alone, 2 samples). Reported besides: the time to the
 * first progress line and how many progress lines came.
 *
 * Data set (lib/cdg.ts, dated back from the 1st of January of this year, so that the sinistres fall
 * in the three years replayed): 1 000 collectivités per CDG, 20 agents and 30 sinistres each, two
 * arrêts of 10 days per sinistre; the payslip of every month an arrêt touches (TBI 2 300–2 450 €, NBI
 * for one agent in three), and each collectivité's base réelle for each of the three years.
 *
 * Floor, in the same run and on the same database: the same rows read by raw SQL for the whole CDG
 * at once (four statements: agents, arrêts, payslips, bases — no chunking, no IJSS, antécédents nor
 * contre-visites, which the data set has none of), then the pure domain function
 * `simulerCollectivite` on each collectivité. Its totals must equal the endpoint's. Real runs and
 * floors alternate. Reported besides: the longest event-loop stall during a real run (the server
 * yields between collectivités and chunks), the machine's load and the spread of the samples.
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type BaseSimulee,
  type CollectiviteSimulee,
  cumulVide,
  resultatSimulation,
  simulerCollectivite,
  type TFormule,
  type TSimulationEvenement,
} from '../packages/domain/src/index.js';
import type { ArretMoteur } from '../packages/domain/src/remboursements/moteur.types.js';
import type { Database } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { SESSION_COOKIE } from './lib/app.js';
import { type CdgSizes, cdgId, demarrerCdg, pgliteSizes, seedCdgs, seedGestionnaire } from './lib/cdg.js';
import { onPostgresThenPglite } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, type Cleanup, log } from './lib/report.js';
import { median, ms, num, spread, table, times } from './lib/stats.js';

const PASSWORD = 'Banc-simulateur-2026';
const EMAIL = 'gestionnaire@banc.statutis.fr';
const REFERENCE = `date_trunc('year', now())`;
const SIZES: CdgSizes = { cdgs: 2, collectivitesParCdg: 1000, agentsParCollectivite: 20, sinistresParCollectivite: 30 };
const SIZES_COURT: CdgSizes = { ...SIZES, collectivitesParCdg: 200 };
const TOUS: TFormule['risques'] = ['maladie_ordinaire', 'accident_service', 'clm', 'cld', 'maternite'];
const FORMULES: TFormule[] = [
  {
    libelle: 'Franchise 10 jours',
    franchiseMoJours: 10,
    franchisesJours: {},
    declarationTardive: 'aucune',
    delaiDeclarationJours: 90,
    remboursementPct: 100,
    elements: ['nbi'],
    risques: TOUS,
    taux: { CNRACL: 8600 },
  },
  {
    libelle: 'Franchise 30 jours à 90 %, refus hors délai',
    franchiseMoJours: 30,
    franchisesJours: { accident_service: 10 },
    declarationTardive: 'refus',
    delaiDeclarationJours: 90,
    remboursementPct: 90,
    elements: [],
    risques: TOUS,
    taux: { CNRACL: 6950 },
  },
];
const annees = () => {
  const an = new Date().getFullYear();
  return [an - 3, an - 2, an - 1];
};

async function seed(database: Database, sizes: CdgSizes, passwordHash: string) {
  await seedCdgs(database, sizes, REFERENCE);
  await database.query(
    `INSERT INTO salaire_mensuel (collectivite_id, agent_id, mois, tbi, nbi, saisi_par, saisi_le)
     SELECT DISTINCT a.collectivite_id, a.agent_id, to_char(m, 'YYYY-MM'),
       230000 + (substring(g.nom FROM 4)::int % 7) * 2500,
       CASE WHEN substring(g.nom FROM 4)::int % 3 = 0 THEN 4614 END, 'Banc', now()
     FROM arret a JOIN agent g ON g.id = a.agent_id
     CROSS JOIN LATERAL generate_series(date_trunc('month', a.debut::timestamp), a.fin::timestamp, interval '1 month') m
     ON CONFLICT DO NOTHING`,
    [],
  );
  const [a0, , a2] = annees();
  await database.query(
    `INSERT INTO base_assurance (collectivite_id, contrat_id, annee, type, effectif, tbi, nbi, ri_pct,
       taux_cotisation, assiette, cotisation)
     SELECT co.id, ct.id, y, 'reelle', $1, $1 * 2900000, 55000, 1200, 520, $1 * 2955000, $1 * 153660
     FROM collectivite co JOIN contrat ct ON ct.cdg_id = co.cdg_id, generate_series($2::int, $3::int) y`,
    [sizes.agentsParCollectivite, a0, a2],
  );
  await seedGestionnaire(database, EMAIL, passwordHash);
  await database.query('ANALYZE', []);
}

type Totaux = { remboursements: number[]; primes: number[]; salaire: number };
type Sample = Totaux & { ms: number; agents: number };

const totauxDe = (formules: { total: { remboursements: number; primes: number; salaireMaintenu: number } }[]) => ({
  remboursements: formules.map((f) => f.total.remboursements),
  primes: formules.map((f) => f.total.primes),
  salaire: formules[0]!.total.salaireMaintenu,
});

/** The real path: the gestionnaire's POST as the page sends it, while the event loop's stalls are recorded. */
async function realRun(url: string, session: { cookie: string; csrf: string }) {
  const boucle = monitorEventLoopDelay({ resolution: 10 });
  boucle.enable();
  const t = performance.now();
  // The kept-alive socket of the login may have been closed by the server during a long floor: send once more.
  const envoyer = () =>
    fetch(`${url}/api/gestion/simulateur`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${session.cookie}`,
        'content-type': 'application/json',
        'x-csrf-token': session.csrf,
        accept: 'application/x-ndjson',
      },
      body: JSON.stringify({ regimes: ['CNRACL'], formules: FORMULES, collectiviteId: null }),
    });
  const response = await envoyer().catch(envoyer);
  if (response.status !== 200) throw new Error(`simulation refusée (${response.status}) : ${await response.text()}`);
  let premiereMs = Number.NaN;
  let progressions = 0;
  let reste = '';
  let fin: TSimulationEvenement | null = null;
  const decodeur = new TextDecoder();
  for await (const morceau of response.body!) {
    reste += decodeur.decode(morceau, { stream: true });
    const lignes = reste.split('\n');
    reste = lignes.pop()!;
    for (const ligne of lignes) {
      const e = JSON.parse(ligne) as TSimulationEvenement;
      if (e.type === 'progression') {
        if (progressions++ === 0) premiereMs = performance.now() - t;
      } else fin = e;
    }
  }
  const elapsed = performance.now() - t;
  boucle.disable();
  if (fin?.type !== 'resultat') throw new Error(`simulation en échec : ${JSON.stringify(fin)}`);
  const out = fin.resultat;
  return {
    ms: elapsed,
    agents: out.perimetre.agents,
    ...totauxDe(out.formules),
    blocageMs: boucle.max / 1e6,
    premiereMs,
    progressions,
  };
}

/** The floor: the same rows for the whole CDG in four raw statements, then the domain function alone. */
async function floorRun(database: Database): Promise<Sample> {
  const ans = annees();
  const debut = `${ans[0]}-01-01`;
  const fin = `${ans.at(-1)}-12-31`;
  const t = performance.now();
  const avecArret = `SELECT a.id FROM agent a JOIN collectivite c ON c.id = a.collectivite_id
    WHERE c.cdg_id = $1 AND a.regime = 'CNRACL' AND EXISTS (SELECT 1 FROM arret r JOIN sinistre s ON s.id = r.sinistre_id
      WHERE r.agent_id = a.id AND r.debut <= $3 AND r.fin >= $2 AND s.statut <> 'brouillon')`;
  const params = [cdgId(1), debut, fin];
  const [agents, arrets, salaires, bases] = await Promise.all([
    database.query<{ id: string; collectivite_id: string; statut: string; date_entree: string | null }>(
      `SELECT a.id, a.collectivite_id, a.statut, a.date_entree::text FROM agent a WHERE a.id IN (${avecArret})`,
      params,
    ),
    database.query<ArretMoteur & { agentId: string }>(
      `SELECT r.id, r.agent_id AS "agentId", r.sinistre_id AS "sinistreId", coalesce(r.categorie, s.categorie) AS categorie,
         r.type, r.debut::text AS debut, r.fin::text AS fin, r.certificat_recu_le::text AS "dateEnvoi",
         (r.created_at AT TIME ZONE 'Europe/Paris')::date::text AS "dateReception", r.quotite_tpt AS "quotiteTpt",
         r.grossesse, r.ald
       FROM arret r JOIN sinistre s ON s.id = r.sinistre_id
       WHERE r.agent_id IN (${avecArret}) AND r.debut <= $3 AND s.statut <> 'brouillon' ORDER BY r.debut`,
      params,
    ),
    database.query<{ agent_id: string; mois: string; tbi: number; nbi: number | null }>(
      `SELECT agent_id, mois, tbi::int, nbi::int FROM salaire_mensuel
       WHERE agent_id IN (${avecArret}) AND mois BETWEEN $4 AND $5 AND tbi IS NOT NULL`,
      [...params, debut.slice(0, 7), fin.slice(0, 7)],
    ),
    database.query<BaseSimulee & { collectivite_id: string }>(
      `SELECT DISTINCT ON (b.collectivite_id, b.annee) b.collectivite_id, b.annee, b.tbi::float8 AS tbi,
         b.nbi::float8 AS nbi, b.sft::float8 AS sft, b.ir::float8 AS ir, b.ri_pct AS "riPct", b.cp_pct AS "cpPct"
       FROM base_assurance b JOIN collectivite c ON c.id = b.collectivite_id JOIN contrat k ON k.id = b.contrat_id
       WHERE c.cdg_id = $1 AND k.regime = 'CNRACL' AND b.annee BETWEEN $2 AND $3
       ORDER BY b.collectivite_id, b.annee, (b.type = 'reelle') DESC`,
      [cdgId(1), ans[0], ans.at(-1)],
    ),
  ]);
  const parCollectivite = new Map<string, { agents: CollectiviteSimulee['agents'][number][]; bases: BaseSimulee[] }>();
  const de = (id: string) => {
    let c = parCollectivite.get(id);
    if (!c) {
      c = { agents: [], bases: [] };
      parCollectivite.set(id, c);
    }
    return c;
  };
  for (const { collectivite_id, ...b } of bases) de(collectivite_id).bases.push(b);
  const arretsDe = new Map<string, ArretMoteur[]>();
  for (const { agentId, ...r } of arrets) {
    const l = arretsDe.get(agentId);
    if (l) l.push(r);
    else arretsDe.set(agentId, [r]);
  }
  const salairesDe = new Map<string, Record<string, { tbi: number; nbi?: number }>>();
  for (const s of salaires) {
    let m = salairesDe.get(s.agent_id);
    if (!m) {
      m = {};
      salairesDe.set(s.agent_id, m);
    }
    m[s.mois] = s.nbi === null ? { tbi: s.tbi } : { tbi: s.tbi, nbi: s.nbi };
  }
  for (const a of agents)
    de(a.collectivite_id).agents.push({
      agent: { regime: 'CNRACL', statut: a.statut as 'titulaire', debutService: a.date_entree },
      arrets: arretsDe.get(a.id) ?? [],
      salaires: salairesDe.get(a.id) ?? {},
    });
  const cumul = cumulVide(ans, FORMULES.length);
  for (const c of parCollectivite.values()) simulerCollectivite(cumul, c, FORMULES, 'CNRACL');
  const out = resultatSimulation([{ regime: 'CNRACL', cumul }], ans, FORMULES);
  return { ms: performance.now() - t, agents: agents.length, ...totauxDe(out) };
}

type Measured = {
  kind: 'PostgreSQL' | 'PGlite';
  seedMs: number;
  reel: (Sample & { blocageMs: number; premiereMs: number; progressions: number })[];
  plancher: Sample[];
  charge: number[][];
  coherent: boolean;
};

async function measure(
  kind: Measured['kind'],
  database: Database,
  sizes: CdgSizes,
  samples: number,
  passwordHash: string,
  cleanup: Cleanup,
): Promise<Measured> {
  const { seedMs, app, session } = await demarrerCdg(database, () => seed(database, sizes, passwordHash), cleanup, {
    email: EMAIL,
    password: PASSWORD,
  });
  log(`  ${kind} : ${num(sizes.cdgs)} CDG de ${num(sizes.collectivitesParCdg)} collectivités chargés en ${ms(seedMs)}`);
  const result: Measured = { kind, seedMs, reel: [], plancher: [], charge: [], coherent: true };
  await floorRun(database); // warm-up of the engine, not counted
  for (let i = 0; i < samples; i++) {
    result.charge.push(os.loadavg());
    const t = performance.now();
    const floor = await floorRun(database);
    const real = await realRun(app.url, session);
    const same =
      JSON.stringify([floor.remboursements, floor.primes, floor.salaire, floor.agents]) ===
      JSON.stringify([real.remboursements, real.primes, real.salaire, real.agents]);
    if (!same) log(`  ⚠ écart plancher / simulateur : ${JSON.stringify({ floor, real })}`);
    result.coherent &&= same;
    result.plancher.push(floor);
    result.reel.push(real);
    log(
      `  échantillon ${i + 1}/${samples} (charge ${os.loadavg()[0]!.toFixed(2)}) : simulateur ${ms(real.ms)} pour ${num(real.agents)} agents arrêtés (première progression à ${ms(real.premiereMs)}, ${num(real.progressions)} lignes d’avancement, blocage max de la boucle ${ms(real.blocageMs)}) ; plancher ${ms(floor.ms)} (${ms(performance.now() - t)} en tout)`,
    );
  }
  return result;
}

export async function benchSimulateur(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'simulateur', skipped: [], summary: [], details: {} };
  const sizes = options.short ? SIZES_COURT : SIZES;
  const samples = options.short ? 2 : 3;
  const passwordHash = await hashPassword(PASSWORD);
  const results = await onPostgresThenPglite(
    'simulateur',
    'PostgreSQL injoignable : simulateur mesuré sur PGlite seulement.',
    outcome.skipped,
    (kind, database, cleanup) =>
      kind === 'PostgreSQL'
        ? measure(kind, database, sizes, samples, passwordHash, cleanup)
        : measure(kind, database, pgliteSizes(sizes), Math.min(samples, 2), passwordHash, cleanup),
  );
  const rows: string[][] = [];
  for (const r of results) {
    const reel = median(r.reel.map((s) => s.ms));
    const plancher = median(r.plancher.map((s) => s.ms));
    const agents = r.reel[0]!.agents;
    const blocage = Math.max(...r.reel.map((s) => s.blocageMs));
    const charge = r.charge.map((c) => c[0]!.toFixed(2)).join(' / ');
    rows.push(
      [
        `${r.kind} : POST /api/gestion/simulateur`,
        ms(reel),
        spread(r.reel.map((s) => s.ms)),
        ms(blocage),
        times(reel / plancher),
        charge,
      ],
      [
        `${r.kind} : plancher (SQL brut + domaine)`,
        ms(plancher),
        spread(r.plancher.map((s) => s.ms)),
        '—',
        '×1,00',
        charge,
      ],
    );
    outcome.summary.push({
      banc: 'simulateur',
      mesure: `${r.kind}, CDG de ${num(sizes.collectivitesParCdg)} collectivités, 3 ans, ${FORMULES.length} formules, ${num(agents)} agents arrêtés`,
      resultat: `${ms(reel)} (étendue ${spread(r.reel.map((s) => s.ms))}, première progression ${ms(median(r.reel.map((s) => s.premiereMs)))}, blocage max ${ms(blocage)})`,
      plancher: ms(plancher),
      rapport: times(reel / plancher),
      objectif: '— (mesure)',
      verdict: r.coherent ? 'info' : 'invalide',
    });
    outcome.details[r.kind === 'PGlite' ? 'pglite' : 'postgres'] = { sizes, formules: FORMULES, ...r };
  }
  log(
    `\n${table([['Cas (médiane des échantillons)', 'Temps', 'Étendue', 'Blocage max', '/ plancher', 'Charge (1 min)'], ...rows])}\n`,
  );
  for (const r of results)
    log(
      `  ${r.kind} : remboursements ${r.reel[0]!.remboursements.map((x) => `${num(x / 100, 2)} €`).join(' / ')} ; plancher et simulateur ${r.coherent ? 'identiques' : 'DIFFÉRENTS (voir plus haut)'}`,
    );
  return outcome;
}
