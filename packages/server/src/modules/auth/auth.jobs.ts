import { every, type JobDefinition } from '../../lib/jobs/queue.js';
import { createMaintenanceJob, MAINTENANCE_EVERY_MS, MAINTENANCE_JOB, type MaintenanceJobDeps } from './maintenance.js';

/** The jobs of the module: the hourly maintenance, first run at start-up. */
export function authJobs(deps: MaintenanceJobDeps): JobDefinition[] {
  return [{ kind: MAINTENANCE_JOB, handler: createMaintenanceJob(deps), recurrence: every(MAINTENANCE_EVERY_MS) }];
}
