import { integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';

/**
 * The reminders of a missing base de l’assurance: one row per collectivité and year, inserted in the
 * transaction that queues the e-mails (`ON CONFLICT DO NOTHING`), so the reminder goes at most once
 * per collectivité and year whatever runs the job, twice or on two instances.
 */
export const relanceBase = pgTable(
  'relance_base',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    annee: integer('annee').notNull(),
    envoyeeLe: ts('envoyee_le').notNull(),
    /** How many Administrateurs were written to (0: none had an account yet). */
    destinataires: integer('destinataires').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.annee] })],
);
