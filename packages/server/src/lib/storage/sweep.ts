import { and, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { JobLogger } from '../jobs/queue.js';
import type { Storage } from './storage.js';

export const STORAGE_SWEEP_JOB = 'storage.sweep';

/**
 * A column holding storage keys, declared by the module that owns the table (wired in app.ts, so
 * that `lib` never imports a module). `live` narrows to the rows that still need their file.
 */
export type FileReference = { table: PgTable; key: PgColumn; live?: SQL };

/**
 * A file younger than this is never swept: it may be an upload whose row is not committed yet.
 * Long enough for any upload or import, short enough for a crash's leftovers to go the next day.
 */
export const SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;
export const SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * Removes stored files no row points to: what a crash leaves between storing a file and committing
 * its row (kill -9 during an upload), or between an import's end and the removal of its file.
 * Returns how many files were removed.
 */
export async function sweepOrphanFiles(deps: {
  db: Db;
  clock: Clock;
  storage: Storage;
  references: FileReference[];
  graceMs?: number;
}): Promise<number> {
  const before = deps.clock.now().getTime() - (deps.graceMs ?? SWEEP_GRACE_MS);
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const referenced = new Set<string>();
    for (const ref of deps.references) {
      const rows = await deps.db
        .select({ key: ref.key })
        .from(ref.table)
        .where(and(inArray(ref.key, batch), ref.live));
      for (const row of rows) referenced.add(String(row.key));
    }
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await deps.storage.remove(key);
      removed++;
    }
    batch = [];
  };
  for await (const file of deps.storage.list()) {
    if (file.modifiedAt.getTime() >= before) continue;
    batch.push(file.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return removed;
}

/** Daily (declared in app.ts): sweeps the orphan files. */
export function createStorageSweepJob(deps: {
  db: Db;
  clock: Clock;
  storage: Storage;
  references: FileReference[];
  logger: JobLogger;
}) {
  return async () => {
    const removed = await sweepOrphanFiles(deps);
    if (removed > 0) deps.logger.info({ removed }, 'fichiers orphelins supprimés');
  };
}
