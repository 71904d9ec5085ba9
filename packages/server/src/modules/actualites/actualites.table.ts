import { date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.js';
import { appUser } from '../users/users.table.js';

export const actualite = pgTable(
  'actualite',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titre: text('titre').notNull(),
    contenu: text('contenu').notNull(),
    publieeLe: date('publiee_le', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('actualite_publiee_idx').on(t.publieeLe)],
);
