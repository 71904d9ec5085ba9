import { bigserial, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../db/columns.js';

/** Outgoing mail, written in the transaction of the change that causes it, sent after commit. */
export const outboxMail = pgTable('outbox_mail', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  status: text('status').notNull().default('pending'), // pending | sent | logged | failed
  sentAt: ts('sent_at'),
  createdAt: createdAt(),
});
