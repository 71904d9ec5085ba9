import type { TGarantie } from '@statutis/domain';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type Scope, type StaffScope } from '../../lib/scope.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { adhesion, assureur, contrat, contratDocument, garantie } from './contrats.table.js';

export type ContratRow = typeof contrat.$inferSelect & {
  assureur: string | null;
  courtier: string | null;
  dateAdhesion: string | null;
};

const columns = {
  id: contrat.id,
  numero: contrat.numero,
  libelle: contrat.libelle,
  regime: contrat.regime,
  cdgId: contrat.cdgId,
  assureurId: contrat.assureurId,
  courtierId: contrat.courtierId,
  dateEffet: contrat.dateEffet,
  dateFin: contrat.dateFin,
  preavisAssureurMois: contrat.preavisAssureurMois,
  preavisAssureMois: contrat.preavisAssureMois,
  tauxCotisation: contrat.tauxCotisation,
  elementsAssurables: contrat.elementsAssurables,
  successeurId: contrat.successeurId,
  createdAt: contrat.createdAt,
  assureur: sql<string | null>`(SELECT nom FROM assureur WHERE id = ${contrat.assureurId})`,
  courtier: sql<string | null>`(SELECT nom FROM assureur WHERE id = ${contrat.courtierId})`,
};

/** Who sees which contracts: the collectivité its adhesions, a gestionnaire his organisation's, the platform all. */
export type ContratScope = Scope;

const scopeWhere = (scope: Scope) => contratInScope(scope, contrat.id);

/**
 * Locks the contract if it is in the scope, so that the writes which follow in the transaction
 * (garanties, documents, adhesions: rows without a CDG of their own) only land on a contract of it.
 */
async function lockInScope(db: Db, scope: ContratScope, id: string) {
  const [row] = await db
    .select({ id: contrat.id })
    .from(contrat)
    .where(and(eq(contrat.id, id), scopeWhere(scope)))
    .for('update');
  return row !== undefined;
}

async function collectiviteInScope(db: Db, scope: StaffScope, collectiviteId: string) {
  const [row] = await db
    .select({ id: collectivite.id, nom: collectivite.nom })
    .from(collectivite)
    .where(and(eq(collectivite.id, collectiviteId), inScope(scope, { collectiviteId: collectivite.id })));
  return row ?? null;
}

export function createContratsRepository() {
  const dateAdhesion = (scope: ContratScope) =>
    scope.kind !== 'compte' && scope.collectiviteId
      ? sql<
          string | null
        >`(SELECT date_adhesion::text FROM adhesion a WHERE a.contrat_id = ${contrat.id} AND a.collectivite_id = ${scope.collectiviteId})`
      : sql<string | null>`NULL::text`;

  return {
    async list(
      db: Db,
      scope: ContratScope,
      q: {
        regime?: 'CNRACL' | 'IRCANTEC';
        sort: 'numero' | 'dateEffet';
        direction: 'asc' | 'desc';
        limit: number;
        offset: number;
      },
    ) {
      const where = and(scopeWhere(scope), q.regime ? eq(contrat.regime, q.regime) : undefined);
      const column = q.sort === 'dateEffet' ? contrat.dateEffet : contrat.numero;
      const [rows, [total]] = await Promise.all([
        db
          .select({ ...columns, dateAdhesion: dateAdhesion(scope) })
          .from(contrat)
          .where(where)
          .orderBy(q.direction === 'desc' ? desc(column) : asc(column), asc(contrat.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(contrat).where(where),
      ]);
      return { rows: rows as ContratRow[], total: total?.n ?? 0 };
    },

    async find(db: Db, scope: ContratScope, id: string): Promise<ContratRow | null> {
      const [row] = await db
        .select({ ...columns, dateAdhesion: dateAdhesion(scope) })
        .from(contrat)
        .where(and(eq(contrat.id, id), scopeWhere(scope)));
      return (row as ContratRow | undefined) ?? null;
    },

    async garanties(db: Db, contratId: string): Promise<TGarantie[]> {
      const rows = await db
        .select()
        .from(garantie)
        .where(eq(garantie.contratId, contratId))
        .orderBy(asc(garantie.risque));
      return rows.map(({ contratId: _, ...g }) => g as TGarantie);
    },
    /** Replaces the garanties of a contract of the scope; false when it is not one. */
    async replaceGaranties(db: Db, scope: StaffScope, contratId: string, garanties: TGarantie[]) {
      if (!(await lockInScope(db, scope, contratId))) return false;
      await db.delete(garantie).where(eq(garantie.contratId, contratId));
      if (garanties.length > 0) await db.insert(garantie).values(garanties.map((g) => ({ ...g, contratId })));
      return true;
    },

    async documents(db: Db, contratId: string) {
      return db
        .select({
          id: contratDocument.id,
          nom: contratDocument.nom,
          taille: contratDocument.taille,
          createdAt: contratDocument.createdAt,
          storageKey: contratDocument.storageKey,
        })
        .from(contratDocument)
        .where(eq(contratDocument.contratId, contratId))
        .orderBy(asc(contratDocument.createdAt));
    },
    async findDocument(db: Db, scope: ContratScope, contratId: string, documentId: string) {
      const [row] = await db
        .select({ document: contratDocument })
        .from(contratDocument)
        .innerJoin(contrat, eq(contrat.id, contratDocument.contratId))
        .where(and(eq(contratDocument.contratId, contratId), eq(contratDocument.id, documentId), scopeWhere(scope)));
      return row?.document ?? null;
    },
    /** Adds a document to a contract of the scope; null when it is not one. */
    async insertDocument(db: Db, scope: StaffScope, values: typeof contratDocument.$inferInsert) {
      if (!(await lockInScope(db, scope, values.contratId))) return null;
      const [row] = await db.insert(contratDocument).values(values).returning();
      return row!;
    },
    /** Removes a document of a contract of the scope; its storage key, or null when there is none. */
    async deleteDocument(db: Db, scope: StaffScope, contratId: string, documentId: string) {
      const [row] = await db
        .delete(contratDocument)
        .where(
          and(
            eq(contratDocument.contratId, contratId),
            eq(contratDocument.id, documentId),
            contratInScope(scope, contratDocument.contratId),
          ),
        )
        .returning({ nom: contratDocument.nom, storageKey: contratDocument.storageKey });
      return row ?? null;
    },

    /** Finds or creates an insurer or broker by name. */
    async partyId(db: Db, nom: string, kind: 'assureur' | 'courtier'): Promise<string> {
      await db.insert(assureur).values({ nom, kind }).onConflictDoNothing();
      const [row] = await db
        .select({ id: assureur.id })
        .from(assureur)
        .where(and(eq(assureur.nom, nom), eq(assureur.kind, kind)));
      return row!.id;
    },
    /** A new contract belongs to the gestionnaire's CDG (to none when the platform creates it). */
    async insert(db: Db, scope: StaffScope, values: Omit<typeof contrat.$inferInsert, 'cdgId'>) {
      const cdgId = scope.kind === 'staff' && scope.organisation.kind === 'cdg' ? scope.organisation.id : null;
      const [row] = await db
        .insert(contrat)
        .values({ ...values, cdgId })
        .returning({ id: contrat.id });
      return row!.id;
    },
    /** Updates a contract of the scope; false when it is not one. */
    async update(db: Db, scope: StaffScope, id: string, values: Partial<Omit<typeof contrat.$inferInsert, 'cdgId'>>) {
      const rows = await db
        .update(contrat)
        .set(values)
        .where(and(eq(contrat.id, id), scopeWhere(scope)))
        .returning({ id: contrat.id });
      return rows.length > 0;
    },

    /** The adhesions of a contract, limited to the collectivités of the scope. */
    async adhesions(db: Db, scope: StaffScope, contratId: string) {
      return db
        .select({ collectiviteId: adhesion.collectiviteId, nom: collectivite.nom, dateAdhesion: adhesion.dateAdhesion })
        .from(adhesion)
        .innerJoin(collectivite, eq(collectivite.id, adhesion.collectiviteId))
        .where(and(eq(adhesion.contratId, contratId), inScope(scope, { collectiviteId: collectivite.id })))
        .orderBy(asc(collectivite.nom))
        .limit(1000);
    },
    /** Links a collectivité of the scope to a contract of the scope; false when either is out of it. */
    async upsertAdhesion(db: Db, scope: StaffScope, contratId: string, collectiviteId: string, dateAdhesion: string) {
      if (!(await lockInScope(db, scope, contratId))) return false;
      if (!(await collectiviteInScope(db, scope, collectiviteId))) return false;
      await db
        .insert(adhesion)
        .values({ contratId, collectiviteId, dateAdhesion })
        .onConflictDoUpdate({ target: [adhesion.collectiviteId, adhesion.contratId], set: { dateAdhesion } });
      return true;
    },
    /** Ends an adhesion whose contract and collectivité are both in the scope; false when there is none. */
    async deleteAdhesion(db: Db, scope: StaffScope, contratId: string, collectiviteId: string) {
      const rows = await db
        .delete(adhesion)
        .where(
          and(
            eq(adhesion.contratId, contratId),
            eq(adhesion.collectiviteId, collectiviteId),
            contratInScope(scope, adhesion.contratId),
            inScope(scope, { collectiviteId: adhesion.collectiviteId }),
          ),
        )
        .returning({ id: adhesion.contratId });
      return rows.length > 0;
    },
    collectiviteInScope,
  };
}
export type ContratsRepository = ReturnType<typeof createContratsRepository>;
