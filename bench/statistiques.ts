/**
 * Benchmark `statistiques`: GET /api/gestion/statistiques?depuis=2022&annee=2026 (the CDG dashboard over
 * 5 years, first page of its collectivités, highest taux first) for a gestionnaire of a CDG of 1 000
 * collectivités, beside another of the same size, under autocannon (10 connections), on PostgreSQL.
 * Also measured: the full refresh of that CDG's precomputed aggregates (what the nightly job does).
 *
 * The data set is `sinistralite`'s (`lib/cdg.ts`: 20 CNRACL agents and 30 sinistres of two 10-day arrêts
 * per collectivité over the 3 years before 1 December 2026, then bases, décomptes and règlements of
 * 2026), then the aggregates computed by the service the job calls, CDG by CDG (timed).
 *
 * Floors, in the same run (`lib/endpoint.ts`): HTTP and raw SQL of the page's statement (20 rows of the
 * CDG's precomputed ones, their ranks in the strata stored by the job), alternated with the endpoint over
 * 3 samples. The XLSX export of the whole list is timed to its last byte. The endpoint also reads, in parallel, the CDG's precomputed row of sums
 * (`statistiques_agregat_cdg`), which the SQL floor does not replay. Goal: p95 under 200 ms (issue 12); the share of the SQL
 * floor is reported against the house's 40 %.
 */

import { systemClock } from '../packages/server/src/lib/clock.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { createSinistraliteRepository } from '../packages/server/src/modules/sinistralite/sinistralite.repository.js';
import { createStatistiquesCdgRepository } from '../packages/server/src/modules/statistiques/statistiques-cdg.repository.js';
import { createStatistiquesCdgService } from '../packages/server/src/modules/statistiques/statistiques-cdg.service.js';
import { cdgId } from './lib/cdg.js';
import { benchEndpointOnPostgres } from './lib/endpoint.js';
import { type BenchOptions, log } from './lib/report.js';
import { ms, num } from './lib/stats.js';
import { seed } from './sinistralite.js';

const ENDPOINT = '/api/gestion/statistiques';
const QUERY = '?depuis=2022&annee=2026';
const PASSWORD = 'Banc-sinistralite-2026';
const EMAIL = 'gestionnaire@banc.statutis.fr';
const GOAL_P95_MS = 200;
const GOAL_SHARE_OF_SQL_FLOOR = 0.4;
/** Alternated samples of the SQL floor and the endpoint: the goal is judged on their median p95. */
const SAMPLES = 3;

type Page = {
  items: { rang: number | null }[];
  suivant: string | null;
  collectivites: number;
  calculeLe: string | null;
};

export async function benchStatistiques(options: BenchOptions) {
  const refresh: number[] = [];
  const outcome = await benchEndpointOnPostgres('statistiques', options, async (database) => {
    const counts = await seed(database, await hashPassword(PASSWORD));
    const service = createStatistiquesCdgService({
      db: database.db,
      clock: systemClock,
      repo: createStatistiquesCdgRepository(),
      sinistralite: createSinistraliteRepository(),
    });
    // Both CDGs, so that no dirty marker is left for the job during the measure; the first is timed.
    for (const g of [1, 2]) {
      const t = performance.now();
      const n = await service.toutRecalculer([cdgId(g)]);
      refresh.push(performance.now() - t);
      log(`  recalcul complet des agrégats du CDG ${g} : ${num(n)} collectivités en ${ms(refresh.at(-1)!)}`);
    }
    await database.query('ANALYZE statistiques_agregat', []);
    await database.query('ANALYZE statistiques_agregat_cdg', []);
    const path = `${ENDPOINT}${QUERY}`;
    return {
      loaded: `${num(counts.sinistres)} sinistres, ${num(counts.decomptes)} décomptes, agrégats de 2 × 1 000 collectivités × 15 périodes × 2 (maternité exclue, incluse)`,
      details: { counts, rafraichissementMs: refresh },
      spec: {
        mesure: `GET ${path}, CDG de 1 000 collectivités, 5 ans`,
        email: EMAIL,
        password: PASSWORD,
        path,
        statement: /AS cle_texte/,
        check: (body) => {
          const page = body as Page;
          if (page.items.length !== 20 || !page.suivant) return `${page.items.length} lignes`;
          // The highest taux are shown, hence ranked (by the refresh's last chunk).
          if (page.items.some((l) => l.rang === null)) return 'lignes sans rang';
          return page.collectivites === 1000 ? null : `${page.collectivites} collectivités`;
        },
        floorRows: 21,
        inspect: async (url, headers) => {
          const p = (await (await fetch(`${url}${path}`, { headers })).json()) as Page;
          return { collectivites: p.collectivites, calculeLe: p.calculeLe };
        },
        samples: SAMPLES,
        others: [
          { label: 'une année (2026), par collectivité', path: `${ENDPOINT}?annee=2026&tri=collectivite&ordre=asc` },
          { label: '5 ans, maternité incluse', path: `${ENDPOINT}${QUERY}&maternite=incluse` },
        ],
        downloads: [
          { label: 'export XLSX des 1 000 collectivités', path: `${ENDPOINT}/export${QUERY}&format=xlsx`, runs: 3 },
        ],
        goals: { p95Ms: GOAL_P95_MS, shareOfSqlFloor: GOAL_SHARE_OF_SQL_FLOOR },
      },
    };
  });
  if (refresh.length > 0)
    outcome.summary.push({
      banc: 'statistiques',
      mesure: 'recalcul complet des agrégats d’un CDG de 1 000 collectivités (tâche de nuit)',
      resultat: ms(refresh[0]!),
      plancher: '—',
      rapport: '—',
      objectif: 'info',
      verdict: 'info',
    });
  return outcome;
}
