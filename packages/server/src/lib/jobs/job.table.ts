import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;

/** Postgres-backed job queue, claimed with FOR UPDATE SKIP LOCKED (works on PGlite and PostgreSQL). */
export const job = pgTable(
  'job',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('pending'),
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedAt: ts('locked_at'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('job_pending_idx').on(t.runAt).where(sql`status = 'pending'`),
    // The purge finds the old finished jobs without reading the live ones.
    index('job_finished_idx').on(t.finishedAt).where(sql`status IN ('done', 'failed')`),
    check('job_status_check', oneOf(t.status, JOB_STATUSES)),
  ],
);

/**
 * planned → queued (a job carries it) → done | failed; planned or queued → cancelled; planning a
 * cancelled key again makes it planned.
 */
export const SCHEDULE_STATUSES = ['planned', 'queued', 'done', 'failed', 'cancelled'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/**
 * Work a module plans for a date (an alert 15 days before a deadline), one row per key
 * (kind, subject, period): planning the same key again never makes a second run. The runner turns
 * a due row into a job, once, whatever the number of instances.
 */
export const jobSchedule = pgTable(
  'job_schedule',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The job kind that runs it, declared by its module. */
    kind: text('kind').notNull(),
    /** What it is about, e.g. `sinistre:123`. */
    subject: text('subject').notNull(),
    /** Which occurrence, e.g. `2027-01-15/J-15`: a new period is a new run. */
    period: text('period').notNull(),
    dueAt: ts('due_at').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('planned'),
    /** The job that carries it once queued: a job queued for an earlier life of the key does nothing. */
    jobId: bigint('job_id', { mode: 'number' }),
    /**
     * The end of its period: the finished row (and so its key) is kept this long plus the retention,
     * so that planning the key again in the meantime finds it and does not run it twice.
     */
    keepUntil: ts('keep_until').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    // Subject first: a module cancels everything of a subject (a file closed) through this index.
    uniqueIndex('job_schedule_key_idx').on(t.subject, t.kind, t.period),
    index('job_schedule_due_idx').on(t.dueAt).where(sql`status = 'planned'`),
    index('job_schedule_finished_idx').on(t.keepUntil).where(sql`status IN ('done', 'failed', 'cancelled')`),
    check('job_schedule_status_check', oneOf(t.status, SCHEDULE_STATUSES)),
  ],
);
