import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { cdg, collectivite } from '../collectivites/collectivites.table.js';
import { contratOfSinistre } from '../sinistres/sinistres.repository.js';
import { enqueteAdministrative } from './enquete.table.js';

export type EnqueteRow = typeof enqueteAdministrative.$inferSelect;

/** The enquête administrative of accidents, and the employer printed on their documents. */
export function createEnqueteRepository() {
  return {
    async enquete(db: Db, scope: Scope, sinistreId: string): Promise<EnqueteRow | null> {
      const [row] = await db
        .select()
        .from(enqueteAdministrative)
        .where(
          and(
            inScope(scope, {
              collectiviteId: enqueteAdministrative.collectiviteId,
              contratId: contratOfSinistre(enqueteAdministrative.sinistreId),
            }),
            eq(enqueteAdministrative.sinistreId, sinistreId),
          ),
        );
      return row ?? null;
    },
    /** Writes the enquête of a sinistre the caller has found in his scope. */
    async saveEnquete(db: Db, values: typeof enqueteAdministrative.$inferInsert) {
      const { sinistreId: _, collectiviteId: __, ...rest } = values;
      await db
        .insert(enqueteAdministrative)
        .values(values)
        .onConflictDoUpdate({ target: enqueteAdministrative.sinistreId, set: rest });
    },
    /** The employer as printed on the generated documents. */
    async employeur(db: Db, scope: Scope, collectiviteId: string) {
      const [row] = await db
        .select({ nom: collectivite.nom, siret: collectivite.siret, cdg: cdg.nom })
        .from(collectivite)
        .innerJoin(cdg, eq(cdg.id, collectivite.cdgId))
        .where(and(eq(collectivite.id, collectiviteId), inScope(scope, { collectiviteId: collectivite.id })));
      return row ?? null;
    },
  };
}
export type EnqueteRepository = ReturnType<typeof createEnqueteRepository>;
