import { prochaineHeureParis } from '../lib/clock.js';
import type { JobDefinition, JobLogger } from '../lib/jobs/queue.js';
import type { Database } from './client.js';

export const ANALYSE_JOB = 'base.analyse';

/** 03:15 in Paris: after the nightly reconciliation, before anyone works. */
export function prochaineAnalyse(now: Date): Date {
  return prochaineHeureParis(now, 3, 15);
}

/**
 * PGlite runs no autovacuum, so its planner statistics never learn of the rows written since the
 * database was created: a table that grew from 20 to 20 000 rows is still planned as a small one.
 * One ANALYZE a night keeps them current (PostgreSQL's autovacuum does it on its own).
 */
export function databaseJobs(database: Database, logger: JobLogger): JobDefinition[] {
  if (database.kind !== 'pglite') return [];
  return [
    {
      kind: ANALYSE_JOB,
      handler: async () => {
        const started = Date.now();
        await database.query('ANALYZE');
        logger.info({ ms: Date.now() - started }, 'statistiques de la base embarquée mises à jour');
      },
      recurrence: { first: prochaineAnalyse, next: prochaineAnalyse },
    },
  ];
}
