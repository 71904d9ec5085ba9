import { AIDE_MODULES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';
import { nameKeySql } from '../../db/search.js';
import { appUser } from '../users/users.table.js';

/** A section of the guide pratique (platform-wide), Markdown body. */
export const guideSection = pgTable(
  'guide_section',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    module: text('module').notNull(),
    titre: text('titre').notNull(),
    contenu: text('contenu').notNull(),
    ordre: integer('ordre').notNull().default(0),
    updatedBy: uuid('updated_by').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    index('guide_section_ordre_idx').on(t.module, t.ordre, t.id),
    check('guide_section_module_check', oneOf(t.module, AIDE_MODULES)),
  ],
);

/** A question of the FAQ (platform-wide), Markdown answer. */
export const faqEntree = pgTable(
  'faq_entree',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    module: text('module').notNull(),
    question: text('question').notNull(),
    reponse: text('reponse').notNull(),
    ordre: integer('ordre').notNull().default(0),
    /** Question and answer without accents nor capitals (nameSearchKey of the domain), for the search. */
    recherche: text('recherche')
      .notNull()
      .generatedAlwaysAs(sql.raw(nameKeySql("question || ' ' || reponse"))),
    updatedBy: uuid('updated_by').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    index('faq_entree_ordre_idx').on(t.ordre, t.id),
    index('faq_entree_recherche_trgm_idx').using('gin', sql`${t.recherche} gin_trgm_ops`),
    check('faq_entree_module_check', oneOf(t.module, AIDE_MODULES)),
  ],
);
