import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { jobSchedule } from './job.table.js';
import type { JobDefinition } from './queue.js';

/** What identifies a planned run: one run at most per key, however often it is planned. */
export type ScheduleKey = {
  /** The job kind that runs it, declared in its module's `<module>.jobs.ts`. */
  kind: string;
  /** What it is about, e.g. `sinistre:123`. */
  subject: string;
  /** Which occurrence, e.g. `2027-01-15/J-15`. */
  period: string;
};

export type SchedulePlan = ScheduleKey & {
  dueAt: Date;
  payload?: Record<string, unknown>;
  /** The end of the period (e.g. the deadline itself); the due date when omitted. */
  keepUntil?: Date;
};

/** What a scheduled job's handler receives besides the payload: its key, to make its effects idempotent. */
export type ScheduleRun = ScheduleKey & {
  id: number;
  dueAt: Date;
  /** `kind|subject|period`: one string to key a side effect on (a mail's idempotency key). */
  key: string;
};

/** The payload field by which a job carries its schedule (set by the runner only). */
export const SCHEDULE_PAYLOAD_FIELD = 'scheduleId';

export const scheduleKey = (k: ScheduleKey) => `${k.kind}|${k.subject}|${k.period}`;

/**
 * A job kind that runs planned schedules (declared in its module's `<module>.jobs.ts`): its handler
 * always gets the schedule's key, on which it keys its side effects.
 */
export function scheduledJob(
  kind: string,
  handler: (payload: Record<string, unknown>, schedule: ScheduleRun) => Promise<void>,
): JobDefinition {
  return {
    kind,
    handler: async (payload, schedule) => {
      if (!schedule) throw new Error(`la tâche « ${kind} » ne s’exécute que par une planification`);
      await handler(payload, schedule);
    },
  };
}

/** Keys per statement: 8 parameters a key, well under PostgreSQL's 65 535 parameters. */
const PLAN_BATCH = 1000;

/**
 * Plans runs in the caller's transaction, one statement per 1 000 keys. Idempotent by key: a key
 * already planned with the same values is left as it is; a key still waiting (planned, or cancelled)
 * takes the new due date and payload; a key already queued or run is never touched, so it never runs
 * twice. Returns how many keys were created and how many changed.
 */
export async function planSchedules(
  tx: Db,
  at: Date,
  plans: readonly SchedulePlan[],
): Promise<{ created: number; changed: number }> {
  // ON CONFLICT cannot update one row twice in a statement: the last plan of a key wins.
  const unique = [...new Map(plans.map((p) => [scheduleKey(p), p])).values()];
  const total = { created: 0, changed: 0 };
  for (let i = 0; i < unique.length; i += PLAN_BATCH) {
    const { created, changed } = await planBatch(tx, at, unique.slice(i, i + PLAN_BATCH));
    total.created += created;
    total.changed += changed;
  }
  return total;
}

async function planBatch(tx: Db, at: Date, plans: readonly SchedulePlan[]) {
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const rows = await tx
    .insert(jobSchedule)
    .values(
      plans.map((p) => ({
        kind: p.kind,
        subject: p.subject,
        period: p.period,
        dueAt: p.dueAt,
        payload: p.payload ?? {},
        keepUntil: p.keepUntil ?? p.dueAt,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoUpdate({
      target: [jobSchedule.subject, jobSchedule.kind, jobSchedule.period],
      set: {
        dueAt: excluded('due_at'),
        payload: excluded('payload'),
        keepUntil: excluded('keep_until'),
        status: 'planned',
        finishedAt: null,
        updatedAt: excluded('updated_at'),
      },
      setWhere: sql`${jobSchedule.status} = 'cancelled' OR (${jobSchedule.status} = 'planned' AND (
        ${jobSchedule.dueAt} IS DISTINCT FROM ${excluded('due_at')}
        OR ${jobSchedule.payload} IS DISTINCT FROM ${excluded('payload')}
        OR ${jobSchedule.keepUntil} IS DISTINCT FROM ${excluded('keep_until')}))`,
    })
    // xmax is 0 on a row this statement inserted, set on a row it updated.
    .returning({ created: sql<boolean>`xmax = 0` });
  const created = rows.filter((r) => r.created).length;
  return { created, changed: rows.length - created };
}

/** `planSchedules` for one key. */
export async function planSchedule(tx: Db, at: Date, plan: SchedulePlan) {
  return planSchedules(tx, at, [plan]);
}

/**
 * Cancels the runs of one or more subjects (all their kinds and periods unless narrowed) that have
 * not started: planned, or queued and not yet picked up (the job then does nothing). A run already
 * started finishes and is recorded done. Returns how many were cancelled.
 */
export async function cancelSchedules(
  tx: Db,
  at: Date,
  match: { subject: string | readonly string[]; kind?: string; period?: string },
): Promise<number> {
  const subjects = typeof match.subject === 'string' ? [match.subject] : [...match.subject];
  if (subjects.length === 0) return 0;
  const conditions: SQL[] = [
    inArray(jobSchedule.subject, subjects),
    inArray(jobSchedule.status, ['planned', 'queued']),
  ];
  if (match.kind !== undefined) conditions.push(eq(jobSchedule.kind, match.kind));
  if (match.period !== undefined) conditions.push(eq(jobSchedule.period, match.period));
  const rows = await tx
    .update(jobSchedule)
    .set({ status: 'cancelled', finishedAt: at, updatedAt: at })
    .where(and(...conditions))
    .returning({ id: jobSchedule.id });
  return rows.length;
}

/**
 * Turns the due planned runs into jobs, in one statement. The rows are locked with SKIP LOCKED and
 * their status is checked again once locked, so of two instances promoting at the same moment each
 * row goes to one only: a run is queued once. Returns how many were queued.
 */
export async function queueDueSchedules(db: Db, now: Date, limit = 100): Promise<number> {
  const result = await db.execute(sql`
    WITH due AS (
      SELECT id, kind FROM job_schedule
      WHERE status = 'planned' AND due_at <= ${now}
      ORDER BY due_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), queued AS (
      INSERT INTO job (kind, payload, run_at)
      SELECT kind, jsonb_build_object(${SCHEDULE_PAYLOAD_FIELD}::text, id), ${now} FROM due
      RETURNING id, (payload->>${SCHEDULE_PAYLOAD_FIELD}::text)::bigint AS schedule_id
    )
    UPDATE job_schedule s SET status = 'queued', job_id = q.id, updated_at = ${now}
    FROM queued q WHERE s.id = q.schedule_id
    RETURNING s.id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
