import type { Db } from '../../db/client.js';
import type { Audit } from '../../lib/audit.js';
import type { JobDefinition, JobLogger } from '../../lib/jobs/queue.js';
import { createReconciliationJob, prochaineReconciliation, RECONCILIATION_PIECES_JOB } from './reconciliation.job.js';
import type { SinistreChanged } from './sinistre-changed.js';

/** The jobs of the module: the nightly reconciliation of the missing-pieces counts, at 02:30 in Paris. */
export function sinistresJobs(deps: {
  db: Db;
  audit: Audit;
  changed: SinistreChanged;
  logger: JobLogger;
}): JobDefinition[] {
  return [
    {
      kind: RECONCILIATION_PIECES_JOB,
      handler: createReconciliationJob(deps),
      recurrence: { first: prochaineReconciliation, next: prochaineReconciliation },
    },
  ];
}
