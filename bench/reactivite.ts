/**
 * Benchmark `reactivite`: does one user's heavy request freeze everybody else's? The p95 of small
 * requests (GET /api/health, the first page of a small collectivité's agents) alone, then while a
 * Lecteur exports a large collectivité's agents (CSV, XLSX) and while a Publicateur of a third
 * collectivité imports a large roster, on PGlite and on PostgreSQL.
 *
 * The application runs in this process (as `npm start` runs it: one event loop, its job runner
 * included); the probes and the heavy requests come from two worker threads, so the client shares
 * nothing with the server. Floor, in the same run: the same probes with nothing else running.
 * Each case is measured over several samples (the heavy request run once per sample): the p95 of
 * each sample, their median and spread, the ratio of the median to the floor's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Database, openPglite, openPostgres } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { createLocalStorage } from '../packages/server/src/lib/storage/storage.js';
import { loginSession, SESSION_COOKIE, startApp } from './lib/app.js';
import { ClientWorker, type TaskResult } from './lib/client.js';
import { BENCH_PASSWORD } from './lib/dataset.js';
import { createThrowawayDatabase, reachable } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log, type SummaryRow } from './lib/report.js';
import { generateRoster } from './lib/roster.js';
import { median, ms, num, percentile, table, times } from './lib/stats.js';

/** The goal: a small request keeps a p95 under this while a heavy one runs. */
const GOAL_P95_MS = 100;
/** Pause between two rounds of probes (each round: one request of each kind, one after the other). */
const PROBE_PAUSE_MS = 20;
/** How long the floor is probed, per sample. */
const FLOOR_MS = 3000;

export type ReactiviteSizes = { agents: number; lignes: number; echantillons: number };

/** `--agents=150000 --lignes=50000 --echantillons=3` (or REACTIVITE_AGENTS, _LIGNES, _ECHANTILLONS). */
export function reactiviteFromArgs(argv: string[], short: boolean): ReactiviteSizes {
  const value = (name: string, fallback: number) => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    const raw = arg ? arg.slice(name.length + 3) : process.env[`REACTIVITE_${name.toUpperCase()}`];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} : un entier positif est attendu (reçu « ${raw} »)`);
    return n;
  };
  return short
    ? { agents: value('agents', 20_000), lignes: value('lignes', 5_000), echantillons: value('echantillons', 2) }
    : { agents: value('agents', 150_000), lignes: value('lignes', 50_000), echantillons: value('echantillons', 3) };
}

type Seeded = {
  big: string;
  small: string;
  importer: string;
  emails: { big: string; small: string; importer: string };
};

/**
 * Three collectivités: a large one with `agents` agents (its Lecteur exports them), a small one
 * with 20 (its Lecteur's list is probed), and one whose Publicateur imports the roster.
 */
async function seed(database: Database, agents: number): Promise<Seeded> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const [centre] = await database.query<{ id: string }>(
    `INSERT INTO cdg (nom, siret) VALUES ('CDG du banc d''essai', '99999999900000') RETURNING id`,
  );
  const collectivites = await database.query<{ id: string; siret: string }>(
    `INSERT INTO collectivite (nom, siret, type, cdg_id)
     VALUES ('Grande commune du banc', '99990000000001', 'commune', $1),
            ('Petite commune du banc', '99990000000002', 'commune', $1),
            ('Commune qui importe', '99990000000003', 'commune', $1)
     RETURNING id, siret`,
    [centre!.id],
  );
  const id = (siret: string) => collectivites.find((c) => c.siret === siret)!.id;
  const [big, small, importer] = [id('99990000000001'), id('99990000000002'), id('99990000000003')];
  const emails = {
    big: 'lecteur.grande@banc.statutis.fr',
    small: 'lecteur.petite@banc.statutis.fr',
    importer: 'publicateur@banc.statutis.fr',
  };
  for (const [email, collectiviteId, role] of [
    [emails.big, big, 'lecteur'],
    [emails.small, small, 'lecteur'],
    [emails.importer, importer, 'publicateur'],
  ] as const) {
    const [user] = await database.query<{ id: string }>(
      `INSERT INTO app_user (email, nom, prenom, password_hash) VALUES ($1, 'BANC', 'Essai', $2) RETURNING id`,
      [email, hash],
    );
    await database.query(`INSERT INTO membership (user_id, collectivite_id, role) VALUES ($1, $2, $3::role)`, [
      user!.id,
      collectiviteId,
      role,
    ]);
  }
  const insertAgents = (collectiviteId: string, count: number) =>
    database.query(
      `INSERT INTO agent (collectivite_id, nir, nir_cle, nom, prenom, date_naissance, regime, statut, date_entree,
                          emploi, grade, temps_travail, heures_hebdo, service)
       SELECT $1, (1000000000000 + n)::text, lpad((n % 97 + 1)::text, 2, '0'),
              (ARRAY['MARTIN','BERNARD','THOMAS','PETIT','ROBERT','RICHARD','DURAND','DUBOIS','MOREAU','LAURENT',
                     'SIMON','MICHEL','LEFÈVRE','LEROY','ROUX','DAVID','BERTRAND','MOREL','FOURNIER','GÉRARD'])[1 + n % 20]
                || '-' || upper(substr(md5(n::text), 1, 4)),
              (ARRAY['Camille','Léa','Hugo','Louise','Jules','Emma','Louis','Chloé','Gabriel','Inès','Arthur','Maëlle'])
                [1 + (n / 20) % 12],
              CASE WHEN n % 100 = 7 THEN NULL ELSE date '1960-01-01' + (n % 15000) END,
              (CASE WHEN n % 4 = 0 THEN 'IRCANTEC' ELSE 'CNRACL' END)::regime,
              CASE WHEN n % 4 = 0 THEN 'contractuel' WHEN n % 9 = 0 THEN 'stagiaire' ELSE 'titulaire' END,
              date '1990-01-01' + (n % 12000), 'Agent d’entretien; bâtiments', 'Adjoint technique',
              CASE WHEN n % 5 = 0 THEN 'non_complet' ELSE 'complet' END,
              CASE WHEN n % 5 = 0 THEN 1750 END, 'Services techniques'
       FROM generate_series(1, $2::int) AS n`,
      [collectiviteId, count],
    );
  await insertAgents(big, agents);
  await insertAgents(small, 20);
  await database.query('ANALYZE');
  return { big, small, importer, emails };
}

type Sample = {
  p95: Record<string, number>;
  count: Record<string, number>;
  task: TaskResult | null;
  /** Delay of the server's event loop (this process's): its p99 and its longest, in ms. */
  loop: { p99: number; max: number };
};
type Case = { name: string; samples: Sample[]; failures: string[] };

const PROBES = ['GET /api/health', 'GET /api/agents (petite collectivité, page 1)'] as const;

/** The p95 of each probe over one run of `during` (nothing but a pause for the floor). */
async function sample(
  probe: ClientWorker,
  targets: Parameters<ClientWorker['send']>[0] & { type: 'start' },
  during: () => Promise<TaskResult | null>,
  failures: string[],
): Promise<Sample> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  probe.send(targets);
  loop.enable();
  const task = await during();
  loop.disable();
  const probed = await probe.stopProbe();
  failures.push(...probed.failures);
  return {
    p95: Object.fromEntries(Object.entries(probed.latencies).map(([k, v]) => [k, percentile(v, 95)])),
    count: Object.fromEntries(Object.entries(probed.latencies).map(([k, v]) => [k, v.length])),
    task,
    loop: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
  };
}

function spread(values: number[]) {
  return `${ms(median(values))} (${ms(Math.min(...values))} – ${ms(Math.max(...values))})`;
}

async function measure(database: Database, sizes: ReactiviteSizes, tmp: string, label: string) {
  const cleanup = new Cleanup();
  try {
    let t = performance.now();
    await database.migrate();
    const seeded = await seed(database, sizes.agents);
    log(`  ${label} : ${num(sizes.agents)} agents chargés en ${ms(performance.now() - t)}`);
    const storage = createLocalStorage(path.join(tmp, `fichiers-${database.kind}`));
    const app = await startApp(database, { storage });
    cleanup.defer(() => app.close());
    const session = async (email: string) => {
      const s = await loginSession(app.url, email, BENCH_PASSWORD);
      return { headers: { cookie: `${SESSION_COOKIE}=${s.cookie}` }, csrf: s.csrf };
    };
    const big = await session(seeded.emails.big);
    const small = await session(seeded.emails.small);
    const importer = await session(seeded.emails.importer);
    const roster = generateRoster(sizes.lignes, 'utf-8');
    const file = path.join(tmp, `liste-${sizes.lignes}.csv`);
    writeFileSync(file, roster.bytes);

    const probe = await ClientWorker.start('probe');
    cleanup.defer(() => probe.close());
    const tasks = await ClientWorker.start('tasks');
    cleanup.defer(() => tasks.close());
    const targets = {
      type: 'start' as const,
      pauseMs: PROBE_PAUSE_MS,
      targets: [
        { name: PROBES[0], url: `${app.url}/api/health`, headers: {} },
        { name: PROBES[1], url: `${app.url}/api/agents?page=1&pageSize=20`, headers: small.headers },
      ],
    };
    const exportTask = (format: 'csv' | 'xlsx') => () =>
      tasks.run({ type: 'download', url: `${app.url}/api/agents/export?format=${format}`, headers: big.headers });
    const importTask = async () => {
      // Each sample imports into an empty collectivité: the same work every time (creations).
      await database.query('DELETE FROM agent WHERE collectivite_id = $1', [seeded.importer]);
      return tasks.run({ type: 'import', baseUrl: app.url, headers: importer.headers, csrf: importer.csrf, file });
    };
    const cases: [string, () => Promise<TaskResult | null>][] = [
      ['seules (plancher)', () => new Promise((r) => setTimeout(() => r(null), FLOOR_MS))],
      [`pendant un export CSV de ${num(sizes.agents)} agents`, exportTask('csv')],
      [`pendant un export XLSX de ${num(sizes.agents)} agents`, exportTask('xlsx')],
      [`pendant un import de ${num(sizes.lignes)} lignes`, importTask],
    ];
    // Warm-up, untimed: JIT, plan caches, ExcelJS loaded (once per process: ≈ 0.8 s of CPU in one go).
    for (const format of ['csv', 'xlsx']) {
      await tasks.run({
        type: 'download',
        url: `${app.url}/api/agents/export?format=${format}`,
        headers: small.headers,
      });
    }
    await sample(probe, targets, () => new Promise((r) => setTimeout(() => r(null), 1000)), []);
    const results: Case[] = cases.map(([name]) => ({ name, samples: [], failures: [] }));
    // Samples interleave the cases, so that a neighbour's load touches them all alike.
    for (let i = 0; i < sizes.echantillons; i++) {
      for (const [index, [name, during]] of cases.entries()) {
        t = performance.now();
        const s = await sample(probe, targets, during, results[index]!.failures);
        results[index]!.samples.push(s);
        log(
          `  ${label}, échantillon ${i + 1}, ${name} : ${ms(performance.now() - t)} ; p95 ${PROBES.map((p) => ms(s.p95[p]!)).join(' / ')} ; boucle p99 ${ms(s.loop.p99)}, max ${ms(s.loop.max)}`,
        );
        checkTask(name, s.task, sizes);
      }
    }
    return results;
  } finally {
    await cleanup.run();
  }
}

/** A heavy request that did not do its work makes the figures meaningless. */
function checkTask(name: string, task: TaskResult | null, sizes: ReactiviteSizes) {
  if (!task) return;
  if (task.status !== 200) throw new Error(`${name} : ${task.status} ${JSON.stringify(task.detail)}`);
  const detail = task.detail as { statut?: string; crees?: number } | null;
  if (detail && typeof detail === 'object' && 'statut' in detail) {
    if (detail.statut !== 'termine' || detail.crees !== sizes.lignes) {
      throw new Error(`${name} : import inattendu ${JSON.stringify(detail)}`);
    }
  } else if (task.bytes < sizes.agents * 50) {
    throw new Error(`${name} : export de ${task.bytes} octets seulement`);
  }
}

function report(label: string, cases: Case[], outcome: BenchOutcome) {
  const floor = cases[0]!;
  const rows: string[][] = [];
  for (const c of cases) {
    for (const p of PROBES) {
      const p95s = c.samples.map((s) => s.p95[p]!);
      const floorP95 = median(floor.samples.map((s) => s.p95[p]!));
      const taskMs = c.samples.flatMap((s) => (s.task ? [s.task.ms] : []));
      rows.push([
        c.name,
        p,
        spread(p95s),
        num(median(c.samples.map((s) => s.count[p]!))),
        c === floor ? '—' : times(median(p95s) / floorP95),
        taskMs.length ? spread(taskMs) : '—',
        spread(c.samples.map((s) => s.loop.max)),
      ]);
      if (c === floor) continue;
      const clean = c.failures.length === 0;
      const row: SummaryRow = {
        banc: 'reactivite',
        mesure: `${label}, ${p} ${c.name}`,
        resultat: `p95 ${spread(p95s)}`,
        plancher: `p95 ${ms(floorP95)}`,
        rapport: times(median(p95s) / floorP95),
        objectif: `p95 < ${GOAL_P95_MS} ms`,
        verdict: !clean ? 'invalide' : median(p95s) < GOAL_P95_MS ? 'atteint' : 'manqué',
      };
      outcome.summary.push(row);
    }
  }
  log(
    `\n${table([['Requêtes légères', 'Requête', 'p95 médian (min – max)', 'requêtes / éch.', '/ plancher', 'durée de la tâche lourde', 'boucle du serveur : attente max'], ...rows])}\n`,
  );
  for (const c of cases) for (const f of c.failures.slice(0, 5)) log(`  ⚠ ${c.name} : ${f}`);
}

export async function benchReactivite(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'reactivite', skipped: [], summary: [], details: {} };
  const sizes = options.reactivite ?? reactiviteFromArgs([], options.short);
  log(
    `  ${num(sizes.agents)} agents, import de ${num(sizes.lignes)} lignes, ${sizes.echantillons} échantillons (--agents=, --lignes=, --echantillons=)`,
  );
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'statutis-bench-reactivite-'));
  const cleanup = new Cleanup();
  cleanup.defer(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    const pglite = await openPglite({ dataDir: path.join(tmp, 'pglite') });
    try {
      const cases = await measure(pglite, sizes, tmp, 'PGlite');
      report('PGlite', cases, outcome);
      outcome.details.pglite = { sizes, cases };
    } finally {
      await pglite.close();
    }
    if (await reachable()) {
      const throwaway = await createThrowawayDatabase('reactivite');
      cleanup.defer(() => throwaway.drop());
      const postgres = await openPostgres(throwaway.url, { max: 10 });
      try {
        const cases = await measure(postgres, sizes, tmp, 'PostgreSQL');
        report('PostgreSQL', cases, outcome);
        outcome.details.postgres = { sizes, cases };
      } finally {
        await postgres.close();
      }
    } else {
      const why = 'PostgreSQL injoignable : seul PGlite est mesuré.';
      log(`  ${why}`);
      outcome.skipped.push(why);
    }
  } finally {
    await cleanup.run();
  }
  return outcome;
}
