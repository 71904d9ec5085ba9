import {
  pageOffset,
  parseSort,
  type TCollectivite,
  type TCollectiviteType,
  type ZCollectiviteActivation,
  type ZCollectiviteCreate,
  type ZCollectiviteListQuery,
  type ZCollectiviteUpdate,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Invalid, NotFound, sqlState } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { acrossCollectivites, isStaff } from '../../lib/scope.js';
import type { CollectivitesRepository } from './collectivites.repository.js';

const siretTaken = () =>
  Conflict('siret_existant', 'Une collectivité avec ce SIRET existe déjà.', [
    { field: 'siret', message: 'Ce SIRET est déjà enregistré.' },
  ]);

type Row = NonNullable<Awaited<ReturnType<CollectivitesRepository['findForUpdate']>>>;

const present = (row: Row, cdgNom: string): TCollectivite => ({
  id: row.id,
  nom: row.nom,
  siret: row.siret,
  type: row.type as TCollectiviteType,
  cdgId: row.cdgId,
  cdgNom,
  actif: row.active,
});

export function createCollectivitesService(deps: { db: Db; audit: Audit; repo: CollectivitesRepository }) {
  const { db, repo } = deps;

  async function knownCdg(tx: Db, cdgId: string) {
    const cdg = await repo.cdgExists(tx, cdgId);
    if (!cdg)
      throw Invalid('Centre de gestion inconnu.', [
        { field: 'cdgId', message: 'Choisissez un centre de gestion de la liste.' },
      ]);
    return cdg;
  }
  /** The platform's scope over every collectivité (the routes that edit them are its alone). */
  function platform(ctx: AuthContext) {
    if (!isStaff(ctx.scope)) throw NotFound('Collectivité introuvable.');
    return acrossCollectivites(ctx.scope);
  }

  return {
    /** The collectivités the caller may act in: his own, his CDG's, or all for the platform administrator. */
    async list(ctx: AuthContext, query: z.infer<typeof ZCollectiviteListQuery>) {
      const { column, direction } = parseSort(query.sort, 'nom');
      const { rows, total } = await repo.list(db, ctx.scope, {
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
        const cdg = await knownCdg(tx, input.cdgId);
        try {
          const row = await repo.insert(tx, input);
          await deps.audit.record(tx, actorOf(ctx, ip), {
            entity: 'collectivite',
            entityId: row.id,
            action: 'creation',
            changes: { ...input },
            collectiviteId: row.id,
          });
          return present(row, cdg.nom);
        } catch (e) {
          if (sqlState(e) === '23505') throw siretTaken();
          throw e;
        }
      });
    },

    /** Name, SIRET, type or centre de gestion corrected by the platform administrator; audited field by field. */
    async update(
      ctx: AuthContext,
      id: string,
      input: z.output<typeof ZCollectiviteUpdate>,
      ip: string,
    ): Promise<TCollectivite> {
      try {
        return await db.transaction(async (tx) => {
          const before = await repo.findForUpdate(tx, platform(ctx), id);
          if (!before) throw NotFound('Collectivité introuvable.');
          const cdg = await knownCdg(tx, input.cdgId);
          const row = await repo.update(tx, id, input);
          await deps.audit.record(tx, actorOf(ctx, ip), {
            entity: 'collectivite',
            entityId: id,
            action: 'modification',
            changes: diff(
              { nom: before.nom, siret: before.siret, type: before.type, cdgId: before.cdgId },
              { ...input },
            ),
            collectiviteId: id,
          });
          return present(row, cdg.nom);
        });
      } catch (e) {
        if (sqlState(e) === '23505') throw siretTaken();
        throw e;
      }
    },

    /**
     * Sets a collectivité off (or on again). Its data stay; its members lose access at their next
     * request, because the session's role is read with the collectivité's `active` flag.
     */
    async setActive(
      ctx: AuthContext,
      id: string,
      input: z.output<typeof ZCollectiviteActivation>,
      ip: string,
    ): Promise<TCollectivite> {
      return db.transaction(async (tx) => {
        const before = await repo.findForUpdate(tx, platform(ctx), id);
        if (!before) throw NotFound('Collectivité introuvable.');
        const cdg = await knownCdg(tx, before.cdgId);
        const row = before.active === input.actif ? before : await repo.update(tx, id, { active: input.actif });
        if (before.active !== input.actif) {
          await deps.audit.record(tx, actorOf(ctx, ip), {
            entity: 'collectivite',
            entityId: id,
            action: input.actif ? 'reactivation' : 'desactivation',
            changes: { nom: before.nom },
            collectiviteId: id,
          });
        }
        return present(row, cdg.nom);
      });
    },

    listCdgs: () => repo.listCdgs(db),
  };
}
export type CollectivitesService = ReturnType<typeof createCollectivitesService>;
