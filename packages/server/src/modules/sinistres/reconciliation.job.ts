import type { Db } from '../../db/client.js';
import type { Audit } from '../../lib/audit.js';
import type { JobLogger } from '../../lib/jobs/queue.js';
import type { SinistreChanged } from './sinistre-changed.js';

export const RECONCILIATION_PIECES_JOB = 'sinistres.reconciliation_pieces';

const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The next 02:30 in Paris after `now`: the quietest hour, and outside the change of time (which
 * happens between 2 and 3 only on two Sundays, when 02:30 either does not exist or comes twice —
 * then the first instant that reads 02:30, or 03:30 when none does, is taken).
 */
export function prochaineReconciliation(now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let d = 0; d < 3; d++) {
    // 02:30 in Paris is 00:30 UTC in summer, 01:30 UTC in winter.
    const [summer, winter] = [0, 1].map((h) => new Date(day + d * 86_400_000 + h * 3_600_000 + 30 * 60_000)) as [
      Date,
      Date,
    ];
    const at = [summer, winter].find((c) => parisClock.format(c) === '02:30') ?? winter;
    if (at > now) return at;
  }
  return new Date(now.getTime() + 86_400_000);
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
