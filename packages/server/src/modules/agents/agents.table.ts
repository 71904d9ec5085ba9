import { IMPORT_STATUTS, MOTIFS_DEPART, SEXES, STATUTS, TEMPS_TRAVAIL } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
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
import { nameKeySql, nameSortKeySql } from '../../db/search.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { regimeEnum } from '../contrats/contrats.table.js';
import { appUser } from '../users/users.table.js';

export const agent = pgTable(
  'agent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    /** 13 characters, without the key. */
    nir: text('nir').notNull(),
    nirCle: text('nir_cle'),
    nirTemporaire: boolean('nir_temporaire').notNull().default(false),
    nom: text('nom').notNull(),
    nomUsage: text('nom_usage'),
    prenom: text('prenom').notNull(),
    dateNaissance: date('date_naissance', { mode: 'string' }),
    sexe: text('sexe'),
    regime: regimeEnum('regime').notNull(),
    statut: text('statut').notNull(),
    dateEntree: date('date_entree', { mode: 'string' }).notNull(),
    emploi: text('emploi'),
    grade: text('grade'),
    tempsTravail: text('temps_travail'),
    /** Hundredths of an hour: 17 h 30 → 1750. */
    heuresHebdo: integer('heures_hebdo'),
    service: text('service'),
    dateDepart: date('date_depart', { mode: 'string' }),
    motifDepart: text('motif_depart'),
    /** « nom prénom » without accents nor capitals (nameSearchKey of the domain), for the search. */
    recherche: text('recherche')
      .notNull()
      .generatedAlwaysAs(sql.raw(nameKeySql("nom || ' ' || prenom"))),
    /** The French sort key of « nom, prénom » (nameSortKey of the domain); lists sort on it `COLLATE "C"`. */
    tri: text('tri')
      .notNull()
      .generatedAlwaysAs(sql.raw(nameSortKeySql('nom', 'prenom'))),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('agent_nir_idx').on(t.collectiviteId, t.nir),
    // The search by the beginning of a NIR (LIKE '184%') needs the pattern operators under any collation.
    index('agent_nir_prefixe_idx').on(t.collectiviteId, t.nir.op('text_pattern_ops')),
    // French order of names (first page and keyset pages of a large collectivité read it in order).
    index('agent_tri_idx').on(
      t.collectiviteId,
      sql`${t.tri} COLLATE "C"`,
      sql`${t.nom} COLLATE "C"`,
      sql`${t.prenom} COLLATE "C"`,
      t.id,
    ),
    // btree_gin puts the collectivité in the trigram index: a search reads its own agents' entries only.
    index('agent_recherche_trgm_idx').using('gin', t.collectiviteId, sql`${t.recherche} gin_trgm_ops`),
    check('agent_statut_check', oneOf(t.statut, STATUTS)),
    check('agent_temps_travail_check', oneOf(t.tempsTravail, TEMPS_TRAVAIL)),
    check('agent_sexe_check', oneOf(t.sexe, SEXES)),
    check('agent_motif_depart_check', oneOf(t.motifDepart, MOTIFS_DEPART)),
  ],
);

/** Employment history of an agent: each change of regime, status, job or working time with its effective date. */
export const agentEmploi = pgTable(
  'agent_emploi',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    dateEffet: date('date_effet', { mode: 'string' }).notNull(),
    regime: regimeEnum('regime').notNull(),
    statut: text('statut').notNull(),
    emploi: text('emploi'),
    grade: text('grade'),
    tempsTravail: text('temps_travail'),
    heuresHebdo: integer('heures_hebdo'),
    service: text('service'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('agent_emploi_agent_idx').on(t.collectiviteId, t.agentId, t.dateEffet),
    check('agent_emploi_statut_check', oneOf(t.statut, STATUTS)),
    check('agent_emploi_temps_travail_check', oneOf(t.tempsTravail, TEMPS_TRAVAIL)),
  ],
);

/** One roster import: its progress while it runs, then its outcome (counts or every error). */
export const listeImport = pgTable(
  'liste_import',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'set null' }),
    userLabel: text('user_label').notNull(),
    nomFichier: text('nom_fichier').notNull(),
    storageKey: text('storage_key').notNull(),
    taille: integer('taille').notNull(),
    statut: text('statut').notNull(),
    progression: integer('progression').notNull().default(0),
    lignes: integer('lignes').notNull().default(0),
    /** Lines of a valid file staged in import_agent_ligne so far (where an interrupted run resumes). */
    prepares: integer('prepares').notNull().default(0),
    crees: integer('crees').notNull().default(0),
    misAJour: integer('mis_a_jour').notNull().default(0),
    inchanges: integer('inchanges').notNull().default(0),
    nombreErreurs: integer('nombre_erreurs').notNull().default(0),
    /** Agents of the file still without a birth date, or without a working time, once written. */
    sansDateNaissance: integer('sans_date_naissance').notNull().default(0),
    sansTempsTravail: integer('sans_temps_travail').notNull().default(0),
    erreurs: jsonb('erreurs'),
    colonnesIgnorees: text('colonnes_ignorees').array(),
    encodage: text('encodage'),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('liste_import_collectivite_idx').on(t.collectiviteId, t.createdAt),
    check('liste_import_statut_check', oneOf(t.statut, IMPORT_STATUTS)),
  ],
);

/**
 * What a roster import will write, line by line, staged before being applied to `agent` in one
 * transaction: the import is all or nothing, yet the staging runs in short transactions that leave
 * the instance free. Nobody reads these rows but the import job; they go once the import is over.
 */
export const importAgentLigne = pgTable(
  'import_agent_ligne',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => listeImport.id, { onDelete: 'cascade' }),
    ligne: integer('ligne').notNull(),
    nir: text('nir').notNull(),
    nirCle: text('nir_cle'),
    nirTemporaire: boolean('nir_temporaire').notNull(),
    nom: text('nom').notNull(),
    nomUsage: text('nom_usage'),
    prenom: text('prenom').notNull(),
    sexe: text('sexe'),
    dateNaissance: date('date_naissance', { mode: 'string' }),
    regime: regimeEnum('regime').notNull(),
    statut: text('statut').notNull(),
    dateEntree: date('date_entree', { mode: 'string' }).notNull(),
    emploi: text('emploi'),
    grade: text('grade'),
    tempsTravail: text('temps_travail'),
    heuresHebdo: integer('heures_hebdo'),
    service: text('service'),
    dateDepart: date('date_depart', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.importId, t.ligne] })],
);
