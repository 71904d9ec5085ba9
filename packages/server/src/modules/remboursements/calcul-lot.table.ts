import { CALCUL_LOT_STATUTS } from '@statutis/domain';
import { check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import type { Organisation } from '../../lib/scope.js';
import { appUser } from '../users/users.table.js';

/**
 * One « calcul des décomptes de la période » (issue 10): who launched it for which organisation, its
 * progress while the job runs (where an interrupted run resumes: `dernier_id`), then its counts — or,
 * when the run fails as a whole, `echec` and its `message`.
 */
export const calculLot = pgTable(
  'calcul_lot',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation whose files are costed: the job rebuilds the launcher's scope from it. */
    organisation: jsonb('organisation').$type<Organisation>().notNull(),
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'set null' }),
    userLabel: text('user_label').notNull(),
    periodeDu: date('periode_du', { mode: 'string' }).notNull(),
    periodeAu: date('periode_au', { mode: 'string' }).notNull(),
    statut: text('statut').notNull(),
    total: integer('total').notNull().default(0),
    traites: integer('traites').notNull().default(0),
    calcules: integer('calcules').notNull().default(0),
    sansMontant: integer('sans_montant').notNull().default(0),
    erreurs: integer('erreurs').notNull().default(0),
    aCompleter: jsonb('a_completer')
      .$type<{ sinistreId: string; numero: string; agent: string; mois: string[] }[]>()
      .notNull()
      .default([]),
    dernierId: uuid('dernier_id'),
    /** Why a run ended in `echec`, in French, as the handler reads it. */
    message: text('message'),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('calcul_lot_user_idx').on(t.userId, t.createdAt),
    check('calcul_lot_statut_check', oneOf(t.statut, CALCUL_LOT_STATUTS)),
  ],
);
