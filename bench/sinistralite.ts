/**
 * Benchmark `sinistralite`: GET /api/gestion/sinistralite?annee=2026 (the loss ratio S/P, first page,
 * worst ratio first) for a gestionnaire of a CDG with 1 000 collectivités, beside another CDG of the
 * same size, under autocannon (10 connections), on PostgreSQL.
 *
 * The data set is generated in SQL (generate_series, deterministic): the CDGs' files by `lib/cdg.ts`
 * (shared with `corbeille` and `decomptes`, dated back from 1 December 2026), then what the S/P reads:
 * the bases de l'assurance 2026 of every collectivité on its contract (prévisionnelle, and the réelle
 * too for one in three), with their rate and contribution; the monthly décomptes of 2026 of the open
 * sinistres (up to six months each, from their survenance to November), one in fifteen still to
 * validate; the validated ones of January to October in a règlement per collectivité and month — paid
 * to August, in payment in September, validated in October —, November's in none.
 *
 * Floors, in the same run (`lib/endpoint.ts`, shared with `corbeille`): HTTP (the endpoint's body as
 * a constant) and raw SQL (the statement the endpoint sent, captured from the driver, replayed with
 * `pg`). Goals: p95 under 200 ms, and at least 40 % of the SQL floor's throughput. Also measured,
 * without goal: the first page in the order of the collectivités, and the CSV export of the year.
 */
import type { Database } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { seedCdgs, seedGestionnaire } from './lib/cdg.js';
import { benchEndpointOnPostgres } from './lib/endpoint.js';
import type { BenchOptions } from './lib/report.js';
import { num } from './lib/stats.js';

const ENDPOINT = '/api/gestion/sinistralite';
const QUERY = '?annee=2026';
const PASSWORD = 'Banc-sinistralite-2026';
const EMAIL = 'gestionnaire@banc.statutis.fr';
const SIZES = { cdgs: 2, collectivitesParCdg: 1000, agentsParCollectivite: 20, sinistresParCollectivite: 30 };
const REFERENCE = `'2026-12-01 10:00:00+01'::timestamptz`;
const GOAL_P95_MS = 200;
const GOAL_SHARE_OF_SQL_FLOOR = 0.4;

/** The data set, all in SQL: the CDGs' files (`lib/cdg.ts`), then bases, décomptes and règlements of 2026. */
export async function seed(database: Database, passwordHash: string) {
  await seedCdgs(database, SIZES, REFERENCE);
  const { cdgs, collectivitesParCdg: nc } = SIZES;
  const steps = [
    // Payroll of 18 to 22 agents at the seed's TBI, a rate of 6 % to 9 % (thousandths of a percent);
    // the réelle, for one collectivité in three, one agent-year above the prévisionnelle.
    `INSERT INTO base_assurance (collectivite_id, contrat_id, annee, type, effectif, tbi, taux_cotisation, assiette, cotisation)
     SELECT bench_uuid('coll' || n), ('00000000-0000-4000-9000-' || lpad((1 + (n - 1) / ${nc})::text, 12, '0'))::uuid,
       2026, t, e, tbi, taux, tbi, round(tbi::numeric * taux / 100000)::bigint
     FROM generate_series(1, ${cdgs * nc}) n,
       unnest(ARRAY['previsionnelle', 'reelle']) t,
       LATERAL (SELECT 18 + n % 5 + CASE WHEN t = 'reelle' THEN 1 ELSE 0 END AS e, 6000 + (n % 7) * 500 AS taux) r,
       LATERAL (SELECT r.e * 245612::bigint * 12 AS tbi) p
     WHERE t = 'previsionnelle' OR n % 3 = 0`,
    // Monthly décomptes of the open sinistres, November back to at most six months, from their survenance.
    `INSERT INTO decompte (id, annee, collectivite_id, sinistre_id, contrat_id, periode_du, periode_au, version, statut,
       nature, beneficiaire, montant, a_regler, lignes, journal, entrees, calcule_le, valide_le)
     SELECT bench_uuid('dec' || s.numero || '-' || m), 2026, s.collectivite_id, s.id, s.contrat_id,
       make_date(2026, m, 1), (make_date(2026, m, 1) + interval '1 month - 1 day')::date, 1,
       CASE WHEN (s.numero + m) % 15 = 0 THEN 'calcule' ELSE 'valide' END,
       'indemnites_journalieres', 'collectivite', 60000 + (s.numero % 97) * 800, 60000 + (s.numero % 97) * 800,
       '[]', '[]', '{"empreinte": "banc"}', make_date(2026, m, 1) + interval '1 month 2 days',
       CASE WHEN (s.numero + m) % 15 = 0 THEN NULL ELSE make_date(2026, m, 1) + interval '1 month 3 days' END
     FROM sinistre s, generate_series(0, s.numero % 6) k, LATERAL (SELECT (11 - k)::int AS m) x
     WHERE s.statut = 'ouvert' AND make_date(2026, m, 1) >= date_trunc('month', s.date_survenance)`,
    `INSERT INTO reglement (id, annee, collectivite_id, contrat_id, cdg_id, periode_du, periode_au, statut, beneficiaire,
       montant, created_at, paye_le)
     SELECT bench_uuid('regl' || d.collectivite_id || d.contrat_id || d.periode_du), 2026, d.collectivite_id, d.contrat_id, co.cdg_id,
       d.periode_du, max(d.periode_au), e.statut, 'collectivite', sum(d.a_regler), d.periode_du + interval '1 month 5 days',
       CASE WHEN e.statut = 'paye' THEN d.periode_du + interval '1 month 10 days' END
     FROM decompte d JOIN collectivite co ON co.id = d.collectivite_id,
       LATERAL (SELECT CASE WHEN extract(month FROM d.periode_du) <= 8 THEN 'paye'
                            WHEN extract(month FROM d.periode_du) = 9 THEN 'mis_en_paiement' ELSE 'valide' END AS statut) e
     WHERE d.statut = 'valide' AND d.periode_du < '2026-11-01'
     GROUP BY d.collectivite_id, d.contrat_id, co.cdg_id, d.periode_du, e.statut`,
    `UPDATE decompte d SET reglement_id = r.id FROM reglement r
     WHERE d.statut = 'valide' AND r.collectivite_id = d.collectivite_id AND r.contrat_id = d.contrat_id
       AND r.periode_du = d.periode_du`,
    'ANALYZE',
  ];
  for (const text of steps) await database.query(text, []);
  await seedGestionnaire(database, EMAIL, passwordHash);
  const [count] = await database.query(
    `SELECT (SELECT count(*) FROM sinistre)::int AS sinistres, (SELECT count(*) FROM base_assurance)::int AS bases,
            (SELECT count(*) FROM decompte)::int AS decomptes, (SELECT count(*) FROM reglement)::int AS reglements,
            (SELECT count(*) FROM reglement WHERE statut = 'paye')::int AS payes`,
  );
  return count as { sinistres: number; bases: number; decomptes: number; reglements: number; payes: number };
}

type Page = {
  items: unknown[];
  suivant: string | null;
  total: { lignes: number; primes: number; regle: number; du: number; rapport: unknown };
};

export const benchSinistralite = (options: BenchOptions) =>
  benchEndpointOnPostgres('sinistralite', options, async (database) => {
    const counts = await seed(database, await hashPassword(PASSWORD));
    const path = `${ENDPOINT}${QUERY}`;
    return {
      loaded: `${num(counts.sinistres)} sinistres, ${num(counts.bases)} bases, ${num(counts.decomptes)} décomptes, ${num(counts.reglements)} règlements (${num(counts.payes)} payés)`,
      details: { sizes: SIZES, counts },
      spec: {
        mesure: `GET ${path}, CDG de 1 000 collectivités`,
        email: EMAIL,
        password: PASSWORD,
        path,
        statement: /FROM sinistralite_total/,
        check: (body) => {
          const page = body as Page;
          if (page.items.length !== 20 || !page.suivant) return `${page.items.length} lignes`;
          return page.total.lignes === SIZES.collectivitesParCdg ? null : `${page.total.lignes} lignes au total`;
        },
        floorRows: 21,
        inspect: async (url, headers) => ((await (await fetch(`${url}${path}`, { headers })).json()) as Page).total,
        others: [
          { label: 'première page par collectivité', path: `${path}&tri=collectivite&ordre=asc` },
          { label: 'export CSV de l’année (1 000 lignes)', path: `${ENDPOINT}/export${QUERY}&format=csv` },
        ],
        goals: { p95Ms: GOAL_P95_MS, shareOfSqlFloor: GOAL_SHARE_OF_SQL_FLOOR },
      },
    };
  });
