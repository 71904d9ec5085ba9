import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Db, openPostgres } from '../src/db/client.js';
import { job, jobSchedule } from '../src/lib/jobs/job.table.js';
import { PURGE_JOB } from '../src/lib/jobs/purge.js';
import { createJobRunner, enqueueJob, type JobDefinition } from '../src/lib/jobs/queue.js';
import {
  cancelSchedules,
  planSchedule,
  planSchedules,
  queueDueSchedules,
  type ScheduleRun,
  scheduledJob,
} from '../src/lib/jobs/schedule.js';
import { createMailSender, MAIL_JOB, queueMail } from '../src/lib/mail/mailer.js';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { startSmtp } from './smtp.js';
import { drainWithTwoRunners } from './two-runners.js';

const silent = { error: () => {}, info: () => {} };
const DAY = 24 * 60 * 60 * 1000;

function runner(ctx: TestContext, jobs: JobDefinition[]) {
  return createJobRunner({ db: ctx.database.db, clock: ctx.clock, jobs, logger: silent, pollMs: 50 });
}

/** A scheduled kind whose handler records each run: subject, period, payload. */
function recorder(kind: string) {
  const runs: { key: string; payload: Record<string, unknown> }[] = [];
  const definition = scheduledJob(kind, async (payload, schedule) => {
    runs.push({ key: `${schedule.subject} ${schedule.period}`, payload });
  });
  return { runs, definition };
}

const schedules = (db: Db, kind: string) =>
  db.select().from(jobSchedule).where(eq(jobSchedule.kind, kind)).orderBy(jobSchedule.subject, jobSchedule.period);

describeEachDatabase('planifications des tâches', (ctx) => {
  const later = (days: number) => new Date(ctx().clock.now().getTime() + days * DAY);

  it('planning the same key twice keeps one schedule and changes nothing', async () => {
    const db = ctx().database.db;
    // Due long after this file's clock goes: the other tests' runners must not meet it.
    const plan = { kind: 'test.deux_fois', subject: 'sinistre:1', period: '2027-01-15/J-15', dueAt: later(400) };
    expect(await planSchedule(db, ctx().clock.now(), plan)).toEqual({ created: 1, changed: 0 });
    const [first] = await schedules(db, 'test.deux_fois');
    ctx().clock.advance(1000);
    expect(await planSchedule(db, ctx().clock.now(), plan)).toEqual({ created: 0, changed: 0 });
    // The same key twice in one call, and a second period of the same subject: two keys.
    expect(
      await planSchedules(db, ctx().clock.now(), [
        plan,
        plan,
        { ...plan, period: '2027-01-15/J-5', dueAt: later(410) },
      ]),
    ).toEqual({ created: 1, changed: 0 });
    const rows = await schedules(db, 'test.deux_fois');
    expect(rows.map((r) => [r.period, r.status])).toEqual([
      ['2027-01-15/J-15', 'planned'],
      ['2027-01-15/J-5', 'planned'],
    ]);
    expect(rows[0]).toEqual(first);
  });

  it('plans more keys than one statement takes, and planning them again adds none', async () => {
    const db = ctx().database.db;
    const plans = Array.from({ length: 1500 }, (_, i) => ({
      kind: 'test.lot',
      subject: `agent:${i}`,
      period: '2027',
      dueAt: later(400),
    }));
    expect(await planSchedules(db, ctx().clock.now(), plans)).toEqual({ created: 1500, changed: 0 });
    expect(await planSchedules(db, ctx().clock.now(), plans)).toEqual({ created: 0, changed: 0 });
    expect(await schedules(db, 'test.lot')).toHaveLength(1500);
  });

  it('moves the due date of a schedule that has not run, never of one that has', async () => {
    const db = ctx().database.db;
    const { runs, definition } = recorder('test.deplace');
    const r = runner(ctx(), [definition]);
    const key = { kind: 'test.deplace', subject: 'sinistre:2', period: '2027-02-01/J-15' };
    await planSchedule(db, ctx().clock.now(), { ...key, dueAt: later(2), payload: { n: 1 } });
    // The deadline moved a day earlier: the alert follows it, with its new payload.
    expect(await planSchedule(db, ctx().clock.now(), { ...key, dueAt: later(1), payload: { n: 2 } })).toEqual({
      created: 0,
      changed: 1,
    });
    ctx().clock.advance(DAY - 1000);
    expect(await r.drain()).toBe(0);
    ctx().clock.advance(1000);
    expect(await r.drain()).toBe(1);
    expect(runs).toEqual([{ key: 'sinistre:2 2027-02-01/J-15', payload: { n: 2 } }]);
    // Run: planning it again, even for later, never runs it twice.
    expect(await planSchedule(db, ctx().clock.now(), { ...key, dueAt: later(5) })).toEqual({ created: 0, changed: 0 });
    ctx().clock.advance(10 * DAY);
    expect(await r.drain()).toBe(0);
    const [row] = await schedules(db, 'test.deplace');
    expect(row).toMatchObject({ status: 'done', payload: { n: 2 } });
    expect(runs).toHaveLength(1);
  });

  it('cancels a schedule planned or queued, and a cancelled key planned again runs once', async () => {
    const db = ctx().database.db;
    const { runs, definition } = recorder('test.annule');
    const r = runner(ctx(), [definition]);
    const at = ctx().clock.now();
    const plan = (subject: string, period: string, days: number) => ({
      kind: 'test.annule',
      subject,
      period,
      dueAt: later(days),
    });
    await planSchedules(db, at, [
      plan('sinistre:3', 'J-15', 1),
      plan('sinistre:3', 'J-5', 11),
      plan('sinistre:4', 'J-15', 1),
      plan('sinistre:5', 'J-15', 1),
    ]);
    // The deadline of J-15 was met; file 5 was closed (all its periods).
    expect(await cancelSchedules(db, at, { subject: 'sinistre:3', period: 'J-15' })).toBe(1);
    expect(await cancelSchedules(db, at, { subject: ['sinistre:5'], kind: 'test.annule' })).toBe(1);
    ctx().clock.advance(DAY);
    // File 4 is closed after its run was queued, before a runner picked it up: its job does nothing.
    expect(await queueDueSchedules(db, ctx().clock.now())).toBe(1);
    expect(await cancelSchedules(db, ctx().clock.now(), { subject: 'sinistre:4' })).toBe(1);
    expect(await r.drain()).toBe(1);
    expect(runs).toEqual([]);
    // Reopened: planned again, it runs once, and the stale job of its first life did nothing.
    expect(await planSchedule(db, ctx().clock.now(), plan('sinistre:4', 'J-15', 0))).toEqual({
      created: 0,
      changed: 1,
    });
    expect(await r.drain()).toBe(1);
    ctx().clock.advance(10 * DAY);
    expect(await r.drain()).toBe(1);
    expect(runs.map((x) => x.key)).toEqual(['sinistre:4 J-15', 'sinistre:3 J-5']);
    expect((await schedules(db, 'test.annule')).map((s) => [s.subject, s.period, s.status])).toEqual([
      ['sinistre:3', 'J-15', 'cancelled'],
      ['sinistre:3', 'J-5', 'done'],
      ['sinistre:4', 'J-15', 'done'],
      ['sinistre:5', 'J-15', 'cancelled'],
    ]);
    // A run that is over cannot be cancelled.
    expect(await cancelSchedules(db, ctx().clock.now(), { subject: 'sinistre:3' })).toBe(0);
  });

  it('runs each due schedule exactly once with two runners on two pools', async () => {
    const db = ctx().database.db;
    const subjects = Array.from({ length: 30 }, (_, i) => `sinistre:${100 + i}`);
    await planSchedules(
      db,
      ctx().clock.now(),
      subjects.map((subject) => ({ kind: 'test.deux_instances', subject, period: 'J-15', dueAt: ctx().clock.now() })),
    );
    const ran: string[] = [];
    const counts = await drainWithTwoRunners(ctx(), () => [
      scheduledJob('test.deux_instances', async (_payload, schedule) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        ran.push(schedule.subject);
      }),
    ]);
    expect(ran.sort()).toEqual([...subjects].sort());
    expect(counts[0]! + counts[1]!).toBe(30);
    const rows = await schedules(db, 'test.deux_instances');
    expect(rows.every((s) => s.status === 'done')).toBe(true);
    expect(await db.select().from(job).where(eq(job.kind, 'test.deux_instances'))).toHaveLength(30);
  });

  it('queues a due schedule once when another instance is promoting it at the same moment', async () => {
    if (ctx().kind !== 'postgres') return; // PGlite serves one connection: two promotions never overlap there.
    const db = ctx().database.db;
    const now = ctx().clock.now();
    const subjects = Array.from({ length: 20 }, (_, i) => `sinistre:${1000 + i}`);
    await planSchedules(
      db,
      now,
      subjects.map((subject) => ({ kind: 'test.promotion', subject, period: 'J-5', dueAt: now })),
    );
    // Instance B promotes them in a transaction it keeps open while instance A promotes.
    const b = await openPostgres(ctx().database.url!, { max: 1 });
    let promotedByB = () => {};
    const bHasPromoted = new Promise<void>((resolve) => {
      promotedByB = resolve;
    });
    let commitB = () => {};
    const bMayCommit = new Promise<void>((resolve) => {
      commitB = resolve;
    });
    const byB = b.db.transaction(async (tx) => {
      const n = await queueDueSchedules(tx, now);
      promotedByB();
      await bMayCommit;
      return n;
    });
    await bHasPromoted;
    const byA = queueDueSchedules(db, now);
    setTimeout(commitB, 100);
    const counts = [await byA, await byB];
    await b.close();
    expect(counts).toEqual([0, 20]);
    const [jobs] = await db
      .select({ n: sql<number>`count(DISTINCT payload->>'scheduleId')::int`, all: sql<number>`count(*)::int` })
      .from(job)
      .where(eq(job.kind, 'test.promotion'));
    expect(jobs).toEqual({ n: 20, all: 20 });
  });
});

describeEachDatabase('planification et courriel à clé', (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('a handler that fails after queueing its keyed mail and is retried sends one mail', async () => {
    const db = ctx().database.db;
    const runs: ScheduleRun[] = [];
    const r = runner(ctx(), [
      {
        kind: MAIL_JOB,
        handler: createMailSender({
          db,
          clock: ctx().clock,
          smtpUrl: smtp.url,
          from: 'test@statutis.test',
          logger: silent,
        }),
      },
      scheduledJob('test.alerte', async (payload, schedule) => {
        runs.push(schedule);
        await db.transaction((tx) =>
          queueMail(
            tx,
            ctx().clock.now(),
            String(payload.to),
            { subject: 'Échéance dans 15 jours', text: 'Rappel', html: '<p>Rappel</p>' },
            `${schedule.key}|${String(payload.to)}`,
          ),
        );
        // The crash comes after the mail's transaction committed.
        if (runs.length === 1) throw new Error('panne après l’envoi');
      }),
    ]);
    await planSchedule(db, ctx().clock.now(), {
      kind: 'test.alerte',
      subject: 'sinistre:7',
      period: '2027-01-15/J-15',
      dueAt: ctx().clock.now(),
      payload: { to: 'rh@mairie-exemple.fr' },
    });
    // The alert's job fails, its mail is sent.
    expect(await r.drain()).toBe(2);
    expect(smtp.received.map((m) => m.to)).toEqual([['rh@mairie-exemple.fr']]);
    ctx().clock.advance(60_000);
    expect(await r.drain()).toBe(1);
    expect(runs.map((s) => s.key)).toEqual([
      'test.alerte|sinistre:7|2027-01-15/J-15',
      'test.alerte|sinistre:7|2027-01-15/J-15',
    ]);
    expect(smtp.received).toHaveLength(1);
    const mails = await db.select().from(outboxMail).where(eq(outboxMail.to, 'rh@mairie-exemple.fr'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      status: 'sent',
      idempotencyKey: 'test.alerte|sinistre:7|2027-01-15/J-15|rh@mairie-exemple.fr',
    });
    const [schedule] = await schedules(db, 'test.alerte');
    expect(schedule!.status).toBe('done');
    const [carrier] = await db.select().from(job).where(eq(job.id, schedule!.jobId!));
    expect(carrier).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('marks the schedule failed when its job fails for good', async () => {
    const db = ctx().database.db;
    const r = runner(ctx(), [
      {
        kind: 'test.echec',
        handler: async () => {
          throw new Error('toujours en panne');
        },
      },
    ]);
    await planSchedule(db, ctx().clock.now(), {
      kind: 'test.echec',
      subject: 's:1',
      period: 'p',
      dueAt: ctx().clock.now(),
    });
    for (let i = 0; i < 5; i++) {
      expect(await r.drain()).toBe(1);
      ctx().clock.advance(3_600_000);
    }
    const [schedule] = await schedules(db, 'test.echec');
    expect(schedule!.status).toBe('failed');
  });
});

describeEachDatabase('purge des tâches, courriels et planifications', (ctx) => {
  it('removes only what is finished and older than its retention (30 days for jobs, 90 for mails)', async () => {
    const db = ctx().database.db;
    await db.delete(job);
    const now = ctx().clock.now();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    // More old jobs than a batch: the purge goes on until none is left.
    await db.execute(sql`
      INSERT INTO job (kind, status, finished_at)
      SELECT 'test.vieux', 'done', ${ago(31)} FROM generate_series(1, 2500)`);
    await db.insert(job).values([
      { kind: 'test.garde', status: 'done', finishedAt: ago(29) },
      { kind: 'test.vieux', status: 'failed', finishedAt: ago(31) },
      // Neither due nor stale: the drain below leaves them be.
      { kind: 'test.garde', status: 'pending', runAt: ago(-1) },
      { kind: 'test.garde', status: 'running', runAt: ago(100), lockedAt: now },
    ]);
    const mail = (to: string, status: string, sentAt: Date | null) => ({
      to,
      subject: 's',
      text: 't',
      html: 'h',
      status,
      sentAt,
      createdAt: ago(200),
    });
    await db
      .insert(outboxMail)
      .values([
        mail('vieux@envoye.fr', 'sent', ago(91)),
        mail('vieux@journal.fr', 'logged', ago(91)),
        mail('garde@recent.fr', 'sent', ago(89)),
        mail('garde@attente.fr', 'pending', null),
      ]);
    const schedule = (subject: string, status: string, keepUntil: Date, dueAt = ago(100)) => ({
      kind: 'test.purge',
      subject,
      period: 'p',
      dueAt,
      keepUntil,
      status,
    });
    await db.insert(jobSchedule).values([
      schedule('vieux:fait', 'done', ago(31)),
      schedule('vieux:annule', 'cancelled', ago(31)),
      // Run long ago, but its period is not over: its key still guards against a second run.
      schedule('garde:periode', 'done', ago(29)),
      // Waiting (not due yet, or the drain below would queue it), whatever its dates.
      schedule('garde:planifie', 'planned', ago(100), ago(-1)),
    ]);
    // Through the job the application declares, as the night would run it.
    await enqueueJob(db, PURGE_JOB, {}, now);
    await ctx().jobs.drain();

    const jobs = await db
      .select({ kind: job.kind, status: job.status, n: sql<number>`count(*)::int` })
      .from(job)
      .groupBy(job.kind, job.status)
      .orderBy(job.kind, job.status);
    // The purge itself succeeded (its VACUUM on PGlite included) and queued tomorrow night's.
    expect(jobs.filter((j) => j.kind === PURGE_JOB).map((j) => j.status)).toEqual(['done', 'pending']);
    expect(jobs.filter((j) => j.kind !== PURGE_JOB)).toEqual([
      { kind: 'test.garde', status: 'done', n: 1 },
      { kind: 'test.garde', status: 'pending', n: 1 },
      { kind: 'test.garde', status: 'running', n: 1 },
    ]);
    const mails = await db.select({ to: outboxMail.to }).from(outboxMail).orderBy(outboxMail.to);
    expect(mails.map((m) => m.to)).toEqual(['garde@attente.fr', 'garde@recent.fr']);
    const left = await db
      .select({ subject: jobSchedule.subject })
      .from(jobSchedule)
      .where(eq(jobSchedule.kind, 'test.purge'))
      .orderBy(jobSchedule.subject);
    expect(left.map((s) => s.subject)).toEqual(['garde:periode', 'garde:planifie']);
  });
});
