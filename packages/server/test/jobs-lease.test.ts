import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { job } from '../src/lib/jobs/job.table.js';
import { createJobRunner, enqueueJob, LEASE_MS } from '../src/lib/jobs/queue.js';
import { describeEachDatabase, type TestContext } from './harness.js';

const silent = { error: () => {}, info: () => {} };

/** A job that runs until released, and which runner ran it. */
function slowJob() {
  const ranBy: string[] = [];
  let release = () => {};
  let started = () => {};
  const hasStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handler = (name: string) => async () => {
    ranBy.push(name);
    if (name === 'A') {
      started();
      await released;
    }
  };
  return { ranBy, handler, hasStarted, release: () => release() };
}

function runner(ctx: TestContext, handler: () => Promise<void>) {
  return createJobRunner({
    db: ctx.database.db,
    clock: ctx.clock,
    jobs: [{ kind: 'test.lent', handler }],
    logger: silent,
    pollMs: 50,
    // The heartbeat is driven by hand below: the real-time timer never fires during the test.
    heartbeatMs: 3_600_000,
  });
}

describeEachDatabase('file des tâches : bail et battement de cœur', (ctx) => {
  it('takes a job again less than a minute after its runner died', async () => {
    const db = ctx().database.db;
    await db.delete(job);
    await enqueueJob(db, 'test.lent', {}, ctx().clock.now());
    const slow = slowJob();
    const a = runner(ctx(), slow.handler('A'));
    const b = runner(ctx(), slow.handler('B'));
    const runningA = a.runOnce();
    await slow.hasStarted;
    // A is killed: from now on it never renews its lease.
    ctx().clock.advance(30_000);
    expect(await b.runOnce()).toBe(0);
    ctx().clock.advance(20_000);
    expect(await b.runOnce()).toBe(1);
    expect(slow.ranBy).toEqual(['A', 'B']);
    const [row] = await db.select().from(job).where(eq(job.kind, 'test.lent'));
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    // Were A only frozen, its late end does not overwrite B's.
    slow.release();
    await runningA;
    const [after] = await db.select().from(job).where(eq(job.kind, 'test.lent'));
    expect(after).toMatchObject({ status: 'done', attempts: 2, finishedAt: row!.finishedAt });
    expect(LEASE_MS).toBeLessThanOrEqual(50_000);
  });

  it('keeps a long job with the runner that renews its lease', async () => {
    const db = ctx().database.db;
    await db.delete(job);
    await enqueueJob(db, 'test.lent', {}, ctx().clock.now());
    const slow = slowJob();
    const a = runner(ctx(), slow.handler('A'));
    const b = runner(ctx(), slow.handler('B'));
    const runningA = a.runOnce();
    await slow.hasStarted;
    for (let i = 0; i < 6; i++) {
      ctx().clock.advance(40_000);
      await a.heartbeat();
      expect(await b.runOnce()).toBe(0);
    }
    slow.release();
    expect(await runningA).toBe(1);
    expect(slow.ranBy).toEqual(['A']);
    const [row] = await db.select().from(job).where(eq(job.kind, 'test.lent'));
    expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('renews the leases of the jobs of its batch that are still waiting their turn', async () => {
    const db = ctx().database.db;
    await db.delete(job);
    await enqueueJob(db, 'test.lent', { n: 1 }, ctx().clock.now());
    await enqueueJob(db, 'test.lent', { n: 2 }, ctx().clock.now());
    const slow = slowJob();
    const a = runner(ctx(), slow.handler('A'));
    const b = runner(ctx(), slow.handler('B'));
    const runningA = a.runOnce();
    await slow.hasStarted;
    ctx().clock.advance(40_000);
    await a.heartbeat();
    ctx().clock.advance(40_000);
    expect(await b.runOnce()).toBe(0);
    slow.release();
    expect(await runningA).toBe(2);
    expect(slow.ranBy).toEqual(['A', 'A']);
  });
});
