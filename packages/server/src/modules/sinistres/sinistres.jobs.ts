import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { JobDefinition } from '../../lib/jobs/queue.js';
import type { PiecesRepository } from './pieces.repository.js';
import { createRecalculPiecesJob, RECALCUL_PIECES_JOB } from './pieces.service.js';
import { createRelancePiecesJob, prochaineRelance, RELANCE_PIECES_JOB } from './relance.job.js';

/**
 * The jobs of the module: the recount of missing pieces after a catalogue change, and the weekly
 * reminder of missing pieces, on Monday morning from the first one.
 */
export function sinistresJobs(deps: {
  db: Db;
  clock: Clock;
  pieces: PiecesRepository;
  appUrl: string;
}): JobDefinition[] {
  const { db, clock, pieces, appUrl } = deps;
  return [
    { kind: RECALCUL_PIECES_JOB, handler: createRecalculPiecesJob({ db, repo: pieces }) },
    {
      kind: RELANCE_PIECES_JOB,
      handler: createRelancePiecesJob({ db, clock, repo: pieces, appUrl }),
      recurrence: { first: prochaineRelance, next: prochaineRelance },
    },
  ];
}
