import { pageOffset, parseSort, type TAuditEvent, type ZAuditListQuery } from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { TenantContext } from '../../http/context.js';
import type { AuditRepository } from './audit.repository.js';

export function createAuditService(deps: { db: Db; repo: AuditRepository }) {
  return {
    /** The collectivité's log, newest first unless asked otherwise. */
    async list(ctx: TenantContext, query: z.infer<typeof ZAuditListQuery>) {
      const { direction } = parseSort(query.sort ?? '-at', 'at');
      const { rows, total } = await deps.repo.list(deps.db, ctx.scope, {
        entity: query.entity,
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      const items: TAuditEvent[] = rows.map((r) => ({
        id: String(r.id),
        at: r.at.toISOString(),
        userId: r.userId,
        userLabel: r.userLabel,
        // Staff actions read « Centre de gestion — Prénom NOM »; rows written before the column, as before.
        auteur: r.signature ?? r.userLabel,
        organisation: r.organisation,
        entity: r.entity,
        entityId: r.entityId,
        action: r.action,
        changes: (r.changes as Record<string, unknown> | null) ?? null,
      }));
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
