import { pageOffset, type TActualite, type ZActualiteInput, type ZActualiteListQuery } from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { NotFound } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { ActualitesRepository } from './actualites.repository.js';

type Row = Awaited<ReturnType<ActualitesRepository['insert']>>;
const present = (r: Row): TActualite => ({ id: r.id, titre: r.titre, contenu: r.contenu, publieeLe: r.publieeLe });

/** News on the home page, written by the platform administrator; future ones stay hidden from others. */
export function createActualitesService(deps: { db: Db; clock: Clock; audit: Audit; repo: ActualitesRepository }) {
  const { db, repo, audit } = deps;
  return {
    async list(ctx: AuthContext, query: z.infer<typeof ZActualiteListQuery>) {
      const editor = ctx.user.staffRole === 'admin_plateforme';
      const { rows, total } = await repo.list(db, {
        publishedBy: editor ? undefined : parisDate(deps.clock.now()),
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
    },
    async create(ctx: AuthContext, input: z.output<typeof ZActualiteInput>, ip: string) {
      return db.transaction(async (tx) => {
        const row = await repo.insert(tx, {
          ...input,
          publieeLe: input.publieeLe ?? parisDate(deps.clock.now()),
          createdBy: ctx.user.id,
        });
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'actualite', entityId: row.id, action: 'creation', changes: { titre: row.titre } },
        );
        return present(row);
      });
    },
    async update(ctx: AuthContext, id: string, input: z.output<typeof ZActualiteInput>, ip: string) {
      return db.transaction(async (tx) => {
        const before = await repo.find(tx, id);
        if (!before) throw NotFound('Actualité introuvable.');
        const row = (await repo.update(tx, id, { ...input, publieeLe: input.publieeLe ?? before.publieeLe }))!;
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'actualite', entityId: id, action: 'modification', changes: diff(before, input) },
        );
        return present(row);
      });
    },
    async remove(ctx: AuthContext, id: string, ip: string) {
      await db.transaction(async (tx) => {
        const before = await repo.find(tx, id);
        if (!before) throw NotFound('Actualité introuvable.');
        await repo.delete(tx, id);
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'actualite', entityId: id, action: 'suppression', changes: { titre: before.titre } },
        );
      });
    },
  };
}
export type ActualitesService = ReturnType<typeof createActualitesService>;
