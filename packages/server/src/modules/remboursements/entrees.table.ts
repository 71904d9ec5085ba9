import { ANTECEDENT_CATEGORIES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { agent } from '../agents/agents.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

/** Who saved a row, as the employer reads it (`signature`, or the user's name), and when. */
const saisie = () => ({
  saisiPar: text('saisi_par').notNull(),
  saisiLe: ts('saisi_le').notNull(),
});

/**
 * An agent's salary elements for one calendar month (a payslip differs from month to month), in
 * cents; RI and CP are the base's percentages of TBI, so they are not stored (domain §6.1.8).
 */
export const salaireMensuel = pgTable(
  'salaire_mensuel',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id, { onDelete: 'cascade' }),
    /** `YYYY-MM`. */
    mois: text('mois').notNull(),
    tbi: bigint('tbi', { mode: 'number' }),
    nbi: bigint('nbi', { mode: 'number' }),
    sft: bigint('sft', { mode: 'number' }),
    ir: bigint('ir', { mode: 'number' }),
    ...saisie(),
  },
  (t) => [
    primaryKey({ columns: [t.collectiviteId, t.agentId, t.mois] }),
    check('salaire_mensuel_mois_check', sql`${t.mois} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/**
 * A period of IJSS from a CPAM statement (IRCANTEC), deducted by the engine (domain §6.1.14): the
 * daily amount or the period's total, one of the two.
 */
export const ijss = pgTable(
  'ijss',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    du: date('du', { mode: 'string' }).notNull(),
    au: date('au', { mode: 'string' }).notNull(),
    montantJournalier: bigint('montant_journalier', { mode: 'number' }),
    montantTotal: bigint('montant_total', { mode: 'number' }),
    ...saisie(),
  },
  (t) => [
    index('ijss_sinistre_idx').on(t.sinistreId, t.du),
    check('ijss_periode_check', sql`${t.du} <= ${t.au}`),
    check('ijss_montant_check', sql`(${t.montantJournalier} IS NULL) <> (${t.montantTotal} IS NULL)`),
  ],
);

/**
 * Leave an agent took before he came into Statutis (« antécédents »): the rolling-year rules count
 * those days (domain §6.1.4–6).
 */
export const antecedent = pgTable(
  'antecedent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id, { onDelete: 'cascade' }),
    categorie: text('categorie').notNull(),
    du: date('du', { mode: 'string' }).notNull(),
    au: date('au', { mode: 'string' }).notNull(),
    ...saisie(),
  },
  (t) => [
    index('antecedent_agent_idx').on(t.collectiviteId, t.agentId, t.du),
    check('antecedent_categorie_check', oneOf(t.categorie, ANTECEDENT_CATEGORIES)),
    check('antecedent_periode_check', sql`${t.du} <= ${t.au}`),
  ],
);
