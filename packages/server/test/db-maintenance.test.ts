import { describe, expect, it } from 'vitest';
import { ANALYSE_JOB, databaseJobs, prochaineAnalyse } from '../src/db/maintenance.js';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { describeEachDatabase } from './harness.js';
import { insuredTenant } from './world.js';

describe('prochaineAnalyse (03:15 in Paris)', () => {
  it.each([
    // Winter (UTC+1): 02:15 UTC.
    ['2026-12-07T13:00:00Z', '2026-12-08T02:15:00.000Z'],
    ['2026-12-07T02:00:00Z', '2026-12-07T02:15:00.000Z'],
    // Summer (UTC+2): 01:15 UTC.
    ['2026-07-14T12:00:00Z', '2026-07-15T01:15:00.000Z'],
    // 29 March 2026: 02:00 → 03:00 at 01:00 UTC; 03:15 is summer time already.
    ['2026-03-28T12:00:00Z', '2026-03-29T01:15:00.000Z'],
    // 25 October 2026: 03:00 → 02:00 at 01:00 UTC; 03:15 comes once, in winter time.
    ['2026-10-24T12:00:00Z', '2026-10-25T02:15:00.000Z'],
  ])('after %s → %s', (now, expected) => {
    expect(prochaineAnalyse(new Date(now)).toISOString()).toBe(expected);
  });
});

describeEachDatabase('nightly statistics of the embedded database', (ctx) => {
  it('on PGlite, the planner learns the rows written since the start (PostgreSQL analyses on its own)', async () => {
    if (ctx().kind !== 'pglite') {
      expect(databaseJobs(ctx().database, console)).toEqual([]);
      return;
    }
    await insuredTenant(ctx());
    const estimate = async () =>
      (
        await ctx().database.query<{ reltuples: number }>(
          `SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'collectivite'`,
        )
      )[0]!.reltuples;
    const real = Number(
      (await ctx().database.query<{ n: number }>('SELECT count(*)::int AS n FROM collectivite'))[0]!.n,
    );
    expect(real).toBeGreaterThan(0);
    // Nobody analysed the table: PostgreSQL's « never analysed » (-1), or a stale count.
    expect(await estimate()).not.toBe(real);
    await enqueueJob(ctx().database.db, ANALYSE_JOB, {}, ctx().clock.now());
    await ctx().jobs.drain();
    expect(await estimate()).toBe(real);
  });
});
