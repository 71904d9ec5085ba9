import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { MAINTENANCE_JOB } from '../../modules/auth/maintenance.js';
import { prochaineRelance, RELANCE_PIECES_JOB } from '../../modules/sinistres/relance.job.js';
import { STORAGE_SWEEP_JOB } from '../storage/sweep.js';

/** Queues a self-rescheduling job once: nothing is added while one is pending or running. */
async function scheduleOnce(db: Db, kind: string, at: Date) {
  await db.execute(sql`
    INSERT INTO job (kind, payload, run_at)
    SELECT ${kind}, '{}'::jsonb, ${at}
    WHERE NOT EXISTS (SELECT 1 FROM job WHERE kind = ${kind} AND status IN ('pending', 'running'))`);
}

/**
 * The hourly maintenance now, the daily sweep of orphan files, and the weekly reminder of missing
 * pieces on Monday morning.
 */
export async function scheduleMaintenance(db: Db, at: Date) {
  await scheduleOnce(db, MAINTENANCE_JOB, at);
  await scheduleOnce(db, STORAGE_SWEEP_JOB, at);
  await scheduleOnce(db, RELANCE_PIECES_JOB, prochaineRelance(at));
}
