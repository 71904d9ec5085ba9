import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { appUser } from '../users/users.table.js';

export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'set null' }),
    /** Kept as text so the trail survives the user's deletion. */
    userLabel: text('user_label'),
    /** The organisation a staff member acted for (« CDG du Nord »); null for the employer's users. */
    organisation: text('organisation'),
    /**
     * How the employer reads the author of a staff action (« Centre de gestion — Prénom NOM »),
     * fixed at write time so that a later change of name or organisation does not rewrite history.
     */
    signature: text('signature'),
    collectiviteId: uuid('collectivite_id').references(() => collectivite.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    changes: jsonb('changes'),
    ip: text('ip'),
  },
  (t) => [index('audit_event_collectivite_idx').on(t.collectiviteId, t.at)],
);
