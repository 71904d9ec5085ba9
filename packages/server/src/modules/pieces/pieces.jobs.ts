import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { JobDefinition } from '../../lib/jobs/queue.js';
import type { SinistreChanged } from '../sinistres/sinistre-changed.js';
import type { PiecesRepository } from './pieces.repository.js';
import { createRelancePiecesJob, prochaineRelance, RELANCE_PIECES_JOB } from './relance.job.js';

/** The kind keeps its first name: jobs queued before the split still find their handler. */
export const RECALCUL_PIECES_JOB = 'sinistres.recalcul_pieces';

/**
 * The jobs of the module: the recount of a category's sinistres after its catalogue changed
 * (through `sinistreChanged`, batch by batch), and the weekly reminder of missing pieces, on Monday
 * morning from the first one.
 */
export function piecesJobs(deps: {
  db: Db;
  clock: Clock;
  pieces: PiecesRepository;
  changed: SinistreChanged;
  appUrl: string;
}): JobDefinition[] {
  const { db, clock, pieces, appUrl } = deps;
  return [
    {
      kind: RECALCUL_PIECES_JOB,
      handler: async (payload) => {
        await deps.changed.recountAll({ categorie: String(payload.categorie) });
      },
    },
    {
      kind: RELANCE_PIECES_JOB,
      handler: createRelancePiecesJob({ db, clock, repo: pieces, appUrl }),
      recurrence: { first: prochaineRelance, next: prochaineRelance },
    },
  ];
}
