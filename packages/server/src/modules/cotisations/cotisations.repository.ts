import type { TAppelsQuery } from '@statutis/domain';
import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { baseAssurance } from '../base-assurance/base-assurance.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { adhesion, contrat } from '../contrats/contrats.table.js';
import { parseCursor, cursorOf as reglementCursorOf } from '../reglements/reglements.repository.js';
import {
  appelCotisation,
  appelCotisationEcheance,
  appelCotisationLigne,
  cotisationFraisParametre,
} from './cotisations.table.js';

export type AppelRow = typeof appelCotisation.$inferSelect;
export type NewAppel = typeof appelCotisation.$inferInsert;
export type LigneRow = typeof appelCotisationLigne.$inferSelect;
export type EcheanceRow = typeof appelCotisationEcheance.$inferSelect;
export type FraisRow = typeof cotisationFraisParametre.$inferSelect;

export const PAGE = 20;

/** A uuid[] parameter (one bound array: index-friendly, whatever the count). */
const uuids = (ids: readonly string[]) => sql`${`{${[...new Set(ids)].join(',')}}`}::uuid[]`;

/** One adhesion's inputs of a call, read in bulk (`entreesGeneration`). */
export type GenerationEntree = {
  collectiviteId: string;
  collectiviteNom: string;
  contratId: string;
  numero: string;
  regime: 'CNRACL' | 'IRCANTEC';
  dateEffet: string;
  dateFin: string | null;
  dateAdhesion: string;
  baseId: string;
  assiette: number;
  tauxCotisation: number;
  effectifCnracl: number;
};

/** The keyset cursor of a page: the last row's creation instant and id (the règlements' format). */
export const cursorOf = reglementCursorOf;

/**
 * A call of the scope: its collectivité's and, for an insurer's staff, one of his contracts. A
 * member of the collectivité only ever sees what was issued to it (`emis_le` set): drafts are the
 * CDG's work.
 */
export const appelInScope = (scope: Scope): SQL => {
  const base = inScope(scope, { collectiviteId: appelCotisation.collectiviteId, contratId: appelCotisation.contratId });
  return scope.kind === 'membre' ? and(base, isNotNull(appelCotisation.emisLe))! : base;
};

export const appelFields = {
  a: appelCotisation,
  collectiviteNom: collectivite.nom,
  contratNumero: contrat.numero,
  contratLibelle: contrat.libelle,
  regime: contrat.regime,
  origineNumero: sql<
    string | null
  >`(SELECT o.numero FROM appel_cotisation o WHERE o.id = ${appelCotisation.appelOrigineId})`,
};
export type AppelListRow = {
  a: AppelRow;
  collectiviteNom: string;
  contratNumero: string;
  contratLibelle: string;
  regime: 'CNRACL' | 'IRCANTEC';
  origineNumero: string | null;
  cdgNom: string;
};

export function createCotisationsRepository() {
  return {
    // -- the CDG's fee parameters

    async frais(db: Db, cdgId: string): Promise<FraisRow[]> {
      return db
        .select()
        .from(cotisationFraisParametre)
        .where(eq(cotisationFraisParametre.cdgId, cdgId))
        .orderBy(desc(cotisationFraisParametre.du));
    },

    /**
     * The CDG's periods that share a day with [du, au] (au null: open-ended), but `sauf`. Taken under a
     * lock per CDG, so two writes of the same CDG never both pass the check.
     */
    async fraisChevauchant(
      db: Db,
      cdgId: string,
      du: string,
      au: string | null,
      sauf: string | null = null,
    ): Promise<FraisRow[]> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`frais_cdg:${cdgId}`}))`);
      return db
        .select()
        .from(cotisationFraisParametre)
        .where(
          and(
            eq(cotisationFraisParametre.cdgId, cdgId),
            sauf === null ? undefined : sql`${cotisationFraisParametre.id} <> ${sauf}`,
            sql`daterange(${cotisationFraisParametre.du}, ${cotisationFraisParametre.au}, '[]') && daterange(${du}::date, ${au}::date, '[]')`,
          ),
        );
    },

    /** One of the CDG's periods (another CDG's: null). */
    async fraisParId(db: Db, cdgId: string, id: string): Promise<FraisRow | null> {
      const [row] = await db
        .select()
        .from(cotisationFraisParametre)
        .where(and(eq(cotisationFraisParametre.cdgId, cdgId), eq(cotisationFraisParametre.id, id)))
        .for('update');
      return row ?? null;
    },

    async updateFraisFin(db: Db, id: string, au: string | null): Promise<FraisRow> {
      const [row] = await db
        .update(cotisationFraisParametre)
        .set({ au })
        .where(eq(cotisationFraisParametre.id, id))
        .returning();
      return row!;
    },

    async insertFrais(db: Db, values: typeof cotisationFraisParametre.$inferInsert): Promise<FraisRow> {
      const [row] = await db.insert(cotisationFraisParametre).values(values).returning();
      return row!;
    },

    /** The parameters in force on a day, if the CDG set any. */
    async fraisAu(db: Db, cdgId: string, jour: string): Promise<FraisRow | null> {
      const [row] = await db
        .select()
        .from(cotisationFraisParametre)
        .where(
          and(
            eq(cotisationFraisParametre.cdgId, cdgId),
            sql`${cotisationFraisParametre.du} <= ${jour}`,
            sql`(${cotisationFraisParametre.au} IS NULL OR ${cotisationFraisParametre.au} >= ${jour})`,
          ),
        );
      return row ?? null;
    },

    // -- what a call is computed from

    /**
     * The contract as the collectivité holds it (adhesion), both in the scope: the collectivité's
     * CDG, the contract's regime, dates and rate, the adhesion's date. Locked: two generations of
     * the same call queue up (the unique index says the rest).
     */
    async adhesionDe(db: Db, scope: Scope, collectiviteId: string, contratId: string) {
      const [row] = await db
        .select({
          collectiviteId: collectivite.id,
          collectiviteNom: collectivite.nom,
          cdgId: collectivite.cdgId,
          contratId: contrat.id,
          numero: contrat.numero,
          regime: contrat.regime,
          dateEffet: contrat.dateEffet,
          dateFin: contrat.dateFin,
          dateAdhesion: adhesion.dateAdhesion,
        })
        .from(adhesion)
        .innerJoin(collectivite, eq(collectivite.id, adhesion.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, adhesion.contratId))
        .where(
          and(
            eq(adhesion.collectiviteId, collectiviteId),
            eq(adhesion.contratId, contratId),
            inScope(scope, { collectiviteId: collectivite.id, contratId: contrat.id }),
            contratInScope(scope, contrat.id),
          ),
        )
        .for('update', { of: adhesion });
      return row ?? null;
    },

    async base(db: Db, collectiviteId: string, contratId: string, annee: number, type: 'previsionnelle' | 'reelle') {
      const [row] = await db
        .select()
        .from(baseAssurance)
        .where(
          and(
            eq(baseAssurance.collectiviteId, collectiviteId),
            eq(baseAssurance.contratId, contratId),
            eq(baseAssurance.annee, annee),
            eq(baseAssurance.type, type),
          ),
        );
      return row ?? null;
    },

    /**
     * CNRACL agents of the collectivité on a day (the fixed fee's headcount, seed 002): entered by
     * then and not gone before. Their regime is today's (the employment history is not read).
     */
    async effectifCnracl(db: Db, collectiviteId: string, jour: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(agent)
        .where(
          and(
            eq(agent.collectiviteId, collectiviteId),
            eq(agent.regime, 'CNRACL'),
            sql`${agent.dateEntree} <= ${jour}`,
            sql`(${agent.dateDepart} IS NULL OR ${agent.dateDepart} >= ${jour})`,
          ),
        );
      return row?.n ?? 0;
    },

    // -- calls

    async insertAppel(db: Db, values: NewAppel): Promise<AppelRow> {
      const [row] = await db.insert(appelCotisation).values(values).returning();
      return row!;
    },

    async insertDetail(
      db: Db,
      appelId: string,
      lignes: Omit<typeof appelCotisationLigne.$inferInsert, 'appelId' | 'rang'>[],
      echeances: Omit<typeof appelCotisationEcheance.$inferInsert, 'appelId'>[],
    ) {
      if (lignes.length)
        await db.insert(appelCotisationLigne).values(lignes.map((l, i) => ({ ...l, appelId, rang: i + 1 })));
      if (echeances.length) await db.insert(appelCotisationEcheance).values(echeances.map((e) => ({ ...e, appelId })));
    },

    async updateAppel(db: Db, id: string, values: Partial<NewAppel>) {
      await db.update(appelCotisation).set(values).where(eq(appelCotisation.id, id));
    },

    // -- bulk actions (the CDG's control screen): a few statements per batch, not per call

    /**
     * New drafts in one statement; a call whose live twin appeared meanwhile (unique index) is
     * skipped, not an error: the caller sees which ones came back.
     */
    async insertAppels(db: Db, values: NewAppel[]): Promise<AppelRow[]> {
      if (values.length === 0) return [];
      return db.insert(appelCotisation).values(values).onConflictDoNothing().returning();
    },

    /** The lines and échéances of many calls (their `appelId` says whose). */
    async insertDetails(
      db: Db,
      lignes: Omit<typeof appelCotisationLigne.$inferInsert, never>[],
      echeances: (typeof appelCotisationEcheance.$inferInsert)[],
    ) {
      if (lignes.length) await db.insert(appelCotisationLigne).values(lignes);
      if (echeances.length) await db.insert(appelCotisationEcheance).values(echeances);
    },

    async updateAppels(db: Db, ids: readonly string[], values: Partial<NewAppel>) {
      if (ids.length === 0) return;
      await db
        .update(appelCotisation)
        .set(values)
        .where(inArray(appelCotisation.id, [...ids]));
    },

    /** The calls of the scope among `ids`, locked in id order (two batches never lock crosswise). */
    async appelsLot(db: Db, scope: Scope, ids: readonly string[]): Promise<AppelListRow[]> {
      const rows = await db
        .select(appelFields)
        .from(appelCotisation)
        .innerJoin(collectivite, eq(collectivite.id, appelCotisation.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, appelCotisation.contratId))
        .where(and(inArray(appelCotisation.id, [...ids]), appelInScope(scope)))
        .orderBy(asc(appelCotisation.id))
        .for('update', { of: appelCotisation });
      return rows as AppelListRow[];
    },

    async lignesLot(db: Db, ids: readonly string[]): Promise<LigneRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(appelCotisationLigne)
        .where(inArray(appelCotisationLigne.appelId, [...ids]))
        .orderBy(asc(appelCotisationLigne.appelId), asc(appelCotisationLigne.rang));
    },

    async echeancesLot(db: Db, ids: readonly string[]): Promise<EcheanceRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(appelCotisationEcheance)
        .where(inArray(appelCotisationEcheance.appelId, [...ids]))
        .orderBy(asc(appelCotisationEcheance.appelId), asc(appelCotisationEcheance.rang));
    },

    /**
     * What `generer` reads for one adhesion, for many at once: the contract as held, the base
     * prévisionnelle of the year, and the CNRACL headcount on the first day of the adhesion (the
     * later of the adhesion's and the contract's start; the bulk generation has no délibération).
     */
    async entreesGeneration(
      db: Db,
      scope: Scope,
      annee: number,
      keys: readonly { collectiviteId: string; contratId: string }[],
    ): Promise<GenerationEntree[]> {
      if (keys.length === 0) return [];
      const result = await db.execute(sql`
        SELECT c.id AS "collectiviteId", c.nom AS "collectiviteNom", co.id AS "contratId", co.numero, co.regime,
               co.date_effet::text AS "dateEffet", co.date_fin::text AS "dateFin", ad.date_adhesion::text AS "dateAdhesion",
               b.id AS "baseId", b.assiette::float8 AS assiette, b.taux_cotisation AS "tauxCotisation",
               (SELECT count(*)::int FROM agent a WHERE a.collectivite_id = c.id AND a.regime = 'CNRACL'
                  AND a.date_entree <= greatest(ad.date_adhesion, co.date_effet)
                  AND (a.date_depart IS NULL OR a.date_depart >= greatest(ad.date_adhesion, co.date_effet))) AS "effectifCnracl"
        FROM adhesion ad
        JOIN collectivite c ON c.id = ad.collectivite_id
        JOIN contrat co ON co.id = ad.contrat_id
        JOIN base_assurance b ON b.collectivite_id = c.id AND b.contrat_id = co.id AND b.annee = ${annee}
          AND b.type = 'previsionnelle'
        WHERE ad.collectivite_id = ANY(${uuids(keys.map((k) => k.collectiviteId))})
          AND ad.contrat_id = ANY(${uuids(keys.map((k) => k.contratId))})
          AND ${inScope(scope, { collectiviteId: sql`c.id`, contratId: sql`co.id` })}
          AND ${contratInScope(scope, sql`co.id`)}
        ORDER BY c.id, co.id
        FOR UPDATE OF ad`);
      // The two lists select a superset of the pairs asked (a collectivité of one pair, the contract of another).
      const asked = new Set(keys.map((k) => `${k.collectiviteId}/${k.contratId}`));
      return (result as unknown as { rows: GenerationEntree[] }).rows.filter((r) =>
        asked.has(`${r.collectiviteId}/${r.contratId}`),
      );
    },

    async appel(db: Db, scope: Scope, id: string, lock = false): Promise<AppelListRow | null> {
      const query = db
        .select(appelFields)
        .from(appelCotisation)
        .innerJoin(collectivite, eq(collectivite.id, appelCotisation.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, appelCotisation.contratId))
        .where(and(eq(appelCotisation.id, id), appelInScope(scope)));
      const [row] = lock ? await query.for('update', { of: appelCotisation }) : await query;
      return (row as AppelListRow | undefined) ?? null;
    },

    /** The live call of a contract, collectivité, year, nature and object (not cancelled), if any. */
    async appelVivant(
      db: Db,
      key: { collectiviteId: string; contratId: string; annee: number; nature: string; objet: string },
    ) {
      const [row] = await db
        .select()
        .from(appelCotisation)
        .where(
          and(
            eq(appelCotisation.collectiviteId, key.collectiviteId),
            eq(appelCotisation.contratId, key.contratId),
            eq(appelCotisation.annee, key.annee),
            eq(appelCotisation.nature, key.nature),
            eq(appelCotisation.objet, key.objet),
            sql`${appelCotisation.statut} <> 'annule'`,
          ),
        );
      return row ?? null;
    },

    async lignes(db: Db, appelId: string): Promise<LigneRow[]> {
      return db
        .select()
        .from(appelCotisationLigne)
        .where(eq(appelCotisationLigne.appelId, appelId))
        .orderBy(asc(appelCotisationLigne.rang));
    },

    async echeances(db: Db, appelId: string): Promise<EcheanceRow[]> {
      return db
        .select()
        .from(appelCotisationEcheance)
        .where(eq(appelCotisationEcheance.appelId, appelId))
        .orderBy(asc(appelCotisationEcheance.rang));
    },

    /** One page, newest first, by keyset on (created_at, id). */
    async list(db: Db, scope: Scope, q: TAppelsQuery, limit = PAGE): Promise<AppelListRow[]> {
      const where: (SQL | undefined)[] = [appelInScope(scope)];
      if (q.annee) where.push(eq(appelCotisation.annee, q.annee));
      if (q.statut) where.push(eq(appelCotisation.statut, q.statut));
      if (q.collectiviteId) where.push(eq(appelCotisation.collectiviteId, q.collectiviteId));
      const after = q.apres ? parseCursor(q.apres) : null;
      if (after) where.push(sql`(${appelCotisation.createdAt}, ${appelCotisation.id}) < (${after.at}, ${after.id})`);
      const rows = await db
        .select(appelFields)
        .from(appelCotisation)
        .innerJoin(collectivite, eq(collectivite.id, appelCotisation.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, appelCotisation.contratId))
        .where(and(...where))
        .orderBy(desc(appelCotisation.createdAt), desc(appelCotisation.id))
        .limit(limit);
      return rows as AppelListRow[];
    },
  };
}

export type CotisationsRepository = ReturnType<typeof createCotisationsRepository>;
