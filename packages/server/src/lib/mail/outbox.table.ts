import { bigserial, check, pgTable, text } from 'drizzle-orm/pg-core';
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
  },
  (t) => [check('outbox_mail_status_check', oneOf(t.status, OUTBOX_STATUSES))],
);
