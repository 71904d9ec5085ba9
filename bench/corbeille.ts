/**
 * Benchmark `corbeille`: GET /api/gestion/corbeille (first page, urgency order) for a gestionnaire
 * of a CDG with 1 000 collectivités, beside another CDG of the same size, under autocannon
 * (10 connections), on PostgreSQL.
 *
 * The data set is generated in SQL (generate_series, deterministic; the files by `lib/cdg.ts`, shared
 * with `decomptes`): 2 CDGs × 1 000
 * collectivités, 40 000 agents, 60 000 sinistres over three years (30 % still open), 120 000 arrêts,
 * 120 000 pieces, a few requalification requests. What waits for a handler is a backlog, on purpose:
 * a third of the open files never examined (≈ 3 000 per CDG), one arrêt in seven of the open files
 * unexamined, one piece in twenty of them deposited and not decided, a fifth of the open files
 * missing pieces, the CITIS clock running on some accidents. (The national generator
 * `echelle-generateur.ts` builds one CDG of 35 000 collectivités over minutes and gigabytes; the
 * queue's cost follows what waits, not the whole history, so this smaller set says the same.)
 *
 * Floors, in the same run: HTTP (a bare Fastify route sending the endpoint's body as a constant) and
 * raw SQL (a bare Fastify route running with `pg` the very SQL text and parameters the endpoint sent,
 * captured from the driver). Goals: p95 under 50 ms, and at least 40 % of the SQL floor's throughput.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPostgres } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { fileInsertSql } from '../packages/server/src/modules/gestion/corbeille.repository.js';
import { login, SESSION_COOKIE, startApp, startBare } from './lib/app.js';
import { type Captured, captureQueries, type Queryable } from './lib/capture.js';
import { seedCdgs, seedGestionnaire } from './lib/cdg.js';
import { type LoadResult, warmThenLoad } from './lib/load.js';
import { createThrowawayDatabase, reachable } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log } from './lib/report.js';
import { ms, num, pct, table } from './lib/stats.js';

const ENDPOINT = '/api/gestion/corbeille';
const PASSWORD = 'Banc-corbeille-2026';
const EMAIL = 'gestionnaire@banc.statutis.fr';
const SIZES = { cdgs: 2, collectivitesParCdg: 1000, agentsParCollectivite: 20, sinistresParCollectivite: 30 };
const GOAL_P95_MS = 50;
const GOAL_SHARE_OF_SQL_FLOOR = 0.4;

/** The data set, all in SQL (the CDGs' files: `lib/cdg.ts`), then what waits for a handler. */
export async function seed(database: Database, passwordHash: string) {
  await seedCdgs(database, SIZES);
  const steps: [string, unknown[]][] = [
    [
      `INSERT INTO piece (collectivite_id, sinistre_id, code, libelle, statut, medicale, nom, mime, storage_key, sha256, taille, created_at)
       SELECT s.collectivite_id, s.id, 'autre', 'Divers',
         CASE WHEN s.statut = 'ouvert' AND k = 2 AND (s.numero / 10) % 20 = 0 THEN 'deposee' ELSE 'validee' END,
         false, 'piece.pdf', 'application/pdf', 'banc/' || s.id || '/' || k, repeat('0', 64), 1000,
         s.created_at + k * interval '1 hour'
       FROM sinistre s, generate_series(1, 2) k`,
      [],
    ],
    [
      `INSERT INTO requalification (collectivite_id, sinistre_id, de, vers, motif, statut, demande_par, created_at)
       SELECT s.collectivite_id, s.id, s.categorie, 'accident_service', 'Banc', 'demandee', 'Banc', s.created_at + interval '3 days'
       FROM sinistre s WHERE s.statut = 'ouvert' AND s.numero % 97 = 0`,
      [],
    ],
    ['ANALYZE', []],
  ];
  for (const [text, values] of steps) await database.query(text, values);
  await seedGestionnaire(database, EMAIL, passwordHash);
  // The queue's rows, as the writers' `refreshFile` would have kept them.
  await database.db.execute(fileInsertSql(() => sql`true`));
  await database.query('ANALYZE gestion_file', []);
  const [count] = await database.query(
    `SELECT (SELECT count(*) FROM sinistre)::int AS sinistres, (SELECT count(*) FROM arret)::int AS arrets,
            (SELECT count(*) FROM piece)::int AS pieces`,
  );
  return count as { sinistres: number; arrets: number; pieces: number };
}

function theQuery(queries: Captured[]): Captured {
  const q = queries.filter((c) => /WITH page AS/.test(c.text));
  if (q.length !== 1)
    throw new Error(`requête de la corbeille introuvable :\n${queries.map((c) => c.text).join('\n')}`);
  return q[0]!;
}

const HEADER = ['Cas', 'req/s', 'p50', 'p95', 'p99', '/ plancher SQL', '/ plancher HTTP', 'erreurs'];

export async function benchCorbeille(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'corbeille', skipped: [], summary: [], details: {} };
  if (!(await reachable())) {
    const why = 'PostgreSQL injoignable : le banc corbeille est ignoré.';
    log(`  ${why}`);
    outcome.skipped.push(why);
    return outcome;
  }
  const cleanup = new Cleanup();
  try {
    const throwaway = await createThrowawayDatabase('corbeille');
    cleanup.defer(() => throwaway.drop());
    const database = await openPostgres(throwaway.url, { max: 10 });
    cleanup.defer(() => database.close());
    let t = performance.now();
    await database.migrate();
    const counts = await seed(database, await hashPassword(PASSWORD));
    log(
      `  PostgreSQL : ${throwaway.name}, ${num(counts.sinistres)} sinistres, ${num(counts.arrets)} arrêts, ${num(counts.pieces)} pièces chargés en ${ms(performance.now() - t)}`,
    );
    t = performance.now();
    const app = await startApp(database);
    cleanup.defer(() => app.close());
    const cookie = await login(app.url, EMAIL, PASSWORD);
    const headers = { cookie: `${SESSION_COOKIE}=${cookie}` };
    const { result: response, queries } = await captureQueries(pg.Pool.prototype as unknown as Queryable, () =>
      fetch(`${app.url}${ENDPOINT}`, { headers }),
    );
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${ENDPOINT} : ${response.status} ${body}`);
    const page = JSON.parse(body) as { items: unknown[]; suivant: string | null };
    if (page.items.length !== 20 || !page.suivant) throw new Error(`réponse inattendue : ${page.items.length} lignes`);
    const counters = await (await fetch(`${app.url}${ENDPOINT}/compteurs`, { headers })).json();
    log(`  corbeille du CDG : ${JSON.stringify(counters)}`);
    const query = theQuery(queries);
    log(`  requêtes SQL par appel : ${queries.length}`);
    const plan = (await database.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values)) as {
      'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }];
    }[];
    const times = plan[0]!['QUERY PLAN'][0];
    log(`  requête de la page : planification ${ms(times['Planning Time'])}, exécution ${ms(times['Execution Time'])}`);

    const pool = new pg.Pool({ connectionString: throwaway.url, max: 10 });
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
    if (floorRows.length !== 21) throw new Error(`plancher SQL incohérent : ${floorRows.length} lignes`);

    const load = (url: string, h?: Record<string, string>) =>
      warmThenLoad({
        url,
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        ...(h ? { headers: h } : {}),
      });
    log(`  mesure : plancher HTTP (${options.durationSeconds} s, ${options.connections} connexions)…`);
    const httpFloor = await load(`${bare.url}/constant`);
    log('  mesure : plancher SQL brut (pg, la requête capturée)…');
    const sqlFloor = await load(`${bare.url}/sql`);
    log('  mesure : la même requête préparée (nommée, sans planification répétée)…');
    const sqlPrep = await load(`${bare.url}/sqlp`);
    log(`  mesure : GET ${ENDPOINT}…`);
    const endpoint = await load(`${app.url}${ENDPOINT}`, headers);
    log('  mesure : GET /api/gestion/corbeille/compteurs…');
    const compteurs = await load(`${app.url}${ENDPOINT}/compteurs`, headers);

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
        row('même requête préparée (pg, nommée)', sqlPrep),
        row(`GET ${ENDPOINT}`, endpoint),
        row(`GET ${ENDPOINT}/compteurs`, compteurs),
      ])}\n`,
    );
    const clean = endpoint.non2xx + endpoint.errors === 0;
    const share = endpoint.rps / sqlFloor.rps;
    outcome.summary.push(
      {
        banc: 'corbeille',
        mesure: 'GET /api/gestion/corbeille, CDG de 1 000 collectivités',
        resultat: `p95 ${ms(endpoint.latency.p95)}`,
        plancher: `SQL brut p95 ${ms(sqlFloor.latency.p95)}`,
        rapport: '—',
        objectif: `p95 < ${GOAL_P95_MS} ms`,
        verdict: !clean ? 'invalide' : endpoint.latency.p95 < GOAL_P95_MS ? 'atteint' : 'manqué',
      },
      {
        banc: 'corbeille',
        mesure: 'GET /api/gestion/corbeille, CDG de 1 000 collectivités',
        resultat: `${num(endpoint.rps)} req/s`,
        plancher: `SQL brut ${num(sqlFloor.rps)} req/s`,
        rapport: `${pct(share)} du plancher SQL`,
        objectif: `≥ ${pct(GOAL_SHARE_OF_SQL_FLOOR)}`,
        verdict: !clean ? 'invalide' : share >= GOAL_SHARE_OF_SQL_FLOOR ? 'atteint' : 'manqué',
      },
    );
    outcome.details.postgres = { sizes: SIZES, counts, counters, sql: query, httpFloor, sqlFloor, endpoint, compteurs };
  } finally {
    await cleanup.run();
  }
  return outcome;
}
