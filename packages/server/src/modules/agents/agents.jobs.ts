import type { JobDefinition } from '../../lib/jobs/queue.js';
import { createListeImportJob, type ListeImportJobDeps } from './liste-nominative.job.js';
import { LISTE_IMPORT_JOB } from './liste-nominative.service.js';

/** The jobs of the module: the roster import, queued by each upload. */
export function agentsJobs(deps: ListeImportJobDeps): JobDefinition[] {
  return [{ kind: LISTE_IMPORT_JOB, handler: createListeImportJob(deps) }];
}
