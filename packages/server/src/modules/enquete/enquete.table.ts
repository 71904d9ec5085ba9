import { ENQUETE_NATURES } from '@statutis/domain';
import { boolean, check, date, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

/** The employer's inquiry on an accident (one per sinistre). */
export const enqueteAdministrative = pgTable(
  'enquete_administrative',
  {
    sinistreId: uuid('sinistre_id')
      .primaryKey()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    nature: text('nature').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    heure: text('heure').notNull(),
    lieu: text('lieu').notNull(),
    horaires: text('horaires').notNull(),
    tache: text('tache').notNull(),
    circonstances: text('circonstances').notNull(),
    sieges: jsonb('sieges').$type<string[]>().notNull(),
    natureLesions: text('nature_lesions').notNull(),
    temoins: jsonb('temoins').$type<{ nom: string; prenom: string | null; coordonnees: string | null }[]>().notNull(),
    doute: boolean('doute').notNull(),
    motifDoute: text('motif_doute'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [check('enquete_administrative_nature_check', oneOf(t.nature, ENQUETE_NATURES))],
);
