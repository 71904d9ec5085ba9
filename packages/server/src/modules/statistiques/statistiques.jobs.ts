import { prochaineHeureParis } from '../../lib/clock.js';
import { every, type JobDefinition, type JobLogger } from '../../lib/jobs/queue.js';
import type { StatistiquesCdgService } from './statistiques-cdg.service.js';

/** Every 5 minutes: the collectivités whose arrêts, sinistres, décomptes, agents or bases changed. */
export const STATISTIQUES_MARQUEES_JOB = 'statistiques.agregats_marques';
/** Every night at 03:15 (Paris): every collectivité of every CDG (a running year's days, a new year). */
export const STATISTIQUES_NUIT_JOB = 'statistiques.agregats_nuit';
export const STATISTIQUES_MARQUEES_MS = 5 * 60 * 1000;

export const prochainRecalculNocturne = (now: Date) => prochaineHeureParis(now, 3, 15);

/**
 * The CDG dashboard's aggregates kept current. The dirty markers are set by statement triggers on the
 * tables the statistics read, in the writer's own transaction (no writer can forget them, and a
 * comparison of max(updated_at) would need that column on every input table); the nightly run
 * recomputes everything, since a running year's figures change with each day even without a write.
 */
export function statistiquesJobs(deps: { service: StatistiquesCdgService; logger: JobLogger }): JobDefinition[] {
  return [
    {
      kind: STATISTIQUES_MARQUEES_JOB,
      handler: async () => {
        const n = await deps.service.recalculerMarquees();
        if (n > 0) deps.logger.info({ collectivites: n }, 'statistiques : agrégats recalculés');
      },
      recurrence: every(STATISTIQUES_MARQUEES_MS),
    },
    {
      kind: STATISTIQUES_NUIT_JOB,
      handler: async () => {
        const n = await deps.service.toutRecalculer();
        deps.logger.info({ collectivites: n }, 'statistiques : agrégats de la nuit recalculés');
      },
      recurrence: { first: prochainRecalculNocturne, next: prochainRecalculNocturne },
    },
  ];
}
