import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
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
    check('job_status_check', oneOf(t.status, JOB_STATUSES)),
  ],
);
