import type { Db } from '../src/db/client.js';
import { openPostgres } from '../src/db/client.js';
import { createJobRunner, enqueueJob, type JobDefinition } from '../src/lib/jobs/queue.js';
import type { TestContext } from './harness.js';

const silent = { error: () => {}, info: () => {} };

/**
 * Drains the queue with two runners at once, each on its own pool on PostgreSQL (a second app
 * instance); `jobs` builds the job definitions for each runner's database. Returns how many jobs
 * each runner ran.
 */
export async function drainWithTwoRunners(ctx: TestContext, jobs: (db: Db) => JobDefinition[]): Promise<number[]> {
  const db = ctx.database.db;
  const second = ctx.kind === 'postgres' ? await openPostgres(ctx.database.url!, { max: 2 }) : null;
  try {
    const runners = [db, second?.db ?? db].map((d) =>
      createJobRunner({ db: d, clock: ctx.clock, jobs: jobs(d), logger: silent, pollMs: 50, batchSize: 1 }),
    );
    return await Promise.all(runners.map((r) => r.drain()));
  } finally {
    await second?.close();
  }
}

/**
 * Two jobs of `kind` queued at once (two instances scheduling) and drained by two runners
 * (`drainWithTwoRunners`); the handler is built for each runner's database.
 */
export async function runWithTwoRunners(
  ctx: TestContext,
  kind: string,
  handler: (db: Db) => JobDefinition['handler'],
): Promise<number[]> {
  for (let i = 0; i < 2; i++) await enqueueJob(ctx.database.db, kind, {}, ctx.clock.now());
  return drainWithTwoRunners(ctx, (d) => [{ kind, handler: handler(d) }]);
}
