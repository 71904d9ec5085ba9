import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { job } from './job.table.js';

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export type JobLogger = {
  error(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
};

/**
 * Enqueues a job with the caller's transaction: it exists only if the change commits. `runAt`
 * comes from the caller's clock, the same one the runner compares it with.
 */
export async function enqueueJob(tx: Db, kind: string, payload: Record<string, unknown>, runAt: Date) {
  await tx.insert(job).values({ kind, payload, runAt });
}

type ClaimedJob = {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
};

/**
 * A claimed job is leased: `locked_at` is its runner's last heartbeat. A runner renews the leases of
 * the jobs it holds every HEARTBEAT_MS while it works; a job whose lease is older than LEASE_MS
 * belongs to a runner that died (kill -9, lost machine) and is offered again — with the runners'
 * polling, within a minute. The margin (4.5 heartbeats) absorbs a busy event loop or a slow database.
 */
export const HEARTBEAT_MS = 10_000;
export const LEASE_MS = 45_000;

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED, so several instances share the queue and each job
 * runs once; a failed job is retried later with an exponential delay.
 */
export function createJobRunner(deps: {
  db: Db;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  logger: JobLogger;
  pollMs: number;
  batchSize?: number;
  /** How often the leases are renewed while jobs run (real time). */
  heartbeatMs?: number;
}) {
  const workerId = randomUUID();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let beating: Promise<void> | null = null;

  /**
   * Renews the lease of every job this runner holds, the running one and those of its batch still
   * waiting. Automatic while jobs run: a job never has to call it.
   */
  async function heartbeat(): Promise<void> {
    await deps.db.execute(
      sql`UPDATE job SET locked_at = ${deps.clock.now()} WHERE locked_by = ${workerId} AND status = 'running'`,
    );
  }

  /** One heartbeat at a time: on PGlite's single connection a renewal waits behind a job's transaction. */
  function beat() {
    if (beating) return;
    beating = heartbeat()
      .catch((e) => deps.logger.error({ err: e }, 'renouvellement du bail des tâches impossible'))
      .finally(() => {
        beating = null;
      });
  }

  async function claim(): Promise<ClaimedJob[]> {
    const now = deps.clock.now();
    const stale = new Date(now.getTime() - LEASE_MS);
    const result = await deps.db.execute(sql`
      UPDATE job SET status = 'running', locked_at = ${now}, locked_by = ${workerId}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM job
        WHERE (status = 'pending' AND run_at <= ${now}) OR (status = 'running' AND locked_at < ${stale})
        ORDER BY run_at, id
        LIMIT ${deps.batchSize ?? 10}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, kind, payload, attempts, max_attempts`);
    return (result as unknown as { rows: ClaimedJob[] }).rows;
  }

  async function finish(id: number, error: unknown, attempts: number, maxAttempts: number) {
    const now = deps.clock.now();
    if (!error) {
      await deps.db.execute(
        sql`UPDATE job SET status = 'done', finished_at = ${now}, locked_by = NULL WHERE id = ${id} AND locked_by = ${workerId}`,
      );
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const failed = attempts >= maxAttempts;
    const retryAt = new Date(now.getTime() + Math.min(2 ** attempts * 15_000, 3_600_000));
    await deps.db.execute(sql`
      UPDATE job SET status = ${failed ? 'failed' : 'pending'}, run_at = ${retryAt}, last_error = ${message.slice(0, 2000)},
        locked_by = NULL, finished_at = ${failed ? now : null}
      WHERE id = ${id} AND locked_by = ${workerId}`);
  }

  /** Runs the jobs due now; returns how many were run. */
  async function runOnce(): Promise<number> {
    const jobs = await claim();
    if (jobs.length === 0) return 0;
    const heart = setInterval(beat, deps.heartbeatMs ?? HEARTBEAT_MS);
    heart.unref();
    try {
      for (const j of jobs) {
        const handler = deps.handlers[j.kind];
        let error: unknown = null;
        try {
          if (!handler) throw new Error(`aucun gestionnaire pour la tâche « ${j.kind} »`);
          await handler(j.payload);
        } catch (e) {
          error = e;
          deps.logger.error({ err: e, jobId: j.id, kind: j.kind }, 'échec d’une tâche');
        }
        await finish(j.id, error, j.attempts, j.max_attempts);
      }
    } finally {
      clearInterval(heart);
      await beating;
    }
    return jobs.length;
  }

  async function tick() {
    if (stopped) return;
    try {
      running = runOnce();
      const count = await running;
      // A full batch suggests more work is waiting: go again at once.
      timer = setTimeout(tick, count >= (deps.batchSize ?? 10) ? 0 : deps.pollMs);
    } catch (e) {
      deps.logger.error({ err: e }, 'file des tâches indisponible');
      timer = setTimeout(tick, deps.pollMs * 5);
    } finally {
      running = null;
    }
  }

  return {
    workerId,
    runOnce,
    heartbeat,
    /** Runs until nothing is due (tests, and draining before shutdown). */
    async drain(): Promise<number> {
      let total = 0;
      for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
      return total;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
