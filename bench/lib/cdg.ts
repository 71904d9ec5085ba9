import type { Database } from '../../packages/server/src/db/client.js';
import { loginSession, startApp } from './app.js';
import type { Cleanup } from './report.js';

/**
 * The files of CDGs of 1 000 collectivités, generated in SQL (generate_series, values derived from
 * the row number: the same data on every run, on PostgreSQL as on PGlite), shared by the benchmarks
 * `corbeille`, `decomptes` and `sinistralite`: per CDG one contract group (CNRACL, maladie ordinaire
 * and accident de service, franchise of 15 days, 100 %), its collectivités adhering to it, `agentsParCollectivite`
 * agents each, `sinistresParCollectivite` sinistres each over the three years before `reference` (30 %
 * still open), each with two arrêts of 10 days. A collectivité's sinistres fall on consecutive days,
 * and an agent's are 20 days apart: his arrêts never overlap.
 */
export type CdgSizes = {
  cdgs: number;
  collectivitesParCdg: number;
  agentsParCollectivite: number;
  sinistresParCollectivite: number;
};

/** Ids in the uuid v4 shape the API's schemas check. */
export const cdgId = (g: number) => `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`;
export const contratId = (g: number) => `00000000-0000-4000-9000-${String(g).padStart(12, '0')}`;

/**
 * `reference`: the SQL timestamp the files are dated back from — `now()` for a queue whose urgency
 * follows today, a constant for a benchmark that costs a fixed month.
 */
export async function seedCdgs(database: Database, sizes: CdgSizes, reference = 'now()') {
  const { cdgs, collectivitesParCdg: nc, agentsParCollectivite: na, sinistresParCollectivite: ns } = sizes;
  const steps = [
    `CREATE FUNCTION bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql
       AS $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`,
    `INSERT INTO cdg (id, nom, siret) SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
       'CDG ' || g, lpad((900000000 + g)::text, 14, '0') FROM generate_series(1, ${cdgs}) g`,
    `INSERT INTO collectivite (id, nom, siret, type, cdg_id)
     SELECT bench_uuid('coll' || n), 'Commune ' || n, lpad((10000000 + n)::text, 14, '0'), 'commune',
       ('00000000-0000-4000-8000-' || lpad((1 + (n - 1) / ${nc})::text, 12, '0'))::uuid
     FROM generate_series(1, ${cdgs * nc}) n`,
    `INSERT INTO contrat (id, numero, libelle, regime, cdg_id, date_effet, date_fin)
     SELECT ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'CT-' || g, 'Contrat groupe',
       'CNRACL', ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, '2024-01-01', '2027-12-31'
     FROM generate_series(1, ${cdgs}) g`,
    `INSERT INTO garantie (contrat_id, risque, couvert, franchise_nombre, franchise_unite, remboursement_pct,
       delai_declaration_jours, delai_pieces_jours, delai_pieces_medicales_jours, delai_deces_jours)
     SELECT c.id, r, true, 15, 'jours_fermes_par_arret', 100, 90, 90, 730, 3650
     FROM contrat c, unnest(ARRAY['maladie_ordinaire', 'accident_service']) r`,
    `INSERT INTO adhesion (collectivite_id, contrat_id, date_adhesion)
     SELECT co.id, ct.id, '2024-01-01' FROM collectivite co JOIN contrat ct ON ct.cdg_id = co.cdg_id`,
    `INSERT INTO agent (id, collectivite_id, nir, nom, prenom, regime, statut, date_entree)
     SELECT bench_uuid('agent' || n), bench_uuid('coll' || (1 + (n - 1) / ${na})),
       (1 + n % 2)::text || lpad((n % 100)::text, 2, '0') || '0575' || lpad((n % 1000000)::text, 6, '0'),
       'NOM' || n, 'Prénom', 'CNRACL', 'titulaire', '2015-01-01'
     FROM generate_series(1, ${cdgs * nc * na}) n`,
    `INSERT INTO sinistre (id, collectivite_id, agent_id, contrat_id, categorie, date_survenance, tiers_implique,
       statut, hors_delai, imputabilite, pieces_manquantes, examine_le, created_at)
     SELECT bench_uuid('sin' || n), bench_uuid('coll' || c), bench_uuid('agent' || ((c - 1) * ${na} + 1 + n % ${na})),
       ('00000000-0000-4000-9000-' || lpad((1 + (c - 1) / ${nc})::text, 12, '0'))::uuid,
       CASE WHEN n % 4 = 0 THEN 'accident_service' ELSE 'maladie_ordinaire' END,
       (${reference} - make_interval(days => n % 1095))::date, n % 11 = 0,
       CASE WHEN n % 10 < 7 THEN 'clos' ELSE 'ouvert' END, n % 13 = 0,
       CASE WHEN n % 4 = 0 AND (n / 10) % 10 <> 0 THEN 'reconnue' END,
       CASE WHEN (n / 10) % 5 = 0 THEN 1 ELSE 0 END,
       CASE WHEN n % 10 >= 7 AND n % 3 = 0 THEN NULL ELSE ${reference} - make_interval(days => n % 1095) + interval '2 days' END,
       ${reference} - make_interval(days => n % 1095, mins => n % 1440)
     FROM (SELECT n, 1 + (n - 1) / ${ns} AS c FROM generate_series(1, ${cdgs * nc * ns}) n) x`,
    // Arrêts of 10 days: an agent's sinistres are 20 days apart, and his arrêts may not overlap.
    `INSERT INTO arret (sinistre_id, collectivite_id, agent_id, type, debut, fin, tbi, examine_le, created_at)
     SELECT s.id, s.collectivite_id, s.agent_id, CASE WHEN k = 1 THEN 'initial' WHEN s.numero % 17 = 0 THEN 'rechute' ELSE 'prolongation' END,
       s.date_survenance + (k - 1) * 10, s.date_survenance + k * 10 - 1, 245612,
       CASE WHEN s.statut = 'ouvert' AND k = 2 AND s.numero % 7 = 0 THEN NULL ELSE s.created_at + interval '1 day' END,
       s.created_at + (k - 1) * interval '15 days'
     FROM sinistre s, generate_series(1, 2) k`,
  ];
  for (const text of steps) await database.query(text, []);
}

/** A gestionnaire of CDG n° `cdg` (1 by default) who logs in with the password hashed in `passwordHash`. */
export async function seedGestionnaire(database: Database, email: string, passwordHash: string, cdg = 1) {
  await database.query(
    `INSERT INTO app_user (email, nom, prenom, password_hash, staff_role, staff_cdg_id)
     VALUES ($1, 'BANC', 'Gestionnaire', $2, 'gestionnaire', $3)`,
    [email, passwordHash, cdgId(cdg)],
  );
}

/** PGlite runs one CDG where PostgreSQL runs them all: the embedded database is one connection. */
export const pgliteSizes = (sizes: CdgSizes): CdgSizes => ({ ...sizes, cdgs: 1 });

/**
 * The start of a national bench on one database: migrate, load its data set (`seed`, timed), start the
 * application without its jobs and log its gestionnaire in.
 */
export async function demarrerCdg(
  database: Database,
  seed: () => Promise<unknown>,
  cleanup: Cleanup,
  login: { email: string; password: string },
) {
  const t = performance.now();
  await database.migrate();
  await seed();
  const seedMs = performance.now() - t;
  const app = await startApp(database, { startJobs: false });
  cleanup.defer(() => app.close());
  const session = await loginSession(app.url, login.email, login.password);
  return { seedMs, app, session };
}
