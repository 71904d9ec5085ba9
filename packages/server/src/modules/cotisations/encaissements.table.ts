import {
  ENCAISSEMENT_MODES,
  ENCAISSEMENT_SOURCES,
  type LigneReleve,
  RELEVE_IMPORT_STATUTS,
  STATUTS_RAPPROCHEMENT,
} from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';
import { appUser } from '../users/users.table.js';
import { appelCotisation } from './cotisations.table.js';

/**
 * A bank statement imported by a gestionnaire (CSV or CAMT.053): analysed into its lines (the
 * review), then applied once — the money of its matched and partial lines recorded on the calls in
 * one transaction. Kept as the history of the organisation's statement imports.
 */
export const releveImport = pgTable(
  'releve_import',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The CDG, insurer or broker whose account the statement is (no foreign key: three tables). */
    organisationId: uuid('organisation_id').notNull(),
    nomFichier: text('nom_fichier').notNull(),
    format: text('format').notNull(),
    statut: text('statut').notNull(),
    /** Lines per matcher verdict, and debit lines left aside. */
    compteurs: jsonb('compteurs').$type<Record<string, number>>().notNull(),
    montantAffecte: bigint('montant_affecte', { mode: 'number' }).notNull().default(0),
    creePar: uuid('cree_par').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    appliquePar: uuid('applique_par').references(() => appUser.id, { onDelete: 'set null' }),
    appliqueLe: ts('applique_le'),
  },
  (t) => [
    index('releve_import_organisation_idx').on(t.organisationId, t.createdAt.desc(), t.id.desc()),
    check('releve_import_statut_check', oneOf(t.statut, RELEVE_IMPORT_STATUTS)),
    check('releve_import_format_check', oneOf(t.format, ['csv', 'camt053'])),
  ],
);

/**
 * One credit line of an imported statement, the matcher's verdict and the line itself (`source`,
 * matched again when the import is applied). Its fingerprint is unique per organisation among the
 * applied lines: the same payment is never recorded twice, even by two imports applied at once.
 */
export const releveLigne = pgTable(
  'releve_ligne',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => releveImport.id, { onDelete: 'cascade' }),
    ligne: integer('ligne').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    empreinte: text('empreinte').notNull(),
    statut: text('statut').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    montant: bigint('montant', { mode: 'number' }).notNull(),
    libelle: text('libelle').notNull(),
    emetteur: text('emetteur'),
    /** Numbers of the calls found in the line. */
    appels: jsonb('appels').$type<string[]>().notNull(),
    affecte: bigint('affecte', { mode: 'number' }).notNull().default(0),
    excedent: bigint('excedent', { mode: 'number' }).notNull().default(0),
    resteDu: bigint('reste_du', { mode: 'number' }).notNull().default(0),
    applique: boolean('applique').notNull().default(false),
    source: jsonb('source').$type<LigneReleve>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.ligne] }),
    uniqueIndex('releve_ligne_empreinte_idx').on(t.organisationId, t.empreinte).where(sql`${t.applique}`),
    check('releve_ligne_statut_check', oneOf(t.statut, STATUTS_RAPPROCHEMENT)),
  ],
);

/** A payment received on a call: entered by hand or applied from a statement line. */
export const encaissementCotisation = pgTable(
  'encaissement_cotisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appelId: uuid('appel_id')
      .notNull()
      .references(() => appelCotisation.id, { onDelete: 'cascade' }),
    montant: bigint('montant', { mode: 'number' }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reference: text('reference').notNull().default(''),
    mode: text('mode').notNull(),
    source: text('source').notNull(),
    releveImportId: uuid('releve_import_id').references(() => releveImport.id, { onDelete: 'set null' }),
    releveLigne: integer('releve_ligne'),
    creePar: uuid('cree_par').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('encaissement_cotisation_appel_idx').on(t.appelId, t.date, t.createdAt),
    check('encaissement_cotisation_montant_check', sql`${t.montant} > 0`),
    check('encaissement_cotisation_mode_check', oneOf(t.mode, ENCAISSEMENT_MODES)),
    check('encaissement_cotisation_source_check', oneOf(t.source, ENCAISSEMENT_SOURCES)),
  ],
);

/**
 * The reminders of unpaid échéances: one row per échéance, inserted (`ON CONFLICT DO NOTHING`) in
 * the transaction that queues the e-mails, which are queued only when this transaction inserted it:
 * an échéance is reminded exactly once, whatever runs the job.
 */
export const relanceEcheance = pgTable(
  'relance_echeance',
  {
    appelId: uuid('appel_id')
      .notNull()
      .references(() => appelCotisation.id, { onDelete: 'cascade' }),
    rang: integer('rang').notNull(),
    envoyeeLe: ts('envoyee_le').notNull(),
    destinataires: integer('destinataires').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appelId, t.rang] })],
);
