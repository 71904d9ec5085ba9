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
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../db/columns.js';
import { cdg, collectivite } from '../collectivites/collectivites.table.js';
import { assureur } from '../contrats/contrats.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import { appUser } from '../users/users.table.js';

/** Who handles a file: one gestionnaire per sinistre at most (« M'attribuer », reassignment). */
export const gestionAttribution = pgTable(
  'gestion_attribution',
  {
    sinistreId: uuid('sinistre_id')
      .primaryKey()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    gestionnaireId: uuid('gestionnaire_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    attribuePar: uuid('attribue_par').notNull(),
    attribueLe: ts('attribue_le').notNull().defaultNow(),
  },
  (t) => [index('gestion_attribution_gestionnaire_idx').on(t.gestionnaireId)],
);

/** The collectivités a gestionnaire looks after (« mon portefeuille »). */
export const gestionPortefeuille = pgTable(
  'gestion_portefeuille',
  {
    gestionnaireId: uuid('gestionnaire_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.gestionnaireId, t.collectiviteId] })],
);

/** A gestionnaire's saved queue filters. */
export const gestionFiltre = pgTable(
  'gestion_filtre',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gestionnaireId: uuid('gestionnaire_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    nom: text('nom').notNull(),
    /** The queue's query parameters (kind, collectivité, assignee, flags), as the list accepts them. */
    criteres: jsonb('criteres').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('gestion_filtre_gestionnaire_idx').on(t.gestionnaireId, t.nom)],
);

/**
 * An organisation's sampling rule: a share of its files, drawn from the sinistre id (stable), and
 * every file whose estimated pay maintained reaches a threshold, are marked « à contrôler ».
 */
export const gestionEchantillonnage = pgTable(
  'gestion_echantillonnage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cdgId: uuid('cdg_id').references(() => cdg.id, { onDelete: 'cascade' }),
    assureurId: uuid('assureur_id').references(() => assureur.id, { onDelete: 'cascade' }),
    /** Percent of the files drawn at random (0 to 100). */
    pourcentage: integer('pourcentage').notNull().default(0),
    /** Cents: files whose arrêts' pay maintained (TBI × days / 30) reaches it; null: no threshold. */
    seuilMontant: bigint('seuil_montant', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('gestion_echantillonnage_organisation_check', sql`num_nonnulls(${t.cdgId}, ${t.assureurId}) = 1`),
    check('gestion_echantillonnage_pourcentage_check', sql`${t.pourcentage} BETWEEN 0 AND 100`),
    index('gestion_echantillonnage_cdg_idx').on(t.cdgId),
    index('gestion_echantillonnage_assureur_idx').on(t.assureurId),
  ],
);

/**
 * The work queue as rows: one per sinistre that waits for a handler (or has a deadline running),
 * kept by `refreshFile` in every writer's transaction (`sinistreChanged`) and re-derived nightly by
 * the reconciliation. Reading a page is then an index scan in urgency order instead of computing
 * every waiting file of the organisation; what depends on today (« échéance proche ») or on the
 * reader (assignee, sampling rule, scope) stays computed at read time.
 */
export const gestionFile = pgTable(
  'gestion_file',
  {
    sinistreId: uuid('sinistre_id')
      .primaryKey()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id').notNull(),
    /** The reasons it waits, `echeance` included when a deadline runs (sorted, distinct). */
    types: text('types').array().notNull(),
    depuis: ts('depuis').notNull(),
    echeance: date('echeance', { mode: 'string' }),
    /** `coalesce(echeance, SANS_ECHEANCE)`: the urgency order's first key, indexable as is. */
    cle: date('cle', { mode: 'string' }).notNull(),
    citis: boolean('citis').notNull(),
    tiersImplique: boolean('tiers_implique').notNull(),
    horsDelai: boolean('hors_delai').notNull(),
    rechute: boolean('rechute').notNull(),
  },
  (t) => [
    index('gestion_file_urgence_idx').on(t.cle, t.depuis, t.sinistreId),
    index('gestion_file_collectivite_idx').on(t.collectiviteId, t.cle, t.depuis, t.sinistreId),
  ],
);
