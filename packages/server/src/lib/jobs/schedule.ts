import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { MAINTENANCE_JOB } from '../../modules/auth/maintenance.js';

/** Makes sure the hourly maintenance job is queued once; it then re-schedules itself. */
export async function scheduleMaintenance(db: Db, at: Date) {
  await db.execute(sql`
    INSERT INTO job (kind, payload, run_at)
    SELECT ${MAINTENANCE_JOB}, '{}'::jsonb, ${at}
    WHERE NOT EXISTS (SELECT 1 FROM job WHERE kind = ${MAINTENANCE_JOB} AND status IN ('pending', 'running'))`);
}
