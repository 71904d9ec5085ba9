import os from 'node:os';
import pg from 'pg';
import { type Database, openPostgres } from '../../packages/server/src/db/client.js';
import { login, SESSION_COOKIE, startApp, startBare } from './app.js';
import { type Captured, captureQueries, type Queryable } from './capture.js';
import { type LoadResult, warmThenLoad } from './load.js';
import { createThrowawayDatabase, reachable } from './postgres.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log, type SummaryRow } from './report.js';
import { median, ms, num, pct, spread, table } from './stats.js';

/**
 * One read endpoint of a gestionnaire measured against its floors, in the same run: HTTP (a bare
 * Fastify route sending the endpoint's body as a constant), raw SQL (a bare route running with `pg`
 * the very SQL text and parameters the endpoint sent, captured from the driver) and the same
 * statement prepared (named: planned once per connection). Shared by `corbeille` and `sinistralite`.
 */
export type EndpointBench = {
  /** The benchmark's name, first column of the summary. */
  banc: string;
  /** What is measured, for the summary (e.g. « GET /api/…, CDG de 1 000 collectivités »). */
  mesure: string;
  database: Database;
  /** Where the raw-SQL floor's own pool connects (the same database). */
  databaseUrl: string;
  email: string;
  password: string;
  /** Path and query string of the measured endpoint. */
  path: string;
  /** Recognises the page's statement among the SQL one call sends (session look-up included). */
  statement: RegExp;
  /** Why the endpoint's response is not the page expected, or null when it is. */
  check: (body: unknown) => string | null;
  /** Rows the captured statement returns (the page and the probe of the next one). */
  floorRows: number;
  /** Other endpoints of the same user measured after it (no goal): label and path. */
  others?: { label: string; path: string }[];
  /**
   * Samples of the raw-SQL floor and the endpoint, alternated so that a neighbour's load touches both
   * alike (1 by default): the summary gives the median p95 and the spread.
   */
  samples?: number;
  /** Downloads of the same user timed one at a time (no goal): label, path, how many. */
  downloads?: { label: string; path: string; runs: number }[];
  /** Looks at the application once logged in (counters, totals), logged and kept in the details. */
  inspect?: (url: string, headers: Record<string, string>) => Promise<unknown>;
  goals: { p95Ms: number; shareOfSqlFloor: number };
};

export type EndpointMeasures = {
  summary: SummaryRow[];
  details: {
    sql: Captured;
    statements: number;
    plan: { planningMs: number; executionMs: number };
    inspected: unknown;
    httpFloor: LoadResult;
    sqlFloor: LoadResult;
    sqlPrepared: LoadResult;
    endpoint: LoadResult;
    samples: { sqlFloor: LoadResult; endpoint: LoadResult; loadavg: number[] }[];
    others: Record<string, LoadResult>;
    downloads: Record<string, Download[]>;
  };
};

/** One download timed to its last byte, with the bench process's RSS peak (the application runs in it). */
export type Download = { ms: number; bytes: number; status: number; rssAvantMo: number; rssPicMo: number };

async function download(url: string, headers: Record<string, string>): Promise<Download> {
  const mo = () => process.memoryUsage.rss() / 1_048_576;
  const rssAvantMo = mo();
  let rssPicMo = rssAvantMo;
  const timer = setInterval(() => {
    rssPicMo = Math.max(rssPicMo, mo());
  }, 10);
  try {
    const t = performance.now();
    const response = await fetch(url, { headers });
    let bytes = 0;
    for await (const chunk of response.body ?? []) bytes += (chunk as Uint8Array).byteLength;
    return {
      ms: performance.now() - t,
      bytes,
      status: response.status,
      rssAvantMo,
      rssPicMo: Math.max(rssPicMo, mo()),
    };
  } finally {
    clearInterval(timer);
  }
}

const HEADER = ['Cas', 'req/s', 'p50', 'p95', 'p99', '/ plancher SQL', '/ plancher HTTP', 'erreurs'];

/** The one statement of the page among those captured, or an error that shows them all. */
function pageStatement(queries: Captured[], statement: RegExp, path: string): Captured {
  const q = queries.filter((c) => statement.test(c.text));
  if (q.length !== 1)
    throw new Error(`requête de ${path} introuvable (${q.length}) :\n${queries.map((c) => c.text).join('\n')}`);
  return q[0]!;
}

/** Starts the application and the bare floors (stopped by `cleanup`), then the load runs. */
export async function measureEndpoint(
  spec: EndpointBench,
  options: BenchOptions,
  cleanup: Cleanup,
): Promise<EndpointMeasures> {
  const app = await startApp(spec.database);
  cleanup.defer(() => app.close());
  const headers = { cookie: `${SESSION_COOKIE}=${await login(app.url, spec.email, spec.password)}` };
  const { result: response, queries } = await captureQueries(pg.Pool.prototype as unknown as Queryable, () =>
    fetch(`${app.url}${spec.path}`, { headers }),
  );
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${spec.path} : ${response.status} ${body}`);
  const wrong = spec.check(JSON.parse(body));
  if (wrong) throw new Error(`GET ${spec.path} : réponse inattendue, ${wrong}`);
  const inspected = spec.inspect ? await spec.inspect(app.url, headers) : null;
  if (spec.inspect) log(`  ${spec.banc} : ${JSON.stringify(inspected)}`);
  const query = pageStatement(queries, spec.statement, spec.path);
  log(`  requêtes SQL par appel : ${queries.length}`);
  const explained = (await spec.database.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values)) as {
    'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }];
  }[];
  const times = explained[0]!['QUERY PLAN'][0];
  const plan = { planningMs: times['Planning Time'], executionMs: times['Execution Time'] };
  log(`  requête de la page : planification ${ms(plan.planningMs)}, exécution ${ms(plan.executionMs)}`);

  const pool = new pg.Pool({ connectionString: spec.databaseUrl, max: 10 });
  cleanup.defer(() => pool.end());
  const bare = await startBare({
    '/constant': async (_request, reply) => reply.type('application/json; charset=utf-8').send(body),
    '/sql': async () => ({ items: (await pool.query(query.text, query.values)).rows }),
    '/sqlp': async () => ({
      items: (await pool.query({ name: 'p', text: query.text, values: query.values as unknown[] })).rows,
    }),
  });
  cleanup.defer(() => bare.close());
  const floorRows = ((await (await fetch(`${bare.url}/sql`)).json()) as { items: unknown[] }).items;
  if (floorRows.length !== spec.floorRows) throw new Error(`plancher SQL incohérent : ${floorRows.length} lignes`);

  const load = (url: string, h?: Record<string, string>) =>
    warmThenLoad({
      url,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      ...(h ? { headers: h } : {}),
    });
  log(`  mesure : plancher HTTP (${options.durationSeconds} s, ${options.connections} connexions)…`);
  const httpFloor = await load(`${bare.url}/constant`);
  log('  mesure : la même requête préparée (nommée, sans planification répétée)…');
  const sqlPrepared = await load(`${bare.url}/sqlp`);
  const samples: EndpointMeasures['details']['samples'] = [];
  const n = spec.samples ?? 1;
  for (let i = 1; i <= n; i++) {
    const loadavg = os.loadavg().map((x) => Math.round(x * 100) / 100);
    const de = n > 1 ? ` (échantillon ${i}/${n}, charge ${loadavg.join(' / ')})` : '';
    log(`  mesure : plancher SQL brut (pg, la requête capturée)${de}…`);
    const sqlFloor = await load(`${bare.url}/sql`);
    log(`  mesure : GET ${spec.path}${de}…`);
    samples.push({ sqlFloor, endpoint: await load(`${app.url}${spec.path}`, headers), loadavg });
  }
  // The sample of median p95 stands for the run (its own floor beside it).
  const middle = [...samples].sort((a, b) => a.endpoint.latency.p95 - b.endpoint.latency.p95)[(n - 1) >> 1]!;
  const { sqlFloor, endpoint } = middle;
  const others: Record<string, LoadResult> = {};
  for (const other of spec.others ?? []) {
    log(`  mesure : GET ${other.path}…`);
    others[other.label] = await load(`${app.url}${other.path}`, headers);
  }
  const downloads: Record<string, Download[]> = {};
  for (const d of spec.downloads ?? []) {
    log(`  mesure : GET ${d.path}, ${d.runs} fois l’un après l’autre…`);
    const runs: Download[] = [];
    for (let i = 0; i < d.runs; i++) runs.push(await download(`${app.url}${d.path}`, headers));
    downloads[d.label] = runs;
    const ok = runs.filter((r) => r.status === 200);
    log(
      `  ${d.label} : ${ok.length}/${runs.length} réponses 200, ${spread(runs.map((r) => r.ms))} (médiane ${ms(median(runs.map((r) => r.ms)))}), ${num(median(runs.map((r) => r.bytes)) / 1024)} Kio, RSS du processus ${num(Math.max(...runs.map((r) => r.rssAvantMo)))} Mo avant, montée pendant un téléchargement ${num(Math.min(...runs.map((r) => r.rssPicMo - r.rssAvantMo)), 1)} à ${num(Math.max(...runs.map((r) => r.rssPicMo - r.rssAvantMo)), 1)} Mo`,
    );
  }
  if (n > 1) {
    const p95 = (k: 'sqlFloor' | 'endpoint') => samples.map((x) => x[k].latency.p95);
    log(
      `\n  ${n} échantillons alternés — p95 de l’endpoint : médiane ${ms(median(p95('endpoint')))}, ${spread(p95('endpoint'))} ; plancher SQL brut : médiane ${ms(median(p95('sqlFloor')))}, ${spread(p95('sqlFloor'))}`,
    );
  }

  const row = (cas: string, r: LoadResult) => [
    cas,
    num(r.rps),
    ms(r.latency.p50),
    ms(r.latency.p95),
    ms(r.latency.p99),
    pct(r.rps / sqlFloor.rps),
    pct(r.rps / httpFloor.rps),
    num(r.non2xx + r.errors),
  ];
  log(
    `\n${table([
      HEADER,
      row('plancher HTTP (JSON constant)', httpFloor),
      row('plancher SQL brut (pg, 1 requête)', sqlFloor),
      row('même requête préparée (pg, nommée)', sqlPrepared),
      row(`GET ${spec.path}`, endpoint),
      ...(n > 1
        ? samples.flatMap((x, i) => [
            row(`  échantillon ${i + 1} : plancher SQL brut`, x.sqlFloor),
            row(`  échantillon ${i + 1} : GET (charge ${x.loadavg[0]})`, x.endpoint),
          ])
        : []),
      ...Object.entries(others).map(([label, r]) => row(label, r)),
    ])}\n`,
  );
  const clean = samples.every((x) => x.endpoint.non2xx + x.endpoint.errors === 0);
  const share = endpoint.rps / sqlFloor.rps;
  const { p95Ms, shareOfSqlFloor } = spec.goals;
  const summary: SummaryRow[] = [
    {
      banc: spec.banc,
      mesure: spec.mesure,
      resultat:
        n > 1
          ? `p95 ${ms(endpoint.latency.p95)} (médiane de ${n}, ${spread(samples.map((x) => x.endpoint.latency.p95))})`
          : `p95 ${ms(endpoint.latency.p95)}`,
      plancher: `SQL brut p95 ${ms(sqlFloor.latency.p95)}`,
      rapport: '—',
      objectif: `p95 < ${p95Ms} ms`,
      verdict: !clean ? 'invalide' : endpoint.latency.p95 < p95Ms ? 'atteint' : 'manqué',
    },
    {
      banc: spec.banc,
      mesure: spec.mesure,
      resultat: `${num(endpoint.rps)} req/s`,
      plancher: `SQL brut ${num(sqlFloor.rps)} req/s`,
      rapport: `${pct(share)} du plancher SQL`,
      objectif: `≥ ${pct(shareOfSqlFloor)}`,
      verdict: !clean ? 'invalide' : share >= shareOfSqlFloor ? 'atteint' : 'manqué',
    },
  ];
  return {
    summary,
    details: {
      sql: query,
      statements: queries.length,
      plan,
      inspected,
      httpFloor,
      sqlFloor,
      sqlPrepared,
      endpoint,
      samples,
      others,
      downloads,
    },
  };
}

/** What a benchmark loads into its throwaway database, and the endpoint it then measures. */
export type Prepared = {
  /** What was loaded, for the log line (« 60 000 sinistres, … »). */
  loaded: string;
  /** Kept in the results JSON beside the measures (sizes, counts). */
  details: Record<string, unknown>;
  spec: Omit<EndpointBench, 'banc' | 'database' | 'databaseUrl'>;
};

/**
 * A whole endpoint benchmark on PostgreSQL: skipped when unreachable, else a throwaway database
 * migrated, loaded by `prepare`, the endpoint measured against its floors, everything undone after.
 */
export async function benchEndpointOnPostgres(
  banc: string,
  options: BenchOptions,
  prepare: (database: Database) => Promise<Prepared>,
): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: banc, skipped: [], summary: [], details: {} };
  if (!(await reachable())) {
    const why = `PostgreSQL injoignable : le banc ${banc} est ignoré.`;
    log(`  ${why}`);
    outcome.skipped.push(why);
    return outcome;
  }
  const cleanup = new Cleanup();
  try {
    const throwaway = await createThrowawayDatabase(banc);
    cleanup.defer(() => throwaway.drop());
    const database = await openPostgres(throwaway.url, { max: 10 });
    cleanup.defer(() => database.close());
    const t = performance.now();
    await database.migrate();
    const { loaded, details, spec } = await prepare(database);
    log(`  PostgreSQL : ${throwaway.name}, ${loaded} chargés en ${ms(performance.now() - t)}`);
    const measures = await measureEndpoint({ ...spec, banc, database, databaseUrl: throwaway.url }, options, cleanup);
    outcome.summary.push(...measures.summary);
    outcome.details.postgres = { ...details, ...measures.details };
  } finally {
    await cleanup.run();
  }
  return outcome;
}
