/**
 * Benchmark `echelle` (opt-in: `npm run bench -- echelle [--echelle=0.02]`): the lists of the
 * largest collectivité (12 000 agents) of a national-scale database built by
 * `echelle-generateur.ts` (35 000 collectivités, 2 000 000 agents, 3 years of sinistres, arrêts
 * and pieces), on PostgreSQL, at 10 connections:
 *
 * - GET /api/agents: first page, search by name, search by NIR prefix;
 * - GET /api/sinistres: first page, catégorie + période, search by name;
 * - GET /api/documents-manquants: first page, then the sinistres en brouillon only.
 *
 * For each, the raw SQL floor of the same run: a bare Fastify route that runs with `pg` (pool of
 * 10, like the application) the very SQL text and parameters the endpoint sent — captured at the
 * driver during a control request, auth queries aside — in parallel, and returns the rows. When
 * the endpoint does not exist yet (404), the floor runs the SQL below (the rule of the missing
 * pieces) and the application side is reported as absent.
 *
 * Goals: p95 < 50 ms and at least 40 % of the floor's throughput. Each query's plan (EXPLAIN
 * ANALYZE, BUFFERS) is written to the JSON results, its execution time printed.
 */
import pg from 'pg';
import { openPostgres } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { buildEchelle, describeEchelle, echelleFromArgs } from './echelle-generateur.js';
import { login, SESSION_COOKIE, startApp, startBare } from './lib/app.js';
import { type Captured, captureQueries, type Queryable } from './lib/capture.js';
import { BENCH_PASSWORD } from './lib/dataset.js';
import { type LoadResult, warmThenLoad } from './lib/load.js';
import { reachable } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log, type SummaryRow } from './lib/report.js';
import { ms, num, pct, table } from './lib/stats.js';

const GOAL_P95_MS = 50;
const GOAL_SHARE_OF_SQL_FLOOR = 0.4;
const USER_EMAIL = 'echelle@banc.statutis.fr';

/** Session lookup, guard, audit: what every request pays, not the endpoint's own SQL. */
const AUTH_TABLES = /"?\b(session|membership|app_user|trusted_device|login_attempt|audit_event)\b"?/i;

/** The missing mandatory pieces of a collectivité (the rule of `exigencesPieces`), page and count. */
function documentsManquantsSql(collectiviteId: string, statut?: string): Captured[] {
  const base = `
    FROM sinistre s
    JOIN agent a ON a.id = s.agent_id
    JOIN piece_modele m ON m.categorie = s.categorie AND m.actif AND m.obligatoire AND m.code <> 'autre'
      AND (m.regime IS NULL OR m.regime = a.regime) AND m.etape IN ('declaration', 'imputabilite', 'arret')
    LEFT JOIN arret ar ON m.etape = 'arret' AND ar.sinistre_id = s.id
    WHERE s.collectivite_id = $1
      AND (m.etape <> 'arret' OR ar.id IS NOT NULL)
      AND NOT EXISTS (
        SELECT 1 FROM piece p
        WHERE p.sinistre_id = s.id AND p.code = m.code AND p.statut <> 'refusee'
          AND p.arret_id IS NOT DISTINCT FROM ar.id)${statut ? ` AND s.statut = '${statut}'` : ''}`;
  return [
    {
      text: `SELECT s.id AS "sinistreId", s.numero, s.categorie, s.statut, s.date_survenance::text AS "dateSurvenance",
               a.id AS "agentId", a.nom AS "agentNom", a.prenom AS "agentPrenom", m.code, m.libelle,
               ar.id AS "arretId", ar.debut::text AS "arretDebut", ar.fin::text AS "arretFin"
             ${base}
             ORDER BY s.date_survenance DESC, s.numero DESC, m.ordre, ar.debut LIMIT $2 OFFSET $3`,
      values: [collectiviteId, 20, 0],
    },
    { text: `SELECT count(*)::int AS n ${base}`, values: [collectiviteId] },
  ];
}

type Page = { items: unknown[]; total: number };

/** Runs the endpoint's queries in parallel; the page is the query with a LIMIT, the total the count. */
async function runFloor(pool: pg.Pool, queries: Captured[]): Promise<Page> {
  const results = await Promise.all(queries.map((q) => pool.query(q.text, q.values)));
  const pageIndex = queries.findIndex((q) => /\blimit\b/i.test(q.text));
  // The page may count too (a subquery per row): the total is the one-value answer of a count (or
  // sum of counts) without a LIMIT.
  const countIndex = queries.findIndex(
    (q, i) =>
      /\b(count|sum)\(/i.test(q.text) &&
      !/\blimit\b/i.test(q.text) &&
      results[i]!.rows.length === 1 &&
      Object.keys(results[i]!.rows[0] ?? {}).length === 1,
  );
  return {
    items: results[pageIndex]?.rows ?? [],
    total: countIndex >= 0 ? Number(Object.values(results[countIndex]!.rows[0] ?? {})[0]) : Number.NaN,
  };
}

type Case = { cas: string; path: string; fallback?: (collectiviteId: string) => Captured[] };

type Measured = {
  cas: string;
  path: string;
  total: number;
  appAbsent: boolean;
  sql: Captured[];
  plans: { executionMs: number; plan: string }[];
  sqlFloor: LoadResult;
  endpoint?: LoadResult;
};

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function benchEchelle(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'echelle', skipped: [], summary: [], details: {} };
  if (!(await reachable())) {
    const why = 'PostgreSQL injoignable : le banc à l’échelle nationale ne tourne que sur PostgreSQL.';
    log(`  ${why}`);
    outcome.skipped.push(why);
    return outcome;
  }
  const echelle = options.echelle ?? echelleFromArgs();
  const t = performance.now();
  const built = await buildEchelle(echelle);
  log(`  base prête en ${ms(performance.now() - t)}`);
  describeEchelle(built);
  const collectiviteId = built.largest.id;

  const cleanup = new Cleanup();
  try {
    const database = await openPostgres(built.url, { max: options.connections });
    cleanup.defer(() => database.close());
    // An administrator of the largest collectivité (its previous sessions removed).
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const [user] = await database.query<{ id: string }>(
      `INSERT INTO app_user (email, nom, prenom, password_hash) VALUES ($1, 'BANC', 'Échelle', $2)
       ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash RETURNING id`,
      [USER_EMAIL, passwordHash],
    );
    await database.query('DELETE FROM session WHERE user_id = $1', [user!.id]);
    await database.query(
      `INSERT INTO membership (user_id, collectivite_id, role) VALUES ($1, $2, 'administrateur') ON CONFLICT DO NOTHING`,
      [user!.id, collectiviteId],
    );
    const app = await startApp(database);
    cleanup.defer(() => app.close());
    const cookie = await login(app.url, USER_EMAIL, BENCH_PASSWORD);
    const headers = { cookie: `${SESSION_COOKIE}=${cookie}` };

    const pool = new pg.Pool({ connectionString: built.url, max: options.connections });
    cleanup.defer(() => pool.end());

    const du = addDays(built.reference, -91);
    const cases: Case[] = [
      { cas: 'agents, première page', path: '/api/agents?page=1&pageSize=20' },
      { cas: 'agents, recherche par nom', path: '/api/agents?q=moreau' },
      { cas: 'agents, recherche par début de NIR', path: `/api/agents?q=${encodeURIComponent('2 85')}` },
      { cas: 'sinistres, première page', path: '/api/sinistres' },
      {
        cas: 'sinistres, catégorie et période',
        path: `/api/sinistres?categorie=maladie_ordinaire&du=${du}&au=${built.reference}`,
      },
      { cas: 'sinistres, recherche par nom', path: '/api/sinistres?q=dubois' },
      { cas: 'documents manquants', path: '/api/documents-manquants', fallback: documentsManquantsSql },
      {
        cas: 'documents manquants, brouillons',
        path: '/api/documents-manquants?statut=brouillon',
        fallback: (id) => documentsManquantsSql(id, 'brouillon'),
      },
    ];

    // Control requests: status, total, and the SQL each endpoint sends.
    const prepared: { c: Case; sql: Captured[]; total: number; appAbsent: boolean }[] = [];
    for (const c of cases) {
      const { result: response, queries } = await captureQueries(pg.Pool.prototype as unknown as Queryable, () =>
        fetch(`${app.url}${c.path}`, { headers }),
      );
      const body = await response.text();
      if (response.status === 404 && c.fallback) {
        log(`  ${c.path} : absent (404) — plancher SQL seul, avec la règle des pièces manquantes`);
        const sql = c.fallback(collectiviteId);
        const floor = await runFloor(pool, sql);
        prepared.push({ c, sql, total: floor.total, appAbsent: true });
        continue;
      }
      if (response.status !== 200) throw new Error(`GET ${c.path} : ${response.status} ${body.slice(0, 500)}`);
      const page = JSON.parse(body) as Page;
      const sql = queries.filter((q) => !AUTH_TABLES.test(q.text));
      if (sql.length === 0) throw new Error(`GET ${c.path} : aucune requête capturée`);
      prepared.push({ c, sql, total: page.total, appAbsent: false });
    }

    const bare = await startBare(
      Object.fromEntries(prepared.map((p, i) => [`/sql/${i}`, async () => runFloor(pool, p.sql)])),
    );
    cleanup.defer(() => bare.close());

    const load = (url: string, withCookie: boolean) =>
      warmThenLoad({
        url,
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        ...(withCookie ? { headers } : {}),
      });

    const measured: Measured[] = [];
    for (const [i, p] of prepared.entries()) {
      // The floor must answer what the endpoint answers, or the comparison means nothing.
      const floorPage = (await (await fetch(`${bare.url}/sql/${i}`)).json()) as Page;
      if (!p.appAbsent && floorPage.total !== p.total) {
        throw new Error(`${p.c.cas} : le plancher compte ${floorPage.total}, l’endpoint ${p.total}`);
      }
      const plans = [];
      for (const q of p.sql) {
        const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
        const plan = r.rows.map((row) => row['QUERY PLAN']).join('\n');
        plans.push({ executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan });
      }
      log(
        `  ${p.c.cas} : ${num(p.total)} au total ; SQL ${plans.map((x) => ms(x.executionMs)).join(' + ')} (EXPLAIN ANALYZE)`,
      );
      log(`    mesure : plancher SQL brut…`);
      const sqlFloor = await load(`${bare.url}/sql/${i}`, false);
      let endpoint: LoadResult | undefined;
      if (!p.appAbsent) {
        log(`    mesure : GET ${p.c.path}…`);
        endpoint = await load(`${app.url}${p.c.path}`, true);
      }
      measured.push({
        cas: p.c.cas,
        path: p.c.path,
        total: p.total,
        appAbsent: p.appAbsent,
        sql: p.sql,
        plans,
        sqlFloor,
        ...(endpoint ? { endpoint } : {}),
      });
    }

    log(
      `\n${table([
        [
          'Cas',
          'total',
          'SQL brut req/s',
          'p95 SQL',
          'app req/s',
          'p50 app',
          'p95 app',
          'p99 app',
          'app / SQL',
          'erreurs',
        ],
        ...measured.map((m) => [
          m.cas,
          num(m.total),
          num(m.sqlFloor.rps),
          ms(m.sqlFloor.latency.p95),
          m.endpoint ? num(m.endpoint.rps) : 'absent',
          m.endpoint ? ms(m.endpoint.latency.p50) : '—',
          m.endpoint ? ms(m.endpoint.latency.p95) : '—',
          m.endpoint ? ms(m.endpoint.latency.p99) : '—',
          m.endpoint ? pct(m.endpoint.rps / m.sqlFloor.rps) : '—',
          num(m.sqlFloor.non2xx + m.sqlFloor.errors + (m.endpoint ? m.endpoint.non2xx + m.endpoint.errors : 0)),
        ]),
      ])}\n`,
    );

    const scale = echelle === 1 ? 'échelle nationale' : `échelle ${String(echelle).replace('.', ',')}`;
    for (const m of measured) {
      const mesure = `${m.cas} (${scale})`;
      if (!m.endpoint) {
        outcome.summary.push({
          banc: 'echelle',
          mesure,
          resultat: 'endpoint absent',
          plancher: `SQL brut ${num(m.sqlFloor.rps)} req/s, p95 ${ms(m.sqlFloor.latency.p95)}`,
          rapport: '—',
          objectif: `p95 < ${GOAL_P95_MS} ms, ≥ ${pct(GOAL_SHARE_OF_SQL_FLOOR)}`,
          verdict: 'info',
        });
        continue;
      }
      const clean = m.endpoint.non2xx + m.endpoint.errors + m.sqlFloor.non2xx + m.sqlFloor.errors === 0;
      const verdict = (ok: boolean): SummaryRow['verdict'] => (!clean ? 'invalide' : ok ? 'atteint' : 'manqué');
      const share = m.endpoint.rps / m.sqlFloor.rps;
      outcome.summary.push(
        {
          banc: 'echelle',
          mesure,
          resultat: `p95 ${ms(m.endpoint.latency.p95)}`,
          plancher: `SQL brut p95 ${ms(m.sqlFloor.latency.p95)}`,
          rapport: '—',
          objectif: `p95 < ${GOAL_P95_MS} ms`,
          verdict: verdict(m.endpoint.latency.p95 < GOAL_P95_MS),
        },
        {
          banc: 'echelle',
          mesure,
          resultat: `${num(m.endpoint.rps)} req/s`,
          plancher: `SQL brut ${num(m.sqlFloor.rps)} req/s`,
          rapport: `${pct(share)} du plancher SQL`,
          objectif: `≥ ${pct(GOAL_SHARE_OF_SQL_FLOOR)}`,
          verdict: verdict(share >= GOAL_SHARE_OF_SQL_FLOOR),
        },
      );
    }
    outcome.details = {
      database: {
        name: built.name,
        params: built.params,
        reference: built.reference,
        reused: built.reused,
        buildSeconds: built.buildSeconds,
        sizeBytes: built.sizeBytes,
        counts: built.counts,
        largest: built.largest,
      },
      cases: measured,
    };
  } finally {
    await cleanup.run();
  }
  return outcome;
}
