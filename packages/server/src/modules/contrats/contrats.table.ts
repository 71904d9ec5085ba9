import { FRANCHISE_UNITES, HORS_DELAI_REGLES, RISQUES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, oneOf } from '../../db/columns.js';
import { cdg, collectivite } from '../collectivites/collectivites.table.js';

export const regimeEnum = pgEnum('regime', ['CNRACL', 'IRCANTEC']);

/** The parties to a contract besides the CDG (`scope.ts` names the organisation by it). */
export const ASSUREUR_KINDS = ['assureur', 'courtier'] as const;

/** Insurers and brokers are parties to contracts. */
export const assureur = pgTable(
  'assureur',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nom: text('nom').notNull(),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assureur_nom_kind_idx').on(t.nom, t.kind),
    check('assureur_kind_check', oneOf(t.kind, ASSUREUR_KINDS)),
  ],
);

export const contrat = pgTable('contrat', {
  id: uuid('id').primaryKey().defaultRandom(),
  numero: text('numero').notNull().unique(),
  libelle: text('libelle').notNull(),
  regime: regimeEnum('regime').notNull(),
  cdgId: uuid('cdg_id').references(() => cdg.id),
  assureurId: uuid('assureur_id').references(() => assureur.id),
  courtierId: uuid('courtier_id').references(() => assureur.id),
  dateEffet: date('date_effet', { mode: 'string' }).notNull(),
  dateFin: date('date_fin', { mode: 'string' }),
  preavisAssureurMois: integer('preavis_assureur_mois').notNull().default(6),
  preavisAssureMois: integer('preavis_assure_mois').notNull().default(4),
  /** Thousandths of a percent: 6,500 % → 6500 (domain TAUX_SCALE). */
  tauxCotisation: integer('taux_cotisation').notNull().default(0),
  /** Optional base elements the contract may insure, beyond TBI: nbi, sft, ir, ri, cp. */
  elementsAssurables: text('elements_assurables').array().notNull().default(sql`'{}'::text[]`),
  /**
   * The contract that succeeded this one at its renewal (issue 11): set by the switch, which also
   * ends this one on the successor's eve. The chains started before stay here (domain §10).
   */
  successeurId: uuid('successeur_id').references((): AnyPgColumn => contrat.id),
  createdAt: createdAt(),
});

/** One cover per risk of a contract, with its franchise, reimbursement rate and deadlines. */
export const garantie = pgTable(
  'garantie',
  {
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    risque: text('risque').notNull(),
    couvert: boolean('couvert').notNull(),
    franchiseNombre: integer('franchise_nombre').notNull(),
    franchiseUnite: text('franchise_unite').notNull(),
    remboursementPct: integer('remboursement_pct').notNull(),
    delaiDeclarationJours: integer('delai_declaration_jours').notNull(),
    delaiPiecesJours: integer('delai_pieces_jours').notNull(),
    delaiPiecesMedicalesJours: integer('delai_pieces_medicales_jours').notNull(),
    delaiDecesJours: integer('delai_deces_jours').notNull(),
    /** An arrêt declared past the deadline: refused, or covered from its reception (domain §6.1.12). */
    horsDelaiRegle: text('hors_delai_regle').notNull().default('couverture_a_reception'),
    /** A rechute after a return longer than 48 h starts a new franchise (domain §6.1.1). */
    rechuteNouvelleFranchise: boolean('rechute_nouvelle_franchise').notNull().default(true),
    /** The décès garantie's capital, in cents; null when it pays none. */
    capitalDeces: bigint('capital_deces', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.contratId, t.risque] }),
    check('garantie_risque_check', oneOf(t.risque, RISQUES)),
    check('garantie_franchise_unite_check', oneOf(t.franchiseUnite, FRANCHISE_UNITES)),
    check('garantie_hors_delai_regle_check', oneOf(t.horsDelaiRegle, HORS_DELAI_REGLES)),
  ],
);

/** Files are kept behind the storage interface; the table holds their name, size and SHA-256. */
export const contratDocument = pgTable(
  'contrat_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    nom: text('nom').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    taille: integer('taille').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('contrat_document_contrat_idx').on(t.contratId)],
);

export const adhesion = pgTable(
  'adhesion',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    dateAdhesion: date('date_adhesion', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.contratId] })],
);
