import type { Db } from '../src/db/client.js';
import { openPostgres } from '../src/db/client.js';
import { createJobRunner, enqueueJob, type JobDefinition } from '../src/lib/jobs/queue.js';
import type { TestContext } from './harness.js';

const silent = { error: () => {}, info: () => {} };

/**
 * Two jobs of `kind` queued at once (two instances scheduling) and drained by two runners, each on
 * its own pool on PostgreSQL (a second app instance); the handler is built for each runner's
 * database. Returns how many jobs each runner ran.
 */
export async function runWithTwoRunners(
  ctx: TestContext,
  kind: string,
  handler: (db: Db) => JobDefinition['handler'],
): Promise<number[]> {
  const db = ctx.database.db;
  const second = ctx.kind === 'postgres' ? await openPostgres(ctx.database.url!, { max: 2 }) : null;
  for (let i = 0; i < 2; i++) await enqueueJob(db, kind, {}, ctx.clock.now());
  const runners = [db, second?.db ?? db].map((d) =>
    createJobRunner({
      db: d,
      clock: ctx.clock,
      jobs: [{ kind, handler: handler(d) }],
      logger: silent,
      pollMs: 50,
      batchSize: 1,
    }),
  );
  const counts = await Promise.all(runners.map((r) => r.drain()));
  await second?.close();
  return counts;
}
