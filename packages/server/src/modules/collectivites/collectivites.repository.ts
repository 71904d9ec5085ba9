import { and, asc, count, desc, eq, exists, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  acrossCollectivites,
  collectiviteOuverte,
  inScope,
  isStaff,
  type Scope,
  type StaffScope,
} from '../../lib/scope.js';
import { membership } from '../users/users.table.js';
import { cdg, collectivite } from './collectivites.table.js';

export function createCollectivitesRepository() {
  return {
    async list(
      db: Db,
      scope: Scope,
      q: { search?: string; sort: 'nom' | 'siret'; direction: 'asc' | 'desc'; limit: number; offset: number },
    ) {
      const pattern = q.search ? `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const staff = isStaff(scope);
      const where = and(
        staff ? inScope(acrossCollectivites(scope), { collectiviteId: collectivite.id }) : undefined,
        // A collectivité set off is listed to the platform administrator only.
        collectiviteOuverte(scope, collectivite.active),
        staff
          ? undefined
          : exists(
              db
                .select({ one: sql`1` })
                .from(membership)
                .where(
                  and(
                    eq(membership.collectiviteId, collectivite.id),
                    eq(membership.userId, scope.userId),
                    eq(membership.active, true),
                  ),
                ),
            ),
        pattern ? or(ilike(collectivite.nom, pattern), ilike(collectivite.siret, pattern)) : undefined,
      );
      const column = q.sort === 'siret' ? collectivite.siret : collectivite.nom;
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: collectivite.id,
            nom: collectivite.nom,
            siret: collectivite.siret,
            type: collectivite.type,
            cdgId: collectivite.cdgId,
            cdgNom: cdg.nom,
            actif: collectivite.active,
          })
          .from(collectivite)
          .innerJoin(cdg, eq(cdg.id, collectivite.cdgId))
          .where(where)
          .orderBy(q.direction === 'desc' ? desc(column) : asc(column), asc(collectivite.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(collectivite).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /** One collectivité of the scope, locked for the rest of the transaction (an edit reads, then writes). */
    async findForUpdate(db: Db, scope: StaffScope, id: string) {
      const [row] = await db
        .select()
        .from(collectivite)
        .where(and(eq(collectivite.id, id), inScope(scope, { collectiviteId: collectivite.id })))
        .for('update');
      return row ?? null;
    },
    /** Updates a collectivité that `findForUpdate` has just read and locked in the scope. */
    async update(db: Db, id: string, values: Partial<typeof collectivite.$inferInsert>) {
      const [row] = await db.update(collectivite).set(values).where(eq(collectivite.id, id)).returning();
      return row!;
    },
    async insert(db: Db, values: typeof collectivite.$inferInsert) {
      const [row] = await db.insert(collectivite).values(values).returning();
      return row!;
    },
    async cdgExists(db: Db, id: string) {
      const [row] = await db.select({ id: cdg.id, nom: cdg.nom }).from(cdg).where(eq(cdg.id, id));
      return row ?? null;
    },
    async listCdgs(db: Db) {
      return db.select({ id: cdg.id, nom: cdg.nom }).from(cdg).orderBy(asc(cdg.nom)).limit(200);
    },
  };
}
export type CollectivitesRepository = ReturnType<typeof createCollectivitesRepository>;
