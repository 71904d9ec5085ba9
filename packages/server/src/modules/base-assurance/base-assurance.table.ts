import { TYPES_BASE } from '@statutis/domain';
import { bigint, check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat } from '../contrats/contrats.table.js';

/** Yearly insured payroll of a contract for one collectivité, prévisionnelle or réelle. Amounts in cents. */
export const baseAssurance = pgTable(
  'base_assurance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id),
    annee: integer('annee').notNull(),
    type: text('type').notNull(),
    effectif: integer('effectif').notNull(),
    tbi: bigint('tbi', { mode: 'number' }).notNull(),
    nbi: bigint('nbi', { mode: 'number' }),
    sft: bigint('sft', { mode: 'number' }),
    ir: bigint('ir', { mode: 'number' }),
    riMontant: bigint('ri_montant', { mode: 'number' }),
    riPct: integer('ri_pct'),
    cpMontant: bigint('cp_montant', { mode: 'number' }),
    cpPct: integer('cp_pct'),
    /** The contract's rate when the base was declared, so later rate changes do not rewrite history. */
    tauxCotisation: integer('taux_cotisation').notNull(),
    assiette: bigint('assiette', { mode: 'number' }).notNull(),
    cotisation: bigint('cotisation', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('base_assurance_unique_idx').on(t.collectiviteId, t.contratId, t.annee, t.type),
    index('base_assurance_annee_idx').on(t.collectiviteId, t.annee),
    check('base_assurance_type_check', oneOf(t.type, TYPES_BASE)),
  ],
);

/** What the collectivité budgeted for a year: contributions and absences. Amounts in cents. */
export const budget = pgTable(
  'budget',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    annee: integer('annee').notNull(),
    montantCotisations: bigint('montant_cotisations', { mode: 'number' }).notNull(),
    montantAbsences: bigint('montant_absences', { mode: 'number' }).notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.annee] })],
);
