import type { Db } from '../../db/client.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../http/guard.js';
import type { Clock } from '../../lib/clock.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { AuthRepository } from './auth.repository.js';
import type { SessionRepository } from './session.repository.js';

export const MAINTENANCE_JOB = 'auth.maintenance';
export const MAINTENANCE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type MaintenanceJobDeps = {
  db: Db;
  clock: Clock;
  sessions: SessionRepository;
  auth: AuthRepository;
  agents: AgentsRepository;
};

/**
 * Hourly (auth.jobs.ts): drop expired sessions, login attempts older than a day and the staged
 * lines of roster imports that will never be applied.
 */
export function createMaintenanceJob(deps: MaintenanceJobDeps) {
  return async () => {
    const now = deps.clock.now().getTime();
    await deps.sessions.purgeExpired(deps.db, new Date(now - SESSION_IDLE_MS), new Date(now - SESSION_ABSOLUTE_MS));
    await deps.auth.purgeAttempts(deps.db, new Date(now - DAY_MS));
    await deps.agents.purgeStaged(deps.db, new Date(now - DAY_MS));
  };
}
