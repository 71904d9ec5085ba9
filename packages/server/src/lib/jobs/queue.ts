import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { job } from './job.table.js';
import { queueDueSchedules, SCHEDULE_PAYLOAD_FIELD, type ScheduleRun, scheduleKey } from './schedule.js';

/**
 * A job's work. A job that runs a planned schedule (`schedule.ts`) gets the schedule's payload and
 * its key, on which it makes its side effects idempotent: it may run again after a crash mid-way.
 */
export type JobHandler = (payload: Record<string, unknown>, schedule?: ScheduleRun) => Promise<void>;

/**
 * When a recurring job runs. The runner queues the next run when a run succeeds, so the chain
 * survives restarts without a scheduler process; a run that fails for good ends it until the
 * next start-up queues it again.
 */
export type JobRecurrence = {
  /** When the next run is due, `now` being the start of the run that just succeeded. */
  next: (now: Date) => Date;
  /** When the first run is due after a start-up at `now`; at once when omitted. */
  first?: (now: Date) => Date;
};

/**
 * A kind of job and its handler, declared by the module that owns it (`<module>.jobs.ts`), or by
 * the infrastructure in `lib`; app.ts gives them all to the runner, so that `lib` imports no module.
 */
export type JobDefinition = { kind: string; handler: JobHandler; recurrence?: JobRecurrence };

/** A job that runs every `ms` milliseconds, the first time at start-up. */
export function every(ms: number): JobRecurrence {
  return { next: (now) => new Date(now.getTime() + ms) };
}

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
  /** Set when the job carries a schedule that is still its own and still queued. */
  schedule_id: number | string | null;
  subject: string | null;
  period: string | null;
  due_at: Date | string | null;
  schedule_payload: Record<string, unknown> | null;
};

/** The schedule a claimed job runs; `null` for an ordinary job; `'stale'` when it must do nothing. */
function scheduleOf(j: ClaimedJob): ScheduleRun | null | 'stale' {
  if (j.payload[SCHEDULE_PAYLOAD_FIELD] === undefined) return null;
  // Cancelled before it started, or queued again by a later life of its key (another job carries it).
  if (j.schedule_id === null) return 'stale';
  const key = { kind: j.kind, subject: j.subject!, period: j.period! };
  return { ...key, id: Number(j.schedule_id), dueAt: new Date(j.due_at!), key: scheduleKey(key) };
}

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
  jobs: JobDefinition[];
  logger: JobLogger;
  pollMs: number;
  batchSize?: number;
  /** How often the leases are renewed while jobs run (real time). */
  heartbeatMs?: number;
}) {
  const workerId = randomUUID();
  const definitions = new Map<string, JobDefinition>();
  for (const definition of deps.jobs) {
    if (definitions.has(definition.kind)) throw new Error(`tâche « ${definition.kind} » déclarée deux fois`);
    definitions.set(definition.kind, definition);
  }
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
      WITH claimed AS (
        UPDATE job SET status = 'running', locked_at = ${now}, locked_by = ${workerId}, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM job
          WHERE (status = 'pending' AND run_at <= ${now}) OR (status = 'running' AND locked_at < ${stale})
          ORDER BY run_at, id
          LIMIT ${deps.batchSize ?? 10}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id, kind, payload, attempts, max_attempts, run_at
      )
      SELECT c.id, c.kind, c.payload, c.attempts, c.max_attempts,
        s.id AS schedule_id, s.subject, s.period, s.due_at, s.payload AS schedule_payload
      FROM claimed c
      LEFT JOIN job_schedule s
        ON s.id = (c.payload->>${SCHEDULE_PAYLOAD_FIELD}::text)::bigint AND s.job_id = c.id AND s.status = 'queued'
      ORDER BY c.run_at, c.id`);
    return (result as unknown as { rows: ClaimedJob[] }).rows;
  }

  /** A schedule's run is over when its job is; cancelled meanwhile, it ran all the same: done. */
  async function finishSchedule(scheduleId: number, jobId: number, status: 'done' | 'failed') {
    const now = deps.clock.now();
    await deps.db.execute(sql`
      UPDATE job_schedule SET status = ${status}, finished_at = ${now}, updated_at = ${now}
      WHERE id = ${scheduleId} AND job_id = ${jobId} AND status IN ('queued', 'cancelled')`);
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

  /** Runs the jobs due now, the schedules that came due included; returns how many were run. */
  async function runOnce(): Promise<number> {
    await queueDueSchedules(deps.db, deps.clock.now());
    const jobs = await claim();
    if (jobs.length === 0) return 0;
    const heart = setInterval(beat, deps.heartbeatMs ?? HEARTBEAT_MS);
    heart.unref();
    try {
      for (const j of jobs) {
        const definition = definitions.get(j.kind);
        let error: unknown = null;
        try {
          if (!definition) throw new Error(`aucun gestionnaire pour la tâche « ${j.kind} »`);
          const schedule = scheduleOf(j);
          const startedAt = deps.clock.now();
          if (schedule === null) {
            await definition.handler(j.payload);
            // Part of the run: if the next run cannot be queued, this one fails and is tried again.
            if (definition.recurrence) {
              await enqueueJob(deps.db, j.kind, {}, definition.recurrence.next(startedAt));
            }
          } else if (schedule !== 'stale') {
            await definition.handler(j.schedule_payload ?? {}, schedule);
            // Part of the run too: a crash before it runs the handler again, which its key makes harmless.
            await finishSchedule(schedule.id, j.id, 'done');
          }
        } catch (e) {
          error = e;
          deps.logger.error({ err: e, jobId: j.id, kind: j.kind }, 'échec d’une tâche');
        }
        // Before the job's own end: a crash between the two leaves a job that does nothing when taken again.
        if (error && j.attempts >= j.max_attempts && j.schedule_id !== null) {
          await finishSchedule(Number(j.schedule_id), j.id, 'failed');
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
    /**
     * At start-up: queues the first run of each recurring job, once — nothing is added while one is
     * pending or running, so a restart never doubles a chain.
     */
    async scheduleRecurring(now: Date) {
      for (const { kind, recurrence } of definitions.values()) {
        if (!recurrence) continue;
        const at = recurrence.first ? recurrence.first(now) : now;
        await deps.db.execute(sql`
          INSERT INTO job (kind, payload, run_at)
          SELECT ${kind}, '{}'::jsonb, ${at}
          WHERE NOT EXISTS (SELECT 1 FROM job WHERE kind = ${kind} AND status IN ('pending', 'running'))`);
      }
    },
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
