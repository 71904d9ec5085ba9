import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { piece } from '../pieces/pieces.table.js';

/**
 * Every handler's decision on a piece, in order: who decided, when, why. The piece keeps its
 * current status and the motif the employer reads; this history says who decided it, and keeps
 * earlier decisions (a validated piece refused later when its volet 1 is found).
 */
export const pieceDecision = pgTable(
  'piece_decision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    pieceId: uuid('piece_id')
      .notNull()
      .references(() => piece.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    /** The motif code of a refusal (`MOTIFS_REFUS_PIECE`); null for a validation. */
    motif: text('motif'),
    commentaire: text('commentaire'),
    /** The file was erased from storage with this decision (a volet 1). */
    fichierEfface: boolean('fichier_efface').notNull().default(false),
    decidePar: uuid('decide_par'),
    /** « Centre de gestion — Prénom NOM », as the employer sees it. */
    decideParLibelle: text('decide_par_libelle').notNull(),
    decideLe: ts('decide_le').notNull(),
  },
  (t) => [index('piece_decision_piece_idx').on(t.pieceId, t.decideLe)],
);
