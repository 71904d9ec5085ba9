import type { TGarantie } from '@statutis/domain';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { adhesion, assureur, collectivite, contrat, contratDocument, garantie } from '../../db/schema.js';

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
  createdAt: contrat.createdAt,
  assureur: sql<string | null>`(SELECT nom FROM assureur WHERE id = ${contrat.assureurId})`,
  courtier: sql<string | null>`(SELECT nom FROM assureur WHERE id = ${contrat.courtierId})`,
};

/** Who sees which contracts: the collectivité its adhesions, a gestionnaire his CDG's, the platform all. */
export type ContratScope =
  | { kind: 'collectivite'; collectiviteId: string }
  | { kind: 'cdg'; cdgId: string }
  | { kind: 'all' };

function scopeWhere(scope: ContratScope) {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'cdg') return eq(contrat.cdgId, scope.cdgId);
  return sql`EXISTS (SELECT 1 FROM adhesion a WHERE a.contrat_id = ${contrat.id} AND a.collectivite_id = ${scope.collectiviteId})`;
}

export function createContratsRepository() {
  const dateAdhesion = (scope: ContratScope) =>
    scope.kind === 'collectivite'
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
    async replaceGaranties(db: Db, contratId: string, garanties: TGarantie[]) {
      await db.delete(garantie).where(eq(garantie.contratId, contratId));
      if (garanties.length > 0) await db.insert(garantie).values(garanties.map((g) => ({ ...g, contratId })));
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
    async findDocument(db: Db, contratId: string, documentId: string) {
      const [row] = await db
        .select()
        .from(contratDocument)
        .where(and(eq(contratDocument.contratId, contratId), eq(contratDocument.id, documentId)));
      return row ?? null;
    },
    async insertDocument(db: Db, values: typeof contratDocument.$inferInsert) {
      const [row] = await db.insert(contratDocument).values(values).returning();
      return row!;
    },
    async deleteDocument(db: Db, id: string) {
      await db.delete(contratDocument).where(eq(contratDocument.id, id));
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
    async insert(db: Db, values: typeof contrat.$inferInsert) {
      const [row] = await db.insert(contrat).values(values).returning({ id: contrat.id });
      return row!.id;
    },
    async update(db: Db, id: string, values: Partial<typeof contrat.$inferInsert>) {
      await db.update(contrat).set(values).where(eq(contrat.id, id));
    },

    async adhesions(db: Db, contratId: string) {
      return db
        .select({ collectiviteId: adhesion.collectiviteId, nom: collectivite.nom, dateAdhesion: adhesion.dateAdhesion })
        .from(adhesion)
        .innerJoin(collectivite, eq(collectivite.id, adhesion.collectiviteId))
        .where(eq(adhesion.contratId, contratId))
        .orderBy(asc(collectivite.nom))
        .limit(1000);
    },
    async upsertAdhesion(db: Db, contratId: string, collectiviteId: string, dateAdhesion: string) {
      await db
        .insert(adhesion)
        .values({ contratId, collectiviteId, dateAdhesion })
        .onConflictDoUpdate({ target: [adhesion.collectiviteId, adhesion.contratId], set: { dateAdhesion } });
    },
    async deleteAdhesion(db: Db, contratId: string, collectiviteId: string) {
      const rows = await db
        .delete(adhesion)
        .where(and(eq(adhesion.contratId, contratId), eq(adhesion.collectiviteId, collectiviteId)))
        .returning({ id: adhesion.contratId });
      return rows.length > 0;
    },
    async collectiviteInScope(db: Db, collectiviteId: string, cdgId: string | null) {
      const [row] = await db
        .select({ id: collectivite.id, nom: collectivite.nom })
        .from(collectivite)
        .where(and(eq(collectivite.id, collectiviteId), cdgId ? eq(collectivite.cdgId, cdgId) : undefined));
      return row ?? null;
    },
  };
}
export type ContratsRepository = ReturnType<typeof createContratsRepository>;
