import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat } from '../contrats/contrats.table.js';

/**
 * The loss ratio's sums per collectivité, contract and year (issue 11), kept exact by triggers of the
 * migration in the same statement as every write of what they sum — bases de l'assurance (premiums:
 * the réelle once declared, else the prévisionnelle), validated décomptes (by the year of their
 * period) and the status of their règlements (paid or not) — so the S/P page reads one row per line
 * instead of aggregating the décomptes (see docs/ARCHITECTURE.md, « Rapport S/P »). Nobody writes it
 * but those triggers.
 */
export const sinistraliteTotal = pgTable(
  'sinistralite_total',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    annee: integer('annee').notNull(),
    /** Cents: the cotisation of the year's base (réelle, else prévisionnelle); 0 without base. */
    primes: bigint('primes', { mode: 'number' }).notNull().default(0),
    /** Which base the premiums come from; null without base. */
    baseType: text('base_type'),
    /** Cents: validated décomptes of the year whose règlement is paid. */
    regle: bigint('regle', { mode: 'number' }).notNull().default(0),
    /** Cents: validated décomptes of the year not paid yet. */
    du: bigint('du', { mode: 'number' }).notNull().default(0),
    /** Validated décomptes of the year: a line shows with a base or at least one of them. */
    decomptes: integer('decomptes').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.collectiviteId, t.contratId, t.annee] }),
    index('sinistralite_total_annee_idx').on(t.annee, t.contratId),
  ],
);
