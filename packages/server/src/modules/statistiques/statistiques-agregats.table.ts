import type { AgregatStat, TLigneCdg } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { cdg, collectivite } from '../collectivites/collectivites.table.js';

/** A line of the CDG's list but what the page adds: the collectivité's name, its rank. */
export type LigneStockee = Omit<TLigneCdg, 'collectivite' | 'rang' | 'sur'>;

/**
 * The CDG dashboard's precomputed counts (issue 12): one row per collectivité and span of years
 * (`annee_debut` to `annee_fin`, every span within the last 5 years), computed by the job
 * `statistiques_agregats` from the same inputs and domain functions as the collectivité's own page.
 * `agregat` holds what the indicators need (domain `AgregatStat`); the scalar columns are what the
 * list sorts and ranks on in SQL. `calcule_le` is shown on screen (« Chiffres au … »). Each span is
 * computed twice, maternity excluded and included (the page's option, as on the collectivité's page).
 */
export const statistiquesAgregat = pgTable(
  'statistiques_agregat',
  {
    anneeDebut: integer('annee_debut').notNull(),
    anneeFin: integer('annee_fin').notNull(),
    /** `OptionsStat.maternite` of the computation. */
    maternite: text('maternite').$type<'exclue' | 'incluse'>().notNull(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    /**
     * The collectivité's CDG when computed: the page reads one CDG's rows of a span by index instead of
     * joining its thousand collectivités (the scope's filter still applies).
     */
    cdgId: uuid('cdg_id')
      .notNull()
      .references(() => cdg.id, { onDelete: 'cascade' }),
    /** Calendar days of the span as computed (a running year stops at the day of the computation). */
    joursPeriode: integer('jours_periode').notNull(),
    /** Fractional when the headcount is a base's figure weighted by the days of each year. */
    joursAgents: doublePrecision('jours_agents').notNull(),
    jours: integer('jours').notNull(),
    arrets: integer('arrets').notNull(),
    /** CNRACL agents on the staff on the span's last day: the size stratum. */
    agentsCnracl: integer('agents_cnracl').notNull(),
    strate: text('strate').notNull(),
    /** S/P over the span, cents: premiums and sinistres (réglé + à régler) of `modules/sinistralite`. */
    primes: bigint('primes', { mode: 'number' }).notNull(),
    sinistres: bigint('sinistres', { mode: 'number' }).notNull(),
    /** On the day of the computation: arrêts running for more than 90 days, CITIS still open. */
    arretsLongs: integer('arrets_longs').notNull(),
    citisOuverts: integer('citis_ouverts').notNull(),
    agregat: jsonb('agregat').$type<AgregatStat>().notNull(),
    /**
     * The collectivité's line of the page as computed with the aggregate (its indicators' values and
     * texts, hidden ones with their reason): a page reads 20 of them instead of computing them.
     */
    ligne: jsonb('ligne').$type<LigneStockee>().notNull(),
    /**
     * Rank by taux within the stratum of the CDG (1 = lowest, equal taux share a rank) among the
     * collectivités whose taux is shown; null for a hidden one. `sur`: how many are ranked in the
     * stratum. Rewritten with every write of the CDG's rows, in the same transaction: a rank is always
     * that of the rows as they stand, as fresh as the oldest of them (the date on screen).
     */
    rang: integer('rang'),
    sur: integer('sur').notNull().default(0),
    calculeLe: ts('calcule_le').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.anneeDebut, t.anneeFin, t.maternite, t.collectiviteId] }),
    index('statistiques_agregat_collectivite_idx').on(t.collectiviteId),
    index('statistiques_agregat_cdg_idx').on(t.cdgId, t.anneeDebut, t.anneeFin, t.maternite),
    check('statistiques_agregat_maternite_check', sql`${t.maternite} IN ('exclue', 'incluse')`),
  ],
);

/**
 * The CDG's sums of a span, one row per CDG and span of years, rewritten by the job in the very
 * transaction that writes its collectivités' rows (`statistiques_agregat`): `strates` holds, per size
 * stratum, the sums of those rows (the same SQL the page would run), so that the CDG dashboard reads one
 * row instead of summing a thousand aggregates per request.
 */
export const statistiquesAgregatCdg = pgTable(
  'statistiques_agregat_cdg',
  {
    cdgId: uuid('cdg_id')
      .notNull()
      .references(() => cdg.id, { onDelete: 'cascade' }),
    anneeDebut: integer('annee_debut').notNull(),
    anneeFin: integer('annee_fin').notNull(),
    maternite: text('maternite').$type<'exclue' | 'incluse'>().notNull(),
    /** `StrateSommeRow[]` of `statistiques-cdg.repository.ts`: one element per stratum with collectivités. */
    strates: jsonb('strates').notNull(),
    calculeLe: ts('calcule_le').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cdgId, t.anneeDebut, t.anneeFin, t.maternite] }),
    check('statistiques_agregat_cdg_maternite_check', sql`${t.maternite} IN ('exclue', 'incluse')`),
  ],
);

/**
 * The collectivités whose inputs changed since their aggregates were computed, marked by statement
 * triggers on the tables the statistics read (custom SQL of the migration), in the writer's
 * transaction: no writer can forget it. No foreign key: a marker of a deleted collectivité is dropped
 * by the next refresh.
 */
export const statistiquesARecalculer = pgTable('statistiques_a_recalculer', {
  collectiviteId: uuid('collectivite_id').primaryKey(),
  depuis: ts('depuis').notNull().defaultNow(),
});
