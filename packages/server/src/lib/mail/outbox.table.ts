import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';

export const OUTBOX_STATUSES = ['pending', 'sent', 'logged', 'failed'] as const;

/** Outgoing mail, written in the transaction of the change that causes it, sent after commit. */
export const outboxMail = pgTable(
  'outbox_mail',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status').notNull().default('pending'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
    /**
     * Set by a writer that may run twice (a retried job): the second queueing of the same key is a
     * no-op, so the mail leaves once. Unset for ordinary mails (NULLs never collide).
     */
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    check('outbox_mail_status_check', oneOf(t.status, OUTBOX_STATUSES)),
    uniqueIndex('outbox_mail_idempotency_key_idx').on(t.idempotencyKey),
    // The purge finds the old sent mails without reading the waiting ones.
    index('outbox_mail_sent_idx').on(t.sentAt).where(sql`status IN ('sent', 'logged')`),
  ],
);
