/**
 * Benchmark `liste`: GET /api/comptes?page=1&pageSize=20 for an administrator whose collectivité
 * has ~2 000 accounts, among ~50 other collectivités, under autocannon (10 connections).
 *
 * Floors, measured in the same run on the same machine:
 * - HTTP: a bare Fastify route that sends the endpoint's own response body as a constant;
 * - raw SQL: a bare Fastify route that runs, with `pg` directly, the very SQL text and parameters
 *   the endpoint sent for its page and its count (captured from the driver), and returns the rows.
 * The endpoint adds to the raw SQL floor: session lookup (a third query), guard, zod validation
 * and serialisation, helmet and cookie plugins, Drizzle's mapping.
 */
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { login, type Running, SESSION_COOKIE, startApp, startBare } from './lib/app.js';
import { type Captured, captureQueries, type Queryable } from './lib/capture.js';
import { BENCH_PASSWORD, type Dataset, seedDataset } from './lib/dataset.js';
import { type LoadResult, warmThenLoad } from './lib/load.js';
import { createThrowawayDatabase, reachable } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log } from './lib/report.js';
import { ms, num, pct, table } from './lib/stats.js';

const ENDPOINT = '/api/comptes?page=1&pageSize=20';
const SIZES = { mainAccounts: 2000, others: 50, othersAccounts: 20 };
/** The issue's goal: the endpoint keeps at least this share of the raw SQL floor's throughput. */
const GOAL_SHARE_OF_SQL_FLOOR = 0.4;

/** The endpoint's page and count queries among what the request sent (the session lookup aside). */
function pageAndCount(queries: Captured[]): { page: Captured; count: Captured } {
  const list = queries.filter((q) => /"membership"/.test(q.text) && !/\bsession\b/i.test(q.text));
  const page = list.find((q) => /\blimit\b/i.test(q.text));
  const count = list.find((q) => /\bcount\(/i.test(q.text));
  if (!page || !count || list.length !== 2) {
    throw new Error(
      `requêtes de la liste introuvables (attendu : une page et un comptage) :\n${queries.map((q) => `  ${q.text}`).join('\n')}`,
    );
  }
  return { page, count };
}

type Prepared = { app: Running; cookie: string; body: string; sql: { page: Captured; count: Captured } };

/** Migrates, seeds, starts the app, logs in and checks one answer while capturing its SQL. */
async function prepare(database: Database, passwordHash: string, cleanup: Cleanup): Promise<Prepared & Dataset> {
  let t = performance.now();
  await database.migrate();
  const dataset = await seedDataset(database, { passwordHash, ...SIZES });
  log(`  ${database.kind} : base migrée et ${num(dataset.totalUsers)} comptes chargés en ${ms(performance.now() - t)}`);
  t = performance.now();
  const app = await startApp(database);
  cleanup.defer(() => app.close());
  const cookie = await login(app.url, dataset.adminEmail, BENCH_PASSWORD);
  const target: Queryable =
    database.kind === 'postgres'
      ? (pg.Pool.prototype as unknown as Queryable)
      : (database.pglite as unknown as Queryable);
  const { result: response, queries } = await captureQueries(target, () =>
    fetch(`${app.url}${ENDPOINT}`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } }),
  );
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${ENDPOINT} : ${response.status} ${body}`);
  const page = JSON.parse(body) as { items: unknown[]; total: number };
  if (page.total !== SIZES.mainAccounts || page.items.length !== 20) {
    throw new Error(`réponse inattendue : total ${page.total}, ${page.items.length} lignes`);
  }
  return { ...dataset, app, cookie, body, sql: pageAndCount(queries) };
}

/** The raw SQL floor: the endpoint's two queries, in parallel like the repository runs them. */
function sqlFloorRoute(
  sql: { page: Captured; count: Captured },
  run: (q: Captured) => Promise<Record<string, unknown>[]>,
) {
  return async () => {
    const [rows, counted] = await Promise.all([run(sql.page), run(sql.count)]);
    return { items: rows, total: Number(Object.values(counted[0] ?? {})[0]), page: 1, pageSize: 20 };
  };
}

/** The floor must answer what the endpoint answers, or the comparison means nothing. */
async function checkSqlFloor(url: string) {
  const page = (await (await fetch(url)).json()) as { items: unknown[]; total: number };
  if (page.total !== SIZES.mainAccounts || page.items.length !== 20) {
    throw new Error(`plancher SQL incohérent : total ${page.total}, ${page.items.length} lignes`);
  }
}

type Case = { cas: string; result: LoadResult };

function row(c: Case, floors: { sql?: LoadResult; http?: LoadResult }) {
  const r = c.result;
  return [
    c.cas,
    num(r.rps),
    ms(r.latency.p50),
    ms(r.latency.p95),
    ms(r.latency.p99),
    floors.sql ? pct(r.rps / floors.sql.rps) : '—',
    floors.http ? pct(r.rps / floors.http.rps) : '—',
    num(r.non2xx + r.errors),
  ];
}

const HEADER = ['Cas', 'req/s', 'p50', 'p95', 'p99', '/ plancher SQL', '/ plancher HTTP', 'erreurs'];

export async function benchListe(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'liste', skipped: [], summary: [], details: {} };
  const load = (url: string, cookie?: string) =>
    warmThenLoad({
      url,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      ...(cookie ? { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } } : {}),
    });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  let httpFloor: LoadResult | undefined;

  if (await reachable()) {
    const cleanup = new Cleanup();
    try {
      const throwaway = await createThrowawayDatabase('liste');
      cleanup.defer(() => throwaway.drop());
      log(`  PostgreSQL : base jetable ${throwaway.name}`);
      const database = await openPostgres(throwaway.url, { max: 10 });
      cleanup.defer(() => database.close());
      const p = await prepare(database, passwordHash, cleanup);
      const pool = new pg.Pool({ connectionString: throwaway.url, max: 10 });
      cleanup.defer(() => pool.end());
      const bare = await startBare({
        '/constant': async (_request, reply) => reply.type('application/json; charset=utf-8').send(p.body),
        '/sql': sqlFloorRoute(p.sql, async (q) => (await pool.query(q.text, q.values)).rows),
      });
      cleanup.defer(() => bare.close());
      await checkSqlFloor(`${bare.url}/sql`);

      log(`  mesure : plancher HTTP (${options.durationSeconds} s, ${options.connections} connexions)…`);
      httpFloor = await load(`${bare.url}/constant`);
      log('  mesure : plancher SQL brut (pg)…');
      const sqlFloor = await load(`${bare.url}/sql`);
      log('  mesure : GET /api/comptes sur PostgreSQL…');
      const endpoint = await load(`${p.app.url}${ENDPOINT}`, p.cookie);

      const cases: Case[] = [
        { cas: 'plancher HTTP (JSON constant)', result: httpFloor },
        { cas: 'plancher SQL brut (pg, 2 requêtes)', result: sqlFloor },
        { cas: 'GET /api/comptes — PostgreSQL', result: endpoint },
      ];
      log(`\n${table([HEADER, ...cases.map((c) => row(c, { sql: sqlFloor, http: httpFloor }))])}\n`);
      const share = endpoint.rps / sqlFloor.rps;
      const clean = endpoint.non2xx + endpoint.errors === 0;
      outcome.summary.push(
        {
          banc: 'liste',
          mesure: 'GET /api/comptes, PostgreSQL',
          resultat: `${num(endpoint.rps)} req/s, p95 ${ms(endpoint.latency.p95)}`,
          plancher: `SQL brut ${num(sqlFloor.rps)} req/s`,
          rapport: `${pct(share)} du plancher SQL`,
          objectif: `≥ ${pct(GOAL_SHARE_OF_SQL_FLOOR)}`,
          verdict: !clean ? 'invalide' : share >= GOAL_SHARE_OF_SQL_FLOOR ? 'atteint' : 'manqué',
        },
        {
          banc: 'liste',
          mesure: 'GET /api/comptes, PostgreSQL',
          resultat: `${num(endpoint.rps)} req/s`,
          plancher: `HTTP ${num(httpFloor.rps)} req/s`,
          rapport: `${pct(endpoint.rps / httpFloor.rps)} du plancher HTTP`,
          objectif: '—',
          verdict: clean ? 'info' : 'invalide',
        },
      );
      outcome.details.postgres = {
        database: throwaway.name,
        sizes: SIZES,
        sql: p.sql,
        responseBytes: Buffer.byteLength(p.body),
        httpFloor,
        sqlFloor,
        endpoint,
      };
    } finally {
      await cleanup.run();
    }
  } else {
    const why = 'PostgreSQL injoignable : la mesure principale (PostgreSQL et ses planchers) est ignorée.';
    log(`  ${why}`);
    outcome.skipped.push(why);
  }

  // PGlite, for information: the embedded database of a trial or a small collectivité.
  const cleanup = new Cleanup();
  try {
    const database = await openPglite();
    cleanup.defer(() => database.close());
    const p = await prepare(database, passwordHash, cleanup);
    const bare = await startBare({
      '/constant': async (_request, reply) => reply.type('application/json; charset=utf-8').send(p.body),
      '/sql': sqlFloorRoute(p.sql, (q) => database.query(q.text, q.values)),
    });
    cleanup.defer(() => bare.close());
    await checkSqlFloor(`${bare.url}/sql`);
    if (!httpFloor) {
      log('  mesure : plancher HTTP…');
      httpFloor = await load(`${bare.url}/constant`);
    }
    log('  mesure : plancher SQL brut (PGlite, mêmes requêtes)…');
    const sqlFloor = await load(`${bare.url}/sql`);
    log('  mesure : GET /api/comptes sur PGlite…');
    const endpoint = await load(`${p.app.url}${ENDPOINT}`, p.cookie);
    const cases: Case[] = [
      { cas: 'plancher SQL brut (PGlite)', result: sqlFloor },
      { cas: 'GET /api/comptes — PGlite', result: endpoint },
    ];
    log(`\n${table([HEADER, ...cases.map((c) => row(c, { sql: sqlFloor, http: httpFloor }))])}\n`);
    outcome.summary.push({
      banc: 'liste',
      mesure: 'GET /api/comptes, PGlite',
      resultat: `${num(endpoint.rps)} req/s, p95 ${ms(endpoint.latency.p95)}`,
      plancher: `SQL brut PGlite ${num(sqlFloor.rps)} req/s`,
      rapport: `${pct(endpoint.rps / sqlFloor.rps)} du plancher SQL`,
      objectif: '— (information)',
      verdict: endpoint.non2xx + endpoint.errors === 0 ? 'info' : 'invalide',
    });
    outcome.details.pglite = { sizes: SIZES, httpFloor, sqlFloor, endpoint };
  } finally {
    await cleanup.run();
  }
  return outcome;
}
