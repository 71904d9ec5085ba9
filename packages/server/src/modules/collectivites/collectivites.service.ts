import {
  pageOffset,
  parseSort,
  type TCollectivite,
  type TCollectiviteType,
  type ZCollectiviteCreate,
  type ZCollectiviteListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Invalid, sqlState } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import type { CollectivitesRepository, Scope } from './collectivites.repository.js';

function scopeOf(ctx: AuthContext): Scope {
  if (ctx.user.staffRole === 'admin_plateforme') return { kind: 'all' };
  if (ctx.user.staffRole === 'gestionnaire')
    return { kind: 'cdg', cdgId: ctx.user.staffCdgId ?? '00000000-0000-0000-0000-000000000000' };
  return { kind: 'member', userId: ctx.user.id };
}

export function createCollectivitesService(deps: { db: Db; audit: Audit; repo: CollectivitesRepository }) {
  const { db, repo } = deps;
  return {
    /** The collectivités the caller may act in: his own, his CDG's, or all for the platform administrator. */
    async list(ctx: AuthContext, query: z.infer<typeof ZCollectiviteListQuery>) {
      const { column, direction } = parseSort(query.sort, 'nom');
      const { rows, total } = await repo.list(db, scopeOf(ctx), {
        search: query.q,
        sort: column as 'nom' | 'siret',
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      const items: TCollectivite[] = rows.map((r) => ({ ...r, type: r.type as TCollectiviteType }));
      return { items, total, page: query.page, pageSize: query.pageSize };
    },

    async create(ctx: AuthContext, input: z.output<typeof ZCollectiviteCreate>, ip: string): Promise<TCollectivite> {
      return db.transaction(async (tx) => {
        const cdg = await repo.cdgExists(tx, input.cdgId);
        if (!cdg)
          throw Invalid('Centre de gestion inconnu.', [
            { field: 'cdgId', message: 'Choisissez un centre de gestion de la liste.' },
          ]);
        try {
          const row = await repo.insert(tx, input);
          await deps.audit.record(tx, actorOf(ctx, ip), {
            entity: 'collectivite',
            entityId: row.id,
            action: 'creation',
            changes: { ...input },
            collectiviteId: row.id,
          });
          return {
            id: row.id,
            nom: row.nom,
            siret: row.siret,
            type: row.type as TCollectiviteType,
            cdgId: row.cdgId,
            cdgNom: cdg.nom,
          };
        } catch (e) {
          if (sqlState(e) === '23505') {
            throw Conflict('siret_existant', 'Une collectivité avec ce SIRET existe déjà.', [
              { field: 'siret', message: 'Ce SIRET est déjà enregistré.' },
            ]);
          }
          throw e;
        }
      });
    },

    listCdgs: () => repo.listCdgs(db),
  };
}
export type CollectivitesService = ReturnType<typeof createCollectivitesService>;
