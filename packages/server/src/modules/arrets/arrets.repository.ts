import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { contratOfSinistre } from '../sinistres/sinistres.repository.js';
import { arret } from './arrets.table.js';

export type ArretRow = typeof arret.$inferSelect;

/** An arrêt in the scope: its collectivité's, and for an insurer's staff, of a sinistre of his contracts. */
const arretInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: arret.collectiviteId, contratId: contratOfSinistre(arret.sinistreId) });

/** The arrêts of sinistres. */
export function createArretsRepository() {
  return {
    async arrets(db: Db, scope: Scope, sinistreId: string): Promise<ArretRow[]> {
      return db
        .select()
        .from(arret)
        .where(and(arretInScope(scope), eq(arret.sinistreId, sinistreId)))
        .orderBy(asc(arret.debut));
    },
    /** The agent's arrêts of other sinistres, to refuse overlaps (an agent belongs to one collectivité). */
    async autresArretsAgent(db: Db, scope: Scope, agentId: string, sinistreId: string): Promise<ArretRow[]> {
      return db
        .select()
        .from(arret)
        .where(
          and(
            inScope(scope, { collectiviteId: arret.collectiviteId }),
            eq(arret.agentId, agentId),
            ne(arret.sinistreId, sinistreId),
          ),
        )
        .orderBy(asc(arret.debut))
        .limit(5000);
    },
    async insertArret(db: Db, values: typeof arret.$inferInsert) {
      const [row] = await db.insert(arret).values(values).returning({ id: arret.id });
      return row!.id;
    },
    async updateArret(db: Db, scope: Scope, arretId: string, values: Partial<typeof arret.$inferInsert>) {
      await db
        .update(arret)
        .set(values)
        .where(and(arretInScope(scope), eq(arret.id, arretId)));
    },
  };
}
export type ArretsRepository = ReturnType<typeof createArretsRepository>;
