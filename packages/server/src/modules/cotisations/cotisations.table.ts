import {
  APPEL_NATURES,
  APPEL_OBJETS,
  APPEL_STATUTS,
  FRAIS_MODELES,
  LIGNE_NATURES,
  type ModeleFrais,
  PERIODICITES,
} from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, oneOf, ts } from '../../db/columns.js';
import { baseAssurance } from '../base-assurance/base-assurance.table.js';
import { cdg, collectivite } from '../collectivites/collectivites.table.js';
import { contrat } from '../contrats/contrats.table.js';
import { appUser } from '../users/users.table.js';

/**
 * The CDG's management fee for a period (domain §11): a fixed amount per CNRACL agent (seed 002:
 * 70 €) or a percentage of the insured base per regime; periods of one CDG never overlap (the
 * migration adds the exclusion constraint).
 */
export const cotisationFraisParametre = pgTable(
  'cotisation_frais_parametre',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cdgId: uuid('cdg_id')
      .notNull()
      .references(() => cdg.id, { onDelete: 'cascade' }),
    du: date('du', { mode: 'string' }).notNull(),
    au: date('au', { mode: 'string' }),
    modele: text('modele').notNull(),
    /** Cents per CNRACL agent. */
    montantParAgent: bigint('montant_par_agent', { mode: 'number' }),
    /** Thousandths of a percent (0,400 % → 400). */
    tauxCnracl: integer('taux_cnracl'),
    tauxIrcantec: integer('taux_ircantec'),
    regularise: boolean('regularise').notNull().default(false),
    /** The fee has its own call (objet « frais_gestion »), payable to the CDG. */
    appelesSeparement: boolean('appeles_separement').notNull().default(false),
    creePar: uuid('cree_par').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('cotisation_frais_parametre_cdg_idx').on(t.cdgId, t.du),
    check('cotisation_frais_parametre_modele_check', oneOf(t.modele, FRAIS_MODELES)),
    check('cotisation_frais_parametre_periode_check', sql`${t.au} IS NULL OR ${t.au} >= ${t.du}`),
    check(
      'cotisation_frais_parametre_montant_check',
      sql`${t.modele} <> 'forfait_agent' OR ${t.montantParAgent} IS NOT NULL`,
    ),
  ],
);

/**
 * A contribution call (issue 11): per contract, collectivité and year, from the base prévisionnelle
 * (`appel`), or its regularisation from the base réelle (`regularisation`, positive: a complementary
 * call, negative: an avoir). Its lines and échéances are written while it is a draft; once émis
 * nothing of it changes but its status and what was cashed (a trigger of the migration refuses it).
 */
export const appelCotisation = pgTable(
  'appel_cotisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rang: bigserial('rang', { mode: 'number' }).notNull(),
    annee: integer('annee').notNull(),
    nature: text('nature').notNull(),
    /** The contribution, or the CDG's fee when the CDG calls it separately. */
    objet: text('objet').notNull().default('cotisation'),
    /** « AC-2026-000123 », « RG-2026-000124 », « FG-… » / « RF-… » for the fee (`numeroAppel` of the domain). */
    numero: text('numero')
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `CASE WHEN objet = 'frais_gestion' THEN CASE WHEN nature = 'appel' THEN 'FG' ELSE 'RF' END WHEN nature = 'appel' THEN 'AC' ELSE 'RG' END || '-' || annee::text || '-' || CASE WHEN rang < 1000000 THEN lpad(rang::text, 6, '0') ELSE rang::text END`,
        ),
      ),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id),
    /** The base the call was computed from (kept even if the base is corrected later: the lines say it). */
    baseId: uuid('base_id').references(() => baseAssurance.id, { onDelete: 'set null' }),
    /** The call a regularisation settles. */
    appelOrigineId: uuid('appel_origine_id').references((): AnyPgColumn => appelCotisation.id),
    statut: text('statut').notNull(),
    periodicite: text('periodicite').notNull(),
    debutCouverture: date('debut_couverture', { mode: 'string' }).notNull(),
    mois: integer('mois').notNull(),
    dateDeliberation: date('date_deliberation', { mode: 'string' }),
    /** The CDG's fee model applied, as it was (its parameters may change later). */
    frais: jsonb('frais').$type<ModeleFrais | null>(),
    total: bigint('total', { mode: 'number' }).notNull(),
    encaisse: bigint('encaisse', { mode: 'number' }).notNull().default(0),
    creePar: uuid('cree_par').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    controlePar: uuid('controle_par').references(() => appUser.id, { onDelete: 'set null' }),
    controleLe: ts('controle_le'),
    emisPar: uuid('emis_par').references(() => appUser.id, { onDelete: 'set null' }),
    emisLe: ts('emis_le'),
    annulePar: uuid('annule_par').references(() => appUser.id, { onDelete: 'set null' }),
    annuleLe: ts('annule_le'),
    motifAnnulation: text('motif_annulation'),
  },
  (t) => [
    uniqueIndex('appel_cotisation_numero_idx').on(t.numero),
    // One live call (and one live regularisation) per contract, collectivité, year and object.
    uniqueIndex('appel_cotisation_unique_idx')
      .on(t.collectiviteId, t.contratId, t.annee, t.nature, t.objet)
      .where(sql`${t.statut} <> 'annule'`),
    // « Vos cotisations »: the calls issued to the collectivité, newest first.
    index('appel_cotisation_collectivite_idx')
      .on(t.collectiviteId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.emisLe} IS NOT NULL`),
    index('appel_cotisation_liste_idx').on(t.createdAt.desc(), t.id.desc()),
    check('appel_cotisation_statut_check', oneOf(t.statut, APPEL_STATUTS)),
    check('appel_cotisation_nature_check', oneOf(t.nature, APPEL_NATURES)),
    check('appel_cotisation_objet_check', oneOf(t.objet, APPEL_OBJETS)),
    check('appel_cotisation_periodicite_check', oneOf(t.periodicite, PERIODICITES)),
    check('appel_cotisation_mois_check', sql`${t.mois} BETWEEN 0 AND 12`),
    check('appel_cotisation_encaisse_check', sql`${t.encaisse} >= 0`),
  ],
);

/** One line of a call: a regime or garantie's contribution, or the CDG's fee. Amounts in cents. */
export const appelCotisationLigne = pgTable(
  'appel_cotisation_ligne',
  {
    appelId: uuid('appel_id')
      .notNull()
      .references(() => appelCotisation.id, { onDelete: 'cascade' }),
    rang: integer('rang').notNull(),
    nature: text('nature').notNull(),
    code: text('code').notNull(),
    libelle: text('libelle').notNull(),
    assiette: bigint('assiette', { mode: 'number' }),
    taux: integer('taux'),
    quantite: integer('quantite'),
    prixUnitaire: bigint('prix_unitaire', { mode: 'number' }),
    mois: integer('mois').notNull(),
    montant: bigint('montant', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.appelId, t.rang] }),
    check('appel_cotisation_ligne_nature_check', oneOf(t.nature, LIGNE_NATURES)),
  ],
);

/** When each part of a call is due; they add up to its total. */
export const appelCotisationEcheance = pgTable(
  'appel_cotisation_echeance',
  {
    appelId: uuid('appel_id')
      .notNull()
      .references(() => appelCotisation.id, { onDelete: 'cascade' }),
    rang: integer('rang').notNull(),
    du: date('du', { mode: 'string' }).notNull(),
    au: date('au', { mode: 'string' }).notNull(),
    dateEcheance: date('date_echeance', { mode: 'string' }).notNull(),
    montant: bigint('montant', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.appelId, t.rang] })],
);
