import { IMPUTABILITE_DECISIONS, REQUALIFICATION_STATUTS, RISQUES, SINISTRE_STATUTS } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { agent } from '../agents/agents.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat } from '../contrats/contrats.table.js';

/** A claim: one health event of one agent, under the contract of his regime. */
export const sinistre = pgTable(
  'sinistre',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as « 2026-000123 » with the year of occurrence. */
    numero: bigserial('numero', { mode: 'number' }).notNull(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id),
    categorie: text('categorie').notNull(),
    dateSurvenance: date('date_survenance', { mode: 'string' }).notNull(),
    tiersImplique: boolean('tiers_implique').notNull(),
    recoursTiers: text('recours_tiers'),
    commentaire: text('commentaire'),
    statut: text('statut').notNull(),
    horsDelai: boolean('hors_delai').notNull().default(false),
    /** Accidents: the imputability decision, its date, and whether the agent stopped work. */
    imputabilite: text('imputabilite'),
    imputabiliteDate: date('imputabilite_date', { mode: 'string' }),
    arretTravail: boolean('arret_travail'),
    /**
     * How many mandatory pieces are missing: kept by the pieces repository's `recomputeManquantes`
     * after every change that can alter it, so that the missing-pieces list of a large collectivité
     * reads only its incomplete sinistres.
     */
    piecesManquantes: integer('pieces_manquantes').notNull().default(0),
    /**
     * Set by a change of inputs after a validated décompte (requalification, salary, IJSS, arrêt,
     * reprise, contre-visite, antécédent): the reimbursement from this day must be recomputed (the
     * reimbursement engine clears it once done).
     */
    remboursementARecalculerDepuis: date('remboursement_a_recalculer_depuis', { mode: 'string' }),
    /** Why (French, for the handler): the change of inputs that set the date above (`marquerRecalcul`). */
    remboursementRecalculMotif: text('remboursement_recalcul_motif'),
    /** When a handler first examined the file: until then it waits in the work queue as « nouveau sinistre ». */
    examineLe: ts('examine_le'),
    examinePar: uuid('examine_par'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    index('sinistre_collectivite_idx').on(t.collectiviteId, t.dateSurvenance),
    index('sinistre_incomplet_idx').on(t.collectiviteId, t.dateSurvenance).where(sql`${t.piecesManquantes} > 0`),
    index('sinistre_incomplet_statut_idx')
      .on(t.collectiviteId, t.statut, t.dateSurvenance)
      .where(sql`${t.piecesManquantes} > 0`),
    index('sinistre_collectivite_statut_idx').on(t.collectiviteId, t.statut, t.dateSurvenance),
    index('sinistre_collectivite_categorie_idx').on(t.collectiviteId, t.categorie, t.dateSurvenance),
    index('sinistre_agent_idx').on(t.collectiviteId, t.agentId),
    // A contract's sinistres per collectivité: the renewal's split and switch (issue 11).
    index('sinistre_contrat_idx').on(t.contratId, t.collectiviteId),
    check('sinistre_statut_check', oneOf(t.statut, SINISTRE_STATUTS)),
    check('sinistre_categorie_check', oneOf(t.categorie, RISQUES)),
    check('sinistre_imputabilite_check', oneOf(t.imputabilite, IMPUTABILITE_DECISIONS)),
    // The work queue reads only the open files nobody examined yet, and those with a deadline running.
    index('sinistre_corbeille_nouveau_idx')
      .on(t.collectiviteId)
      .where(sql`${t.statut} = 'ouvert' AND ${t.examineLe} IS NULL`),
    index('sinistre_corbeille_echeance_idx')
      .on(t.collectiviteId)
      .where(
        sql`${t.statut} = 'ouvert' AND (${t.piecesManquantes} > 0 OR (${t.imputabilite} IS NULL AND ${t.categorie} IN ('accident_service', 'accident_trajet', 'maladie_professionnelle')))`,
      ),
  ],
);

/** A request to change a sinistre's category, for the handler's decision. */
export const requalification = pgTable(
  'requalification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    de: text('de').notNull(),
    vers: text('vers').notNull(),
    motif: text('motif').notNull(),
    statut: text('statut').notNull(),
    demandePar: text('demande_par').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('requalification_sinistre_idx').on(t.sinistreId),
    check('requalification_statut_check', oneOf(t.statut, REQUALIFICATION_STATUTS)),
    check('requalification_de_check', oneOf(t.de, RISQUES)),
    check('requalification_vers_check', oneOf(t.vers, RISQUES)),
    index('requalification_demandee_idx').on(t.collectiviteId, t.sinistreId).where(sql`${t.statut} = 'demandee'`),
  ],
);

/** Comments on a sinistre; a handler's comment is unread until the collectivité opens it. */
export const commentaire = pgTable(
  'commentaire',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    auteur: text('auteur').notNull(),
    gestion: boolean('gestion').notNull(),
    texte: text('texte').notNull(),
    luLe: ts('lu_le'),
    /** When a handler read the employer's comment: until then it waits in the work queue. */
    luGestionLe: ts('lu_gestion_le'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('commentaire_sinistre_idx').on(t.sinistreId, t.createdAt),
    // The home page and the sinistres search find a collectivité's unread handler comments from it alone.
    index('commentaire_non_lu_idx').on(t.collectiviteId, t.sinistreId).where(sql`${t.gestion} AND ${t.luLe} IS NULL`),
    index('commentaire_non_lu_gestion_idx')
      .on(t.collectiviteId, t.sinistreId)
      .where(sql`NOT ${t.gestion} AND ${t.luGestionLe} IS NULL`),
  ],
);
