import { ARRET_TYPES } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { oneOf, ts } from '../../db/columns.js';
import { agent } from '../agents/agents.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

/** A work-stoppage period of a sinistre. */
export const arret = pgTable(
  'arret',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id),
    type: text('type').notNull(),
    debut: date('debut', { mode: 'string' }).notNull(),
    fin: date('fin', { mode: 'string' }).notNull(),
    /**
     * The end written on the certificate, kept when a reprise inside the period shortened the arrêt
     * (`fin` is then the day before the reprise); null when the arrêt ends as its certificate says.
     */
    finCertificat: date('fin_certificat', { mode: 'string' }),
    reprise: date('reprise', { mode: 'string' }),
    horsDelai: boolean('hors_delai').notNull().default(false),
    /** Temps partiel thérapeutique: the quotité worked, in percent. */
    quotiteTpt: integer('quotite_tpt'),
    /** Monthly salary elements for the period, in cents; only the insured ones are filled. */
    tbi: bigint('tbi', { mode: 'number' }),
    nbi: bigint('nbi', { mode: 'number' }),
    sft: bigint('sft', { mode: 'number' }),
    ir: bigint('ir', { mode: 'number' }),
    ri: bigint('ri', { mode: 'number' }),
    cp: bigint('cp', { mode: 'number' }),
    nePasProratiser: boolean('ne_pas_proratiser').notNull().default(false),
    /**
     * The day the employer received the certificate from the agent: more than 2 days after its start,
     * the arrêt was sent late (domain §6.1.10). Null: not told (read as in time).
     */
    certificatRecuLe: date('certificat_recu_le', { mode: 'string' }),
    /** Related to a pregnancy: no jour de carence (domain §6.1.3). */
    grossesse: boolean('grossesse').notNull().default(false),
    /** For an affection de longue durée: one jour de carence per 3 years (domain §6.1.3). */
    ald: boolean('ald').notNull().default(false),
    /**
     * The arrêt's own category once a requalification has split the sinistre at a date (the days
     * before keep the old one); null: the sinistre's category.
     */
    categorie: text('categorie'),
    /**
     * The arrêt a requalification split this one from: same certificate, so its pieces are the
     * origin's and are not asked again.
     */
    origineId: uuid('origine_id').references((): AnyPgColumn => arret.id, { onDelete: 'set null' }),
    /** When a handler examined the arrêt: until then it waits in the work queue. */
    examineLe: ts('examine_le'),
    examinePar: uuid('examine_par'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('arret_agent_idx').on(t.collectiviteId, t.agentId, t.debut),
    index('arret_sinistre_idx').on(t.sinistreId, t.debut),
    // The missing-pieces list reads the arrêts of a collectivité's sinistres from this index alone.
    index('arret_collectivite_sinistre_idx').on(t.collectiviteId, t.sinistreId, t.id, t.debut, t.fin),
    check('arret_type_check', oneOf(t.type, ARRET_TYPES)),
    // No overlap between two arrêts of an agent is the EXCLUDE constraint `arret_agent_sans_chevauchement`
    // of migration 0019 (drizzle-kit cannot express it); `http/errors.ts` turns its violation into a 409.
    index('arret_non_examine_idx').on(t.collectiviteId, t.sinistreId, t.createdAt).where(sql`${t.examineLe} IS NULL`),
  ],
);
