import { COLLECTIVITE_TYPES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf } from '../../db/columns.js';
import { nameKeySql } from '../../db/search.js';

/** Centre de gestion: runs group contracts for the collectivités of a département. */
export const cdg = pgTable('cdg', {
  id: uuid('id').primaryKey().defaultRandom(),
  nom: text('nom').notNull(),
  siret: text('siret').notNull().unique(),
  createdAt: createdAt(),
});

export const collectivite = pgTable(
  'collectivite',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nom: text('nom').notNull(),
    siret: text('siret').notNull().unique(),
    type: text('type').notNull(),
    cdgId: uuid('cdg_id')
      .notNull()
      .references(() => cdg.id),
    /** Set off by the platform administrator: nobody works in it any more, its data stay. */
    active: boolean('active').notNull().default(true),
    /** Where its reimbursements are paid (issue 10): electronic IBAN, checked by ibantools. */
    iban: text('iban'),
    bic: text('bic'),
    titulaireCompte: text('titulaire_compte'),
    /** The name folded (nameSearchKey of the domain): searched with LIKE, sorted `COLLATE "C"` (back-office lists). */
    tri: text('tri')
      .notNull()
      .generatedAlwaysAs(sql.raw(nameKeySql('nom'))),
    createdAt: createdAt(),
  },
  (t) => [
    index('collectivite_cdg_idx').on(t.cdgId, t.nom),
    index('collectivite_cdg_tri_idx').on(t.cdgId, sql`${t.tri} COLLATE "C"`, t.id),
    check('collectivite_type_check', oneOf(t.type, COLLECTIVITE_TYPES)),
  ],
);
