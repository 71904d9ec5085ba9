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
 * Floors, in the same run (`lib/endpoint.ts`, shared with `sinistralite`): HTTP (a bare Fastify route
 * sending the endpoint's body as a constant) and raw SQL (a bare Fastify route running with `pg` the
 * very SQL text and parameters the endpoint sent, captured from the driver). Goals: p95 under 50 ms,
 * and at least 40 % of the SQL floor's throughput.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { fileInsertSql } from '../packages/server/src/modules/gestion/corbeille.repository.js';
import { seedCdgs, seedGestionnaire } from './lib/cdg.js';
import { benchEndpointOnPostgres } from './lib/endpoint.js';
import type { BenchOptions } from './lib/report.js';
import { num } from './lib/stats.js';

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

export const benchCorbeille = (options: BenchOptions) =>
  benchEndpointOnPostgres('corbeille', options, async (database) => {
    const counts = await seed(database, await hashPassword(PASSWORD));
    return {
      loaded: `${num(counts.sinistres)} sinistres, ${num(counts.arrets)} arrêts, ${num(counts.pieces)} pièces`,
      details: { sizes: SIZES, counts },
      spec: {
        mesure: 'GET /api/gestion/corbeille, CDG de 1 000 collectivités',
        email: EMAIL,
        password: PASSWORD,
        path: ENDPOINT,
        statement: /WITH page AS/,
        check: (body) => {
          const page = body as { items: unknown[]; suivant: string | null };
          return page.items.length === 20 && page.suivant ? null : `${page.items.length} lignes`;
        },
        floorRows: 21,
        inspect: async (url, headers) => (await fetch(`${url}${ENDPOINT}/compteurs`, { headers })).json(),
        others: [{ label: `GET ${ENDPOINT}/compteurs`, path: `${ENDPOINT}/compteurs` }],
        goals: { p95Ms: GOAL_P95_MS, shareOfSqlFloor: GOAL_SHARE_OF_SQL_FLOOR },
      },
    };
  });
