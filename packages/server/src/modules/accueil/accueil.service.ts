import { addDays, compteBorne, type TAFaire } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { TenantContext } from '../../http/context.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { AccueilRepository, Trouves } from './accueil.repository.js';

const aucun: Trouves = { ids: [], pieces: 0 };
/** The count, and the sinistre itself when it is the only one: the link then leads straight to it. */
const compte = (t: Trouves, n = t.ids.length) => ({
  ...compteBorne(n),
  sinistreId: t.ids.length === 1 ? t.ids[0]! : null,
});

/** The home page's « À faire » of the current collectivité. */
export function createAccueilService(deps: { db: Db; clock: Clock; repo: AccueilRepository }) {
  const { db, repo } = deps;
  return {
    async aFaire(ctx: TenantContext): Promise<TAFaire> {
      const now = deps.clock.now();
      const id = ctx.scope;
      const delaisPiecesJours = await repo.delaisPieces(db, id);
      const plusCourt = delaisPiecesJours[0];
      const [brouillons, piecesManquantes, commentairesNonLus, enRetard] = await Promise.all([
        repo.brouillons(db, id),
        repo.piecesManquantes(db, id),
        repo.commentairesNonLus(db, id),
        plusCourt === undefined ? aucun : repo.enRetard(db, id, now, addDays(parisDate(now), 1 - plusCourt)),
      ]);
      return {
        brouillons: compte(brouillons),
        // Each incomplete sinistre misses at least one piece: LIMIT sinistres read already mean « 99+ ».
        piecesManquantes: compte(piecesManquantes, piecesManquantes.pieces),
        commentairesNonLus: compte(commentairesNonLus),
        enRetard: compte(enRetard),
        delaisPiecesJours,
      };
    },
  };
}

export type AccueilService = ReturnType<typeof createAccueilService>;
