import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

const owner = () => ({
  collectiviteId: uuid('collectivite_id')
    .notNull()
    .references(() => collectivite.id, { onDelete: 'cascade' }),
  sinistreId: uuid('sinistre_id')
    .notNull()
    .references(() => sinistre.id, { onDelete: 'cascade' }),
});

/**
 * A contre-visite, expertise or conseil médical on a sinistre. No medical column on purpose: the
 * outcome and its date only (domain schema `ZControleMedical` is strict). An employer's request has
 * no doctor, date nor cost until the handler plans it.
 */
export const controleMedical = pgTable(
  'controle_medical',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...owner(),
    type: text('type').notNull(),
    demandeur: text('demandeur').notNull(),
    medecin: text('medecin'),
    date: date('date', { mode: 'string' }),
    resultat: text('resultat'),
    injustifieAPartirDu: date('injustifie_a_partir_du', { mode: 'string' }),
    /** Fee in cents. */
    cout: bigint('cout', { mode: 'number' }),
    payePar: text('paye_par'),
    /** Who recorded or asked it, as the employer sees it (`signature`). */
    demandePar: text('demande_par').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    index('controle_medical_sinistre_idx').on(t.sinistreId, t.createdAt),
    check(
      'controle_medical_injustifie_check',
      sql`(${t.resultat} = 'non_justifie') = (${t.injustifieAPartirDu} IS NOT NULL)`,
    ),
  ],
);

/** The recours contre tiers of a sinistre (one at most). Amounts in cents; responsibility in 1/100 %. */
export const recoursTiers = pgTable('recours_tiers', {
  sinistreId: uuid('sinistre_id')
    .primaryKey()
    .references(() => sinistre.id, { onDelete: 'cascade' }),
  collectiviteId: uuid('collectivite_id')
    .notNull()
    .references(() => collectivite.id, { onDelete: 'cascade' }),
  tiersNom: text('tiers_nom').notNull(),
  tiersAssureur: text('tiers_assureur'),
  numeroSinistreTiers: text('numero_sinistre_tiers'),
  responsabilite: integer('responsabilite').notNull(),
  fraisMedicaux: bigint('frais_medicaux', { mode: 'number' }).notNull(),
  /** The handler's figure in place of the pay computed from the arrêts; null: computed. */
  remunerationSaisie: bigint('remuneration_saisie', { mode: 'number' }),
  chargesSaisies: bigint('charges_saisies', { mode: 'number' }),
  rembourseParAssureur: bigint('rembourse_par_assureur', { mode: 'number' }).notNull(),
  repartition: text('repartition').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** A dated step of a recours: a letter, a reminder, an answer, with the next reminder it calls for. */
export const recoursAction = pgTable(
  'recours_action',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...owner(),
    date: date('date', { mode: 'string' }).notNull(),
    type: text('type').notNull(),
    libelle: text('libelle').notNull(),
    prochaineRelance: date('prochaine_relance', { mode: 'string' }),
    auteur: text('auteur').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('recours_action_sinistre_idx').on(t.sinistreId, t.date),
    // The reminders due across a CDG's files.
    index('recours_action_relance_idx')
      .on(t.collectiviteId, t.prochaineRelance)
      .where(sql`${t.prochaineRelance} IS NOT NULL`),
  ],
);

/** An amount recovered from the third party (or his insurer). */
export const recoursRecouvrement = pgTable(
  'recours_recouvrement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...owner(),
    date: date('date', { mode: 'string' }).notNull(),
    montant: bigint('montant', { mode: 'number' }).notNull(),
    libelle: text('libelle'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('recours_recouvrement_sinistre_idx').on(t.sinistreId, t.date)],
);

/** The return-to-work follow-up of a sinistre (one at most). */
export const repriseSuivi = pgTable('reprise_suivi', {
  sinistreId: uuid('sinistre_id')
    .primaryKey()
    .references(() => sinistre.id, { onDelete: 'cascade' }),
  collectiviteId: uuid('collectivite_id')
    .notNull()
    .references(() => collectivite.id, { onDelete: 'cascade' }),
  prevueLe: date('prevue_le', { mode: 'string' }),
  effectiveLe: date('effective_le', { mode: 'string' }),
  forme: text('forme').notNull(),
  quotite: integer('quotite'),
  visiteRepriseLe: date('visite_reprise_le', { mode: 'string' }),
  suivi30FaitLe: date('suivi30_fait_le', { mode: 'string' }),
  suivi90FaitLe: date('suivi90_fait_le', { mode: 'string' }),
  updatedAt: ts('updated_at').notNull(),
});
