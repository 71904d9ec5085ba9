import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { JobDefinition } from '../../lib/jobs/queue.js';
import { prochaineRelance } from '../pieces/relance.job.js';
import type { PilotageRepository } from './pilotage.repository.js';
import { createRelanceBaseJob, RELANCE_BASE_JOB } from './relance-base.job.js';

/** The reminder of a missing base de l’assurance, weekly on Monday morning like the pieces' reminder. */
export function pilotageJobs(deps: {
  db: Db;
  clock: Clock;
  repo: PilotageRepository;
  appUrl: string;
}): JobDefinition[] {
  return [
    {
      kind: RELANCE_BASE_JOB,
      handler: createRelanceBaseJob(deps),
      recurrence: { first: prochaineRelance, next: prochaineRelance },
    },
  ];
}
