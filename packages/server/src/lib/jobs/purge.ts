import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type Clock, prochaineHeureParis } from '../clock.js';
import type { JobDefinition, JobLogger } from './queue.js';

export const PURGE_JOB = 'jobs.purge';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per DELETE: each statement is short, so a big backlog never holds a table's locks for long. */
const BATCH = 1000;

/** 03:45 in Paris: after the nightly work, whose finished jobs it may then remove a month later. */
export function prochainePurge(now: Date): Date {
  return prochaineHeureParis(now, 3, 45);
}

export type Retention = {
  /** Finished jobs, and finished schedules past the end of their period. */
  jobsDays: number;
  /** Sent (or, without SMTP, logged) mails. */
  mailsDays: number;
};

/** Deletes the rows `candidates` selects, BATCH at a time, each batch its own statement. */
async function deleteInBatches(db: Db, table: string, candidates: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute(sql`
      WITH removed AS (
        DELETE FROM ${sql.identifier(table)}
        WHERE id IN (SELECT id FROM ${sql.identifier(table)} WHERE ${candidates} LIMIT ${BATCH})
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM removed`);
    const count = (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
    total += count;
    if (count < BATCH) return total;
  }
}

/**
 * Removes what is finished and older than its retention: done or failed jobs, sent mails, and
 * schedules run or cancelled whose period ended (their key no longer needs guarding). Nothing
 * waiting or running is touched. Returns how many rows of each were removed.
 */
export async function purgeFinished(deps: { db: Db; clock: Clock; retention: Retention }) {
  const now = deps.clock.now().getTime();
  const jobsBefore = new Date(now - deps.retention.jobsDays * DAY_MS);
  const mailsBefore = new Date(now - deps.retention.mailsDays * DAY_MS);
  return {
    jobs: await deleteInBatches(deps.db, 'job', sql`status IN ('done', 'failed') AND finished_at < ${jobsBefore}`),
    mails: await deleteInBatches(
      deps.db,
      'outbox_mail',
      sql`status IN ('sent', 'logged') AND sent_at < ${mailsBefore}`,
    ),
    schedules: await deleteInBatches(
      deps.db,
      'job_schedule',
      sql`status IN ('done', 'failed', 'cancelled') AND keep_until < ${jobsBefore}`,
    ),
  };
}

/**
 * The nightly purge (declared in app.ts: infrastructure). `vacuum` for PGlite, which runs no
 * autovacuum: without it the deleted rows' space would never be reused.
 */
export function purgeJob(deps: {
  db: Db;
  clock: Clock;
  retention: Retention;
  vacuum: boolean;
  logger: JobLogger;
}): JobDefinition {
  return {
    kind: PURGE_JOB,
    handler: async () => {
      const removed = await purgeFinished(deps);
      if (deps.vacuum && removed.jobs + removed.mails + removed.schedules > 0) {
        await deps.db.execute(sql`VACUUM job, outbox_mail, job_schedule`);
      }
      deps.logger.info(removed, 'tâches, courriels et planifications terminés purgés');
    },
    recurrence: { first: prochainePurge, next: prochainePurge },
  };
}
