import type { Db } from '../../db/client.js';
import type { Audit } from '../../lib/audit.js';
import { prochaineHeureParis } from '../../lib/clock.js';
import type { JobLogger } from '../../lib/jobs/queue.js';
import type { SinistreChanged } from './sinistre-changed.js';

export const RECONCILIATION_PIECES_JOB = 'sinistres.reconciliation_pieces';

/** The next 02:30 in Paris after `now`: the quietest hour (see `prochaineHeureParis` for the change of time). */
export function prochaineReconciliation(now: Date): Date {
  return prochaineHeureParis(now, 2, 30);
}

/**
 * Nightly (sinistres.jobs.ts): recounts every sinistre's missing pieces through `sinistreChanged`,
 * batch by batch (its listeners run too: the work queue's row is re-derived, which also follows a
 * change no writer signals, such as a contract's delay for pieces), and reports what was wrong — nothing, when every writer went through it. Any
 * drift is a bug to find: the log names the sinistres and the audit keeps the count.
 */
export function createReconciliationJob(deps: {
  db: Db;
  audit: Audit;
  changed: SinistreChanged;
  logger: JobLogger;
  batch?: number;
}) {
  return async () => {
    const fixed = await deps.changed.recountAll({ batch: deps.batch });
    if (fixed.length > 0)
      deps.logger.error(
        { corriges: fixed.length, sinistres: fixed.slice(0, 50) },
        'reconciliation_pieces: missing-pieces counts were wrong and were fixed',
      );
    else deps.logger.info({ corriges: 0 }, 'reconciliation_pieces: every missing-pieces count was right');
    await deps.audit.record(
      deps.db,
      { userId: null, userLabel: 'Statutis (tâche de nuit)', collectiviteId: null, ip: null },
      {
        entity: 'sinistre',
        action: 'reconciliation_pieces',
        changes: { corriges: fixed.length, sinistres: fixed.slice(0, 50).map((f) => f.id) },
      },
    );
  };
}
