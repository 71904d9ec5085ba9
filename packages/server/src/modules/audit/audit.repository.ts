import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type TenantScope } from '../../lib/scope.js';
import { auditEvent } from './audit.table.js';

export function createAuditRepository() {
  return {
    async list(
      db: Db,
      scope: TenantScope,
      q: { entity?: string; direction: 'asc' | 'desc'; limit: number; offset: number },
    ) {
      const where = and(
        inScope(scope, { collectiviteId: auditEvent.collectiviteId }),
        q.entity ? eq(auditEvent.entity, q.entity) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(auditEvent)
          .where(where)
          .orderBy(q.direction === 'asc' ? asc(auditEvent.at) : desc(auditEvent.at), desc(auditEvent.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(auditEvent).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
