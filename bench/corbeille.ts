/**
 * Benchmark `corbeille`: GET /api/gestion/corbeille (first page, urgency order) for a gestionnaire
 * of a CDG with 1 000 collectivités, beside another CDG of the same size, under autocannon
 * (10 connections), on PostgreSQL.
 *
 * The data set is generated here in SQL (generate_series, deterministic): 2 CDGs × 1 000
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

/** The data set, all in SQL; `$1` is the gestionnaire's password hash. */
export async function seed(database: Database, passwordHash: string) {
  const { cdgs, collectivitesParCdg: nc, agentsParCollectivite: na, sinistresParCollectivite: ns } = SIZES;
  const steps: [string, unknown[]][] = [
    // Ids derived from the row number, in the uuid v4 shape the API's schemas check.
    [
      `CREATE FUNCTION bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql
         AS $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`,
      [],
    ],
    [
      `INSERT INTO cdg (id, nom, siret) SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
         'CDG ' || g, lpad((900000000 + g)::text, 14, '0') FROM generate_series(1, ${cdgs}) g`,
      [],
    ],
    [
      `INSERT INTO collectivite (id, nom, siret, type, cdg_id)
       SELECT bench_uuid('coll' || n), 'Commune ' || n, lpad((10000000 + n)::text, 14, '0'), 'commune',
         ('00000000-0000-4000-8000-' || lpad((1 + (n - 1) / ${nc})::text, 12, '0'))::uuid
       FROM generate_series(1, ${cdgs * nc}) n`,
      [],
    ],
    [
      `INSERT INTO contrat (id, numero, libelle, regime, cdg_id, date_effet, date_fin)
       SELECT ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'CT-' || g, 'Contrat groupe',
         'CNRACL', ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, '2024-01-01', '2027-12-31'
       FROM generate_series(1, ${cdgs}) g`,
      [],
    ],
    [
      `INSERT INTO garantie (contrat_id, risque, couvert, franchise_nombre, franchise_unite, remboursement_pct,
         delai_declaration_jours, delai_pieces_jours, delai_pieces_medicales_jours, delai_deces_jours)
       SELECT c.id, r, true, 15, 'jours_fermes_par_arret', 100, 90, 90, 730, 3650
       FROM contrat c, unnest(ARRAY['maladie_ordinaire', 'accident_service']) r`,
      [],
    ],
    [
      `INSERT INTO adhesion (collectivite_id, contrat_id, date_adhesion)
       SELECT co.id, ct.id, '2024-01-01' FROM collectivite co JOIN contrat ct ON ct.cdg_id = co.cdg_id`,
      [],
    ],
    [
      `INSERT INTO agent (id, collectivite_id, nir, nom, prenom, regime, statut, date_entree)
       SELECT bench_uuid('agent' || n), bench_uuid('coll' || (1 + (n - 1) / ${na})),
         (1 + n % 2)::text || lpad((n % 100)::text, 2, '0') || '0575' || lpad((n % 1000000)::text, 6, '0'),
         'NOM' || n, 'Prénom', 'CNRACL', 'titulaire', '2015-01-01'
       FROM generate_series(1, ${cdgs * nc * na}) n`,
      [],
    ],
    [
      `INSERT INTO sinistre (id, collectivite_id, agent_id, contrat_id, categorie, date_survenance, tiers_implique,
         statut, hors_delai, imputabilite, pieces_manquantes, examine_le, created_at)
       SELECT bench_uuid('sin' || n), bench_uuid('coll' || c), bench_uuid('agent' || ((c - 1) * ${na} + 1 + n % ${na})),
         ('00000000-0000-4000-9000-' || lpad((1 + (c - 1) / ${nc})::text, 12, '0'))::uuid,
         CASE WHEN n % 4 = 0 THEN 'accident_service' ELSE 'maladie_ordinaire' END,
         (now() - make_interval(days => n % 1095))::date, n % 11 = 0,
         CASE WHEN n % 10 < 7 THEN 'clos' ELSE 'ouvert' END, n % 13 = 0,
         CASE WHEN n % 4 = 0 AND (n / 10) % 10 <> 0 THEN 'reconnue' END,
         CASE WHEN (n / 10) % 5 = 0 THEN 1 ELSE 0 END,
         CASE WHEN n % 10 >= 7 AND n % 3 = 0 THEN NULL ELSE now() - make_interval(days => n % 1095) + interval '2 days' END,
         now() - make_interval(days => n % 1095, mins => n % 1440)
       FROM (SELECT n, 1 + (n - 1) / ${ns} AS c FROM generate_series(1, ${cdgs * nc * ns}) n) x`,
      [],
    ],
    [
      // Arrêts of 10 days: an agent's sinistres are 20 days apart, and his arrêts may not overlap.
      `INSERT INTO arret (sinistre_id, collectivite_id, agent_id, type, debut, fin, tbi, examine_le, created_at)
       SELECT s.id, s.collectivite_id, s.agent_id, CASE WHEN k = 1 THEN 'initial' WHEN s.numero % 17 = 0 THEN 'rechute' ELSE 'prolongation' END,
         s.date_survenance + (k - 1) * 10, s.date_survenance + k * 10 - 1, 245612,
         CASE WHEN s.statut = 'ouvert' AND k = 2 AND s.numero % 7 = 0 THEN NULL ELSE s.created_at + interval '1 day' END,
         s.created_at + (k - 1) * interval '15 days'
       FROM sinistre s, generate_series(1, 2) k`,
      [],
    ],
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
    [
      `INSERT INTO app_user (email, nom, prenom, password_hash, staff_role, staff_cdg_id)
       VALUES ('${EMAIL}', 'BANC', 'Gestionnaire', $1, 'gestionnaire', '00000000-0000-4000-8000-000000000001')`,
      [passwordHash],
    ],
    ['ANALYZE', []],
  ];
  for (const [text, values] of steps) await database.query(text, values);
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
