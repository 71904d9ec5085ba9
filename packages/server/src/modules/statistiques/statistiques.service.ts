import {
  calculerIndicateurs,
  choixPeriode,
  estProblemePeriode,
  type Lecteur,
  masquerStatistiques,
  periodePrecedente,
  resoudrePeriode,
  statistiquesCollectivite,
  type TStatistiquesQuery,
  type TTableauDeBord,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { TenantScope } from '../../lib/scope.js';
import { effectifPour, fenetreAvecPrecedent, type StatistiquesRepository } from './statistiques.repository.js';

/**
 * The absenteeism dashboard of the current collectivité: the domain's statistics over the chosen period and
 * the previous equal one, from one load of the inputs. Whoever is not the collectivité itself (its CDG, an
 * insurer, the platform) gets them through `masquerStatistiques`: small numbers hidden.
 */
export function createStatistiquesService(deps: { db: Db; repo: StatistiquesRepository; clock: Clock }) {
  const { db, repo, clock } = deps;
  return {
    async tableauDeBord(scope: TenantScope, q: TStatistiquesQuery): Promise<TTableauDeBord> {
      const collectivite = await repo.collectivite(db, scope, scope.collectiviteId);
      if (!collectivite) throw NotFound('Collectivité introuvable.');
      const auJour = parisDate(clock.now());
      const periode = resoudrePeriode(choixPeriode(q, auJour), auJour);
      if (estProblemePeriode(periode)) throw Invalid(periode.message, [periode]);
      const precedente = periodePrecedente(periode);
      const entrees = (await repo.entrees(db, scope, [collectivite.id], fenetreAvecPrecedent(periode))).get(
        collectivite.id,
      )!;
      const options = { maternite: q.maternite };
      const avant = { effectif: effectifPour(entrees, precedente), arrets: entrees.arrets };
      const stats = statistiquesCollectivite({
        periode,
        effectif: effectifPour(entrees, periode),
        arrets: entrees.arrets,
        options,
        precedent: avant,
      });
      const lecteur: Lecteur =
        scope.kind === 'membre' ? { type: 'collectivite', collectiviteId: scope.collectiviteId } : { type: 'cdg' };
      const vues = masquerStatistiques(stats, collectivite.id, lecteur);
      // The previous period's indicators, hidden by the same rule (masquerStatistiques reads only them here).
      const indicateursAvant = masquerStatistiques(
        { ...stats, indicateurs: calculerIndicateurs({ periode: precedente, ...avant, options }).indicateurs },
        collectivite.id,
        lecteur,
      ).indicateurs;
      return {
        ...vues,
        collectivite,
        precedent: {
          libelle: precedente.libelle,
          indicateurs: indicateursAvant.map((i) => ({
            code: i.code,
            valeur: i.valeur,
            valeurTexte: i.valeurTexte,
            ...(i.masque ? { masque: i.masque } : {}),
          })),
        },
        secret: lecteur.type !== 'collectivite',
      };
    },
  };
}

export type StatistiquesService = ReturnType<typeof createStatistiquesService>;
