import { DECISION_TYPES, type LettreDecision, REFERENCE_NATURES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { requalification, sinistre } from '../sinistres/sinistres.table.js';
import { appUser } from '../users/users.table.js';

/**
 * A handler's decision on a sinistre (issue 9). The letter is kept as it was written that day: a
 * letter sent does not change when the agent, the collectivité or the category change later.
 */
export const decision = pgTable(
  'decision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    motif: text('motif'),
    referenceNature: text('reference_nature'),
    referenceTexte: text('reference_texte'),
    periodeDebut: date('periode_debut', { mode: 'string' }),
    periodeFin: date('periode_fin', { mode: 'string' }),
    /** An accepted requalification: the new category. */
    categorie: text('categorie'),
    /** The sinistre's category when the decision was taken (a requalification changes it). */
    categorieAvant: text('categorie_avant').notNull(),
    /** The request a requalification decision answers. */
    requalificationId: uuid('requalification_id').references(() => requalification.id, { onDelete: 'set null' }),
    auteurId: uuid('auteur_id').references(() => appUser.id, { onDelete: 'set null' }),
    /** « Centre de gestion — Prénom NOM », as the employer sees it. */
    auteur: text('auteur').notNull(),
    /** The day of the decision (Europe/Paris). */
    decideLe: date('decide_le', { mode: 'string' }).notNull(),
    lettre: jsonb('lettre').$type<LettreDecision>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('decision_sinistre_idx').on(t.sinistreId, t.createdAt),
    check('decision_type_check', oneOf(t.type, DECISION_TYPES)),
    check('decision_reference_nature_check', oneOf(t.referenceNature, REFERENCE_NATURES)),
    check(
      'decision_periode_check',
      sql`${t.periodeFin} IS NULL OR ${t.periodeDebut} IS NULL OR ${t.periodeFin} >= ${t.periodeDebut}`,
    ),
  ],
);
