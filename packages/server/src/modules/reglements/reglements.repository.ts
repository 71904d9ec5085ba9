import type { TReglementsQuery } from '@statutis/domain';
import { and, asc, desc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inScope, type Organisation, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { fraisMedical } from '../frais-medicaux/frais-medicaux.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import { decompte, reglement, reglementParametre, virement } from './reglements.table.js';

export type DecompteRow = typeof decompte.$inferSelect;
export type NewDecompte = typeof decompte.$inferInsert;
export type ReglementRow = typeof reglement.$inferSelect;
export type NewReglement = typeof reglement.$inferInsert;

export const PAGE = 20;

const reglementInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: reglement.collectiviteId, contratId: reglement.contratId });
export const decompteInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: decompte.collectiviteId, contratId: decompte.contratId });

/** The organisation's own rows of a table with cdg_id / assureur_id (settings, transfer files). */
export const ofOrganisation = (
  organisation: Organisation,
  columns: { cdgId: AnyPgColumn; assureurId: AnyPgColumn },
): SQL => (organisation.kind === 'cdg' ? eq(columns.cdgId, organisation.id) : eq(columns.assureurId, organisation.id));

/** A décompte with what the pages name: its sinistre, agent. */
export const decompteFields = {
  d: decompte,
  sinistreNumero: sinistre.numero,
  sinistreCategorie: sinistre.categorie,
  dateSurvenance: sinistre.dateSurvenance,
  agentId: agent.id,
  agentNom: agent.nom,
  agentPrenom: agent.prenom,
};
export type DecompteDetailRow = {
  d: DecompteRow;
  sinistreNumero: number;
  sinistreCategorie: string;
  dateSurvenance: string;
  agentId: string;
  agentNom: string;
  agentPrenom: string;
};

const reglementFields = {
  r: reglement,
  collectiviteNom: collectivite.nom,
  nombreDecomptes: sql<number>`(SELECT count(*)::int FROM decompte dc WHERE dc.reglement_id = ${reglement.id})`,
  remplaceNumero: sql<string | null>`(SELECT rr.numero FROM reglement rr WHERE rr.id = ${reglement.remplaceId})`,
};
export type ReglementListRow = {
  r: ReglementRow;
  collectiviteNom: string;
  nombreDecomptes: number;
  remplaceNumero: string | null;
};

/** « Vos règlements »' filters on the décomptes a règlement pays (agent, sinistre, catégorie). */
function filters(q: TReglementsQuery): SQL[] {
  const where: SQL[] = [];
  if (q.du) where.push(sql`${reglement.periodeAu} >= ${q.du}`);
  if (q.au) where.push(sql`${reglement.periodeDu} <= ${q.au}`);
  if (q.statut) where.push(eq(reglement.statut, q.statut));
  const inner: SQL[] = [];
  if (q.agentId) inner.push(sql`s.agent_id = ${q.agentId}`);
  if (q.sinistreId) inner.push(sql`s.id = ${q.sinistreId}`);
  if (q.categorie) inner.push(sql`s.categorie = ${q.categorie}`);
  if (inner.length)
    where.push(
      sql`EXISTS (SELECT 1 FROM decompte dc JOIN sinistre s ON s.id = dc.sinistre_id
                  WHERE dc.reglement_id = ${reglement.id} AND ${sql.join(inner, sql` AND `)})`,
    );
  return where;
}

/** The keyset cursor: the last row's creation instant and id, base64url. */
export const cursorOf = (r: { createdAt: Date; id: string }) =>
  Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString('base64url');
export function parseCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { at: date, id };
}

export function createReglementsRepository() {
  return {
    /** The sinistre a décompte is for, locked: two computations of one sinistre queue up. */
    async sinistrePourDecompte(db: Db, sinistreId: string) {
      const [row] = await db
        .select({
          id: sinistre.id,
          collectiviteId: sinistre.collectiviteId,
          contratId: sinistre.contratId,
        })
        .from(sinistre)
        .where(eq(sinistre.id, sinistreId))
        .for('update');
      return row ?? null;
    },

    async versions(db: Db, key: { sinistreId: string; nature: string; du: string; au: string }) {
      return db
        .select()
        .from(decompte)
        .where(
          and(
            eq(decompte.sinistreId, key.sinistreId),
            eq(decompte.nature, key.nature),
            eq(decompte.periodeDu, key.du),
            eq(decompte.periodeAu, key.au),
          ),
        )
        .orderBy(asc(decompte.version));
    },

    async insertDecompte(db: Db, values: NewDecompte): Promise<DecompteRow> {
      const [row] = await db.insert(decompte).values(values).returning();
      return row!;
    },

    async updateDecompte(db: Db, id: string, values: Partial<NewDecompte>) {
      await db.update(decompte).set(values).where(eq(decompte.id, id));
    },

    /** The medical fees an abandoned décompte carried become unpaid again: the next computation takes them. */
    async libererFrais(db: Db, decompteId: string): Promise<number> {
      const rows = await db
        .update(fraisMedical)
        .set({ decompteId: null })
        .where(eq(fraisMedical.decompteId, decompteId))
        .returning({ id: fraisMedical.id });
      return rows.length;
    },

    async decompte(db: Db, scope: Scope, id: string, lock = false): Promise<DecompteRow | null> {
      const query = db
        .select()
        .from(decompte)
        .where(and(eq(decompte.id, id), decompteInScope(scope)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    async decomptesDetail(db: Db, where: SQL): Promise<DecompteDetailRow[]> {
      return db
        .select(decompteFields)
        .from(decompte)
        .innerJoin(sinistre, eq(sinistre.id, decompte.sinistreId))
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .where(where)
        .orderBy(asc(decompte.periodeDu), asc(decompte.numero));
    },

    decomptesDuReglement(db: Db, reglementId: string) {
      return this.decomptesDetail(db, eq(decompte.reglementId, reglementId));
    },

    async decompteDetail(db: Db, id: string): Promise<DecompteDetailRow | null> {
      const [row] = await this.decomptesDetail(db, eq(decompte.id, id));
      return row ?? null;
    },

    async sinistreVisible(db: Db, scope: Scope, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: sinistre.id })
        .from(sinistre)
        .where(
          and(
            eq(sinistre.id, id),
            inScope(scope, { collectiviteId: sinistre.collectiviteId, contratId: sinistre.contratId }),
          ),
        );
      return Boolean(row);
    },

    /** The décomptes of a sinistre of the scope (its payments section), newest first. */
    async decomptesDuSinistre(db: Db, scope: Scope, sinistreId: string) {
      return db
        .select({ ...decompteFields, reglementNumero: reglement.numero, reglementStatut: reglement.statut })
        .from(decompte)
        .innerJoin(sinistre, eq(sinistre.id, decompte.sinistreId))
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .leftJoin(reglement, eq(reglement.id, decompte.reglementId))
        .where(and(eq(decompte.sinistreId, sinistreId), decompteInScope(scope), sql`${decompte.statut} <> 'abandonne'`))
        .orderBy(desc(decompte.periodeDu), desc(decompte.version));
    },

    /** What a run pays: validated décomptes of the scope not yet in a règlement, ended by `au`; locked. */
    async decomptesAPayer(db: Db, scope: Scope, au: string) {
      return db
        .select({
          id: decompte.id,
          collectiviteId: decompte.collectiviteId,
          collectiviteNom: collectivite.nom,
          contratId: decompte.contratId,
          beneficiaire: decompte.beneficiaire,
          praticienNom: decompte.praticienNom,
          praticienIban: decompte.praticienIban,
          praticienBic: decompte.praticienBic,
          aRegler: decompte.aRegler,
          iban: collectivite.iban,
          bic: collectivite.bic,
          titulaire: collectivite.titulaireCompte,
        })
        .from(decompte)
        .innerJoin(collectivite, eq(collectivite.id, decompte.collectiviteId))
        .where(
          and(
            eq(decompte.statut, 'valide'),
            isNull(decompte.reglementId),
            lte(decompte.periodeAu, au),
            decompteInScope(scope),
          ),
        )
        .orderBy(asc(collectivite.nom), asc(decompte.id))
        .for('update', { of: decompte });
    },

    async attacher(db: Db, decompteIds: string[], reglementId: string) {
      await db.update(decompte).set({ reglementId }).where(inArray(decompte.id, decompteIds));
    },

    async deplacer(db: Db, from: string, to: string) {
      await db.update(decompte).set({ reglementId: to }).where(eq(decompte.reglementId, from));
    },

    async insertReglement(db: Db, values: NewReglement): Promise<ReglementRow> {
      const [row] = await db.insert(reglement).values(values).returning();
      return row!;
    },

    async updateReglement(db: Db, id: string, values: Partial<NewReglement>) {
      await db.update(reglement).set(values).where(eq(reglement.id, id));
    },

    async reglement(db: Db, scope: Scope, id: string, lock = false): Promise<ReglementListRow | null> {
      const query = db
        .select(reglementFields)
        .from(reglement)
        .innerJoin(collectivite, eq(collectivite.id, reglement.collectiviteId))
        .where(and(eq(reglement.id, id), reglementInScope(scope)));
      const [row] = lock ? await query.for('update', { of: reglement }) : await query;
      return row ?? null;
    },

    async reglementsLocked(db: Db, scope: Scope, ids: string[]): Promise<ReglementListRow[]> {
      return db
        .select(reglementFields)
        .from(reglement)
        .innerJoin(collectivite, eq(collectivite.id, reglement.collectiviteId))
        .where(and(inArray(reglement.id, ids), reglementInScope(scope)))
        .orderBy(asc(reglement.id))
        .for('update', { of: reglement });
    },

    /** One page, newest first, by keyset on (created_at, id): an index range, whatever the page. */
    async list(db: Db, scope: Scope, q: TReglementsQuery, limit = PAGE): Promise<ReglementListRow[]> {
      const where = [reglementInScope(scope), ...filters(q)];
      const after = q.apres ? parseCursor(q.apres) : null;
      if (after) where.push(sql`(${reglement.createdAt}, ${reglement.id}) < (${after.at}, ${after.id})`);
      return db
        .select(reglementFields)
        .from(reglement)
        .innerJoin(collectivite, eq(collectivite.id, reglement.collectiviteId))
        .where(and(...where))
        .orderBy(desc(reglement.createdAt), desc(reglement.id))
        .limit(limit);
    },

    /** Cents received in a year: règlements paid, by the day they were paid (Europe/Paris). */
    async totalPaye(db: Db, scope: Scope, annee: number): Promise<number> {
      const [row] = await db
        .select({ total: sql<string | null>`sum(${reglement.montant})` })
        .from(reglement)
        .where(
          and(
            reglementInScope(scope),
            eq(reglement.statut, 'paye'),
            sql`extract(year from ${reglement.payeLe} AT TIME ZONE 'Europe/Paris') = ${annee}`,
          ),
        );
      return Number(row?.total ?? 0);
    },

    async parametres(db: Db, organisation: Organisation) {
      const [row] = await db.select().from(reglementParametre).where(ofOrganisation(organisation, reglementParametre));
      return row ?? null;
    },

    async upsertParametres(
      db: Db,
      organisation: Organisation,
      values: { seuilQuatreYeux: number | null; iban: string; bic: string | null; titulaire: string; updatedAt: Date },
    ) {
      const existing = await this.parametres(db, organisation);
      if (existing) {
        await db.update(reglementParametre).set(values).where(eq(reglementParametre.id, existing.id));
        return existing;
      }
      const owner = organisation.kind === 'cdg' ? { cdgId: organisation.id } : { assureurId: organisation.id };
      await db.insert(reglementParametre).values({ ...owner, ...values });
      return null;
    },

    async insertVirement(db: Db, values: typeof virement.$inferInsert) {
      const [row] = await db.insert(virement).values(values).returning();
      return row!;
    },

    async virement(db: Db, scope: Scope, id: string) {
      const owner =
        scope.kind === 'plateforme'
          ? sql`true`
          : scope.kind === 'staff'
            ? ofOrganisation(scope.organisation, virement)
            : sql`false`;
      const [row] = await db
        .select()
        .from(virement)
        .where(and(eq(virement.id, id), owner));
      return row ?? null;
    },

    async coordonnees(db: Db, scope: Scope, collectiviteId: string, lock = false) {
      const query = db
        .select({
          id: collectivite.id,
          iban: collectivite.iban,
          bic: collectivite.bic,
          titulaire: collectivite.titulaireCompte,
        })
        .from(collectivite)
        .where(and(eq(collectivite.id, collectiviteId), inScope(scope, { collectiviteId: collectivite.id })));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    async setCoordonnees(db: Db, collectiviteId: string, c: { iban: string; bic: string | null; titulaire: string }) {
      await db
        .update(collectivite)
        .set({ iban: c.iban, bic: c.bic, titulaireCompte: c.titulaire })
        .where(eq(collectivite.id, collectiviteId));
    },
  };
}

export type ReglementsRepository = ReturnType<typeof createReglementsRepository>;
