import type { JobDefinition } from '../../lib/jobs/queue.js';
import { CALCUL_LOT_JOB, type CalculLotService } from './calcul-lot.service.js';

/** The jobs of the module: « calculer les décomptes de la période », queued by the handler. */
export function remboursementsJobs(lots: Pick<CalculLotService, 'run'>): JobDefinition[] {
  return [{ kind: CALCUL_LOT_JOB, handler: async (payload) => lots.run(String(payload.id)) }];
}
