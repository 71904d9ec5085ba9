import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { parseCursor } from '../reglements/reglements.repository.js';
import { PAGE } from './cotisations.repository.js';
import { appelCotisation, appelCotisationEcheance } from './cotisations.table.js';
import { encaissementCotisation, relanceEcheance, releveImport, releveLigne } from './encaissements.table.js';

export type EncaissementRow = typeof encaissementCotisation.$inferSelect;
export type ReleveImportRow = typeof releveImport.$inferSelect;
export type ReleveLigneRow = typeof releveLigne.$inferSelect;

/** An open call (issued, not settled, something to cash) with its échéances in order. */
export type AppelOuvertRow = {
  id: string;
  numero: string;
  total: number;
  encaisse: number;
  echeances: { rang: number; dateEcheance: string; montant: number }[];
};

const OUVERT = sql`${appelCotisation.statut} IN ('emis', 'paye_partiellement') AND ${appelCotisation.total} > 0`;

export function createEncaissementsRepository() {
  /** The échéances of some calls, grouped by call. */
  async function echeancesDe(db: Db, ids: string[]) {
    const byAppel = new Map<string, AppelOuvertRow['echeances']>();
    if (ids.length === 0) return byAppel;
    const rows = await db
      .select()
      .from(appelCotisationEcheance)
      .where(inArray(appelCotisationEcheance.appelId, ids))
      .orderBy(asc(appelCotisationEcheance.appelId), asc(appelCotisationEcheance.rang));
    for (const e of rows) {
      const list = byAppel.get(e.appelId) ?? [];
      list.push({ rang: e.rang, dateEcheance: e.dateEcheance, montant: e.montant });
      byAppel.set(e.appelId, list);
    }
    return byAppel;
  }

  return {
    echeancesDe,

    async insertEncaissement(db: Db, values: typeof encaissementCotisation.$inferInsert): Promise<EncaissementRow> {
      const [row] = await db.insert(encaissementCotisation).values(values).returning();
      return row!;
    },

    /** A call's payments, oldest first (the caller checked the call is in scope). */
    async encaissements(db: Db, appelId: string): Promise<EncaissementRow[]> {
      return db
        .select()
        .from(encaissementCotisation)
        .where(eq(encaissementCotisation.appelId, appelId))
        .orderBy(asc(encaissementCotisation.date), asc(encaissementCotisation.createdAt));
    },

    /**
     * The open calls of the scope with their échéances; `lock` takes them `FOR UPDATE` in id order
     * (two imports applied at once wait for each other rather than deadlock).
     */
    async appelsOuverts(db: Db, scope: Scope, lock = false): Promise<AppelOuvertRow[]> {
      const query = db
        .select({
          id: appelCotisation.id,
          numero: appelCotisation.numero,
          total: appelCotisation.total,
          encaisse: appelCotisation.encaisse,
        })
        .from(appelCotisation)
        .where(
          and(
            OUVERT,
            inScope(scope, { collectiviteId: appelCotisation.collectiviteId, contratId: appelCotisation.contratId }),
          ),
        )
        .orderBy(asc(appelCotisation.id));
      const appels = lock ? await query.for('update') : await query;
      const echeances = await echeancesDe(
        db,
        appels.map((a) => a.id),
      );
      return appels.map((a) => ({ ...a, echeances: echeances.get(a.id) ?? [] }));
    },

    /** Those of `empreintes` already applied by an import of the organisation. */
    async dejaImportees(db: Db, organisationId: string, empreintes: string[]): Promise<Set<string>> {
      if (empreintes.length === 0) return new Set();
      const rows = await db
        .select({ empreinte: releveLigne.empreinte })
        .from(releveLigne)
        .where(
          and(
            eq(releveLigne.organisationId, organisationId),
            eq(releveLigne.applique, true),
            inArray(releveLigne.empreinte, empreintes),
          ),
        );
      return new Set(rows.map((r) => r.empreinte));
    },

    async insertImport(db: Db, values: typeof releveImport.$inferInsert): Promise<ReleveImportRow> {
      const [row] = await db.insert(releveImport).values(values).returning();
      return row!;
    },

    async updateImport(db: Db, id: string, values: Partial<typeof releveImport.$inferInsert>) {
      await db.update(releveImport).set(values).where(eq(releveImport.id, id));
    },

    async insertLignes(db: Db, lignes: (typeof releveLigne.$inferInsert)[]) {
      for (let i = 0; i < lignes.length; i += 500) await db.insert(releveLigne).values(lignes.slice(i, i + 500));
    },

    /** Replaces an import's lines (matched again when applied). */
    async replaceLignes(db: Db, importId: string, lignes: (typeof releveLigne.$inferInsert)[]) {
      await db.delete(releveLigne).where(eq(releveLigne.importId, importId));
      for (let i = 0; i < lignes.length; i += 500) await db.insert(releveLigne).values(lignes.slice(i, i + 500));
    },

    async releveImport(db: Db, organisationId: string, id: string, lock = false): Promise<ReleveImportRow | null> {
      const query = db
        .select()
        .from(releveImport)
        .where(and(eq(releveImport.id, id), eq(releveImport.organisationId, organisationId)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    async lignes(db: Db, importId: string): Promise<ReleveLigneRow[]> {
      return db.select().from(releveLigne).where(eq(releveLigne.importId, importId)).orderBy(asc(releveLigne.ligne));
    },

    /** The organisation's imports, newest first, by keyset on (created_at, id). */
    async imports(db: Db, organisationId: string, apres: string | undefined): Promise<ReleveImportRow[]> {
      const where: (SQL | undefined)[] = [eq(releveImport.organisationId, organisationId)];
      const after = apres ? parseCursor(apres) : null;
      if (after) where.push(sql`(${releveImport.createdAt}, ${releveImport.id}) < (${after.at}, ${after.id})`);
      return db
        .select()
        .from(releveImport)
        .where(and(...where))
        .orderBy(desc(releveImport.createdAt), desc(releveImport.id))
        .limit(PAGE + 1);
    },

    // -- reminders

    /** Open calls with an échéance due on or before `limite` that was never reminded. */
    async aRelancer(db: Db, limite: string) {
      return db
        .select({
          id: appelCotisation.id,
          numero: appelCotisation.numero,
          annee: appelCotisation.annee,
          encaisse: appelCotisation.encaisse,
          collectiviteId: appelCotisation.collectiviteId,
          collectiviteNom: collectivite.nom,
        })
        .from(appelCotisation)
        .innerJoin(collectivite, eq(collectivite.id, appelCotisation.collectiviteId))
        .where(
          and(
            OUVERT,
            eq(collectivite.active, true),
            sql`EXISTS (SELECT 1 FROM appel_cotisation_echeance e
              WHERE e.appel_id = ${appelCotisation.id} AND e.date_echeance <= ${limite}::date
                AND NOT EXISTS (SELECT 1 FROM relance_echeance r WHERE r.appel_id = e.appel_id AND r.rang = e.rang))`,
          ),
        )
        .orderBy(asc(appelCotisation.id));
    },

    /** Marks an échéance reminded; false when another run already did. */
    async marquerRelance(db: Db, appelId: string, rang: number, at: Date, destinataires: number): Promise<boolean> {
      const rows = await db
        .insert(relanceEcheance)
        .values({ appelId, rang, envoyeeLe: at, destinataires })
        .onConflictDoNothing()
        .returning({ rang: relanceEcheance.rang });
      return rows.length === 1;
    },

    /** The échéances of a call already reminded. */
    async relancees(db: Db, appelId: string): Promise<Set<number>> {
      const rows = await db
        .select({ rang: relanceEcheance.rang })
        .from(relanceEcheance)
        .where(eq(relanceEcheance.appelId, appelId));
      return new Set(rows.map((r) => r.rang));
    },
  };
}

export type EncaissementsRepository = ReturnType<typeof createEncaissementsRepository>;
