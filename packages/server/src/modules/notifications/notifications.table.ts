import { KINDS_NOTIFICATION } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { appUser } from '../users/users.table.js';

/**
 * What the bell shows a user: one row per user told, written in the transaction of the event, so a
 * rolled-back decision tells no one. The collectivité keeps a former member from reading those of a
 * collectivité he left (the list joins his active memberships).
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    titre: text('titre').notNull(),
    /** An app path, never a full address: the web app links to it. */
    lien: text('lien').notNull(),
    /** What it is about (`sinistre:<id>`, `appel:<id>`), to find a subject's notifications again. */
    sujet: text('sujet').notNull(),
    createdAt: createdAt(),
    lueLe: ts('lue_le'),
  },
  (t) => [
    check('notification_kind_check', oneOf(t.kind, KINDS_NOTIFICATION)),
    index('notification_user_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('notification_non_lue_idx').on(t.userId).where(sql`lue_le IS NULL`),
  ],
);
