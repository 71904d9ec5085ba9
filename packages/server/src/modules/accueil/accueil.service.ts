import { addDays, compteBorne, type TAFaire } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { TenantContext } from '../../http/context.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { AccueilRepository } from './accueil.repository.js';

/** The home page's « À faire » of the current collectivité. */
export function createAccueilService(deps: { db: Db; clock: Clock; repo: AccueilRepository }) {
  const { db, repo } = deps;
  return {
    async aFaire(ctx: TenantContext): Promise<TAFaire> {
      const now = deps.clock.now();
      const id = ctx.collectiviteId;
      const delaisPiecesJours = await repo.delaisPieces(db, id);
      const plusCourt = delaisPiecesJours[0];
      const [brouillons, piecesManquantes, commentairesNonLus, enRetard] = await Promise.all([
        repo.brouillons(db, id),
        repo.piecesManquantes(db, id),
        repo.commentairesNonLus(db, id),
        plusCourt === undefined ? 0 : repo.enRetard(db, id, now, addDays(parisDate(now), 1 - plusCourt)),
      ]);
      return {
        brouillons: compteBorne(brouillons),
        piecesManquantes: compteBorne(piecesManquantes),
        commentairesNonLus: compteBorne(commentairesNonLus),
        enRetard: compteBorne(enRetard),
        delaisPiecesJours,
      };
    },
  };
}

export type AccueilService = ReturnType<typeof createAccueilService>;
