import { PIECE_DOCUMENT_STATUTS, PIECE_ETAPES, PIECE_STATUTS_PRESENTS, RISQUES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { arret } from '../arrets/arrets.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { regimeEnum } from '../contrats/contrats.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

/**
 * The catalogue of pieces per category and step (domain §5), seeded from the domain's default
 * catalogue and edited by the platform administrator. A row is deactivated, never deleted.
 */
export const pieceModele = pgTable(
  'piece_modele',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categorie: text('categorie').notNull(),
    /** Null: every regime. */
    regime: regimeEnum('regime'),
    code: text('code').notNull(),
    libelle: text('libelle').notNull(),
    etape: text('etape').notNull(),
    obligatoire: boolean('obligatoire').notNull(),
    medicale: boolean('medicale').notNull(),
    aide: text('aide'),
    ordre: integer('ordre').notNull(),
    actif: boolean('actif').notNull().default(true),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('piece_modele_code_idx').on(t.categorie, t.code),
    check('piece_modele_categorie_check', oneOf(t.categorie, RISQUES)),
    check('piece_modele_etape_check', oneOf(t.etape, PIECE_ETAPES)),
  ],
);

/** A deposited supporting document; the file itself is behind the storage interface. */
export const piece = pgTable(
  'piece',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    arretId: uuid('arret_id').references(() => arret.id, { onDelete: 'cascade' }),
    requalificationId: uuid('requalification_id'),
    code: text('code').notNull(),
    libelle: text('libelle').notNull(),
    statut: text('statut').notNull(),
    motifRefus: text('motif_refus'),
    medicale: boolean('medicale').notNull(),
    nom: text('nom').notNull(),
    /** The type found in the content (never the declared one), sent back on download. */
    mime: text('mime').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    taille: integer('taille').notNull(),
    deposePar: uuid('depose_par'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('piece_sinistre_idx').on(t.sinistreId, t.code),
    // What the missing-pieces list looks for: the pieces that count as present (a refused or replaced
    // one does not), by sinistre and type; its queries must repeat this predicate word for word.
    index('piece_collectivite_valide_idx')
      .on(t.collectiviteId, t.sinistreId, t.code, t.arretId)
      .where(oneOf(t.statut, PIECE_STATUTS_PRESENTS)),
    check('piece_statut_check', oneOf(t.statut, PIECE_DOCUMENT_STATUTS)),
    // The work queue: pieces deposited and not yet decided.
    index('piece_deposee_idx').on(t.collectiviteId, t.sinistreId, t.createdAt).where(sql`${t.statut} = 'deposee'`),
  ],
);
