import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openPostgres } from '../src/db/client.js';
import { job } from '../src/lib/jobs/job.table.js';
import { createJobRunner, enqueueJob } from '../src/lib/jobs/queue.js';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { tenantWithUsers } from './factories.js';
import { describeEachDatabase, testConfig } from './harness.js';
import { decodeQuotedPrintable, type Received, startSmtp } from './smtp.js';

const silent = { error: () => {}, info: () => {} };

describeEachDatabase('file des tâches', (ctx) => {
  it('runs each job exactly once with two runners polling the same queue', async () => {
    const db = ctx().database.db;
    for (let i = 0; i < 60; i++) await enqueueJob(db, 'test.count', { n: i }, ctx().clock.now());
    // On PostgreSQL the second runner has its own pool, as a second app instance would.
    const secondDatabase = ctx().kind === 'postgres' ? await openPostgres(ctx().database.url!, { max: 2 }) : null;
    const seen: number[] = [];
    const handler = async (payload: Record<string, unknown>) => {
      await new Promise((r) => setTimeout(r, 2));
      seen.push(Number(payload.n));
    };
    const runners = [db, secondDatabase?.db ?? db].map((d) =>
      createJobRunner({
        db: d,
        clock: ctx().clock,
        jobs: [{ kind: 'test.count', handler }],
        logger: silent,
        pollMs: 50,
        batchSize: 3,
      }),
    );
    const counts = await Promise.all(runners.map((r) => r.drain()));
    await secondDatabase?.close();
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(counts[0]! + counts[1]!).toBe(60);
    expect(counts.every((c) => c > 0)).toBe(true);
    const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(job).where(eq(job.kind, 'test.count'));
    const [done] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(job)
      .where(sql`kind = 'test.count' AND status = 'done'`);
    expect(left!.n).toBe(60);
    expect(done!.n).toBe(60);
  });

  it('retries a failing job later, then marks it failed after its last attempt', async () => {
    const db = ctx().database.db;
    await db.insert(job).values({ kind: 'test.flaky', payload: {}, maxAttempts: 2, runAt: ctx().clock.now() });
    let calls = 0;
    const runner = createJobRunner({
      db,
      clock: ctx().clock,
      jobs: [
        {
          kind: 'test.flaky',
          handler: async () => {
            calls++;
            throw new Error('SMTP indisponible');
          },
        },
      ],
      logger: silent,
      pollMs: 50,
    });
    expect(await runner.drain()).toBe(1);
    expect(await runner.drain()).toBe(0); // not due yet: retried with a delay
    ctx().clock.advance(60_000);
    expect(await runner.drain()).toBe(1);
    ctx().clock.advance(3_600_000);
    expect(await runner.drain()).toBe(0);
    expect(calls).toBe(2);
    const [row] = await db.select().from(job).where(eq(job.kind, 'test.flaky'));
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: 'SMTP indisponible' });
  });

  it('nothing is queued when the change rolls back', async () => {
    const db = ctx().database.db;
    await expect(
      db.transaction(async (tx) => {
        await enqueueJob(tx, 'test.rollback', {}, ctx().clock.now());
        throw new Error('échec métier');
      }),
    ).rejects.toThrow('échec métier');
    const rows = await db.select().from(job).where(eq(job.kind, 'test.rollback'));
    expect(rows).toHaveLength(0);
  });
});

describeEachDatabase('courriels par SMTP', (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let received: Received[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
    received = smtp.received;
  });
  afterAll(() => smtp.close());

  it('sends the invitation after commit, in French, with a working single-use link', async () => {
    const { app, jobs } = await buildApp({
      config: testConfig({ smtpUrl: smtp.url }),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: '/nonexistent',
    });
    const t = await tenantWithUsers({ ...ctx(), app });
    const response = await t.admin.request('POST', '/api/comptes', {
      email: 'ella.gestionnaire@mairie-exemple.fr',
      nom: 'GESTIONNAIRE',
      prenom: 'Ella',
      role: 'lecteur',
    });
    expect(response.statusCode).toBe(201);
    expect(received).toHaveLength(0); // sent by the job runner, not in the request
    await jobs.drain();
    const mail = received.find((m) => m.to.includes('ella.gestionnaire@mairie-exemple.fr'));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('ne-pas-repondre@statutis.test');
    expect(mail!.raw).toContain('Subject: =?UTF-8?Q?Votre_acc=C3=A8s_=C3=A0_Statutis?=');
    const decoded = decodeQuotedPrintable(mail!.raw);
    expect(decoded).toContain('Bonjour Ella,');
    expect(decoded).toContain('valable 72 heures');
    const jeton = decoded.match(/definir-mot-de-passe\?jeton=([\w-]{43})/)![1]!;
    const set = await app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton, motDePasse: 'Ella choisit une phrase de passe !' },
    });
    expect(set.statusCode).toBe(204);
    const [row] = await ctx()
      .database.db.select()
      .from(outboxMail)
      .where(eq(outboxMail.to, 'ella.gestionnaire@mairie-exemple.fr'));
    expect(row!.status).toBe('sent');
    await app.close();
  });

  it('without SMTP_URL keeps the mail in the outbox and prints it with its link', async () => {
    let logged = '';
    const stream = {
      write: (line: string) => {
        logged += line;
      },
    };
    const { app, jobs } = await buildApp({
      config: testConfig(),
      database: ctx().database,
      clock: ctx().clock,
      logger: { level: 'info', stream },
      webDist: '/nonexistent',
    });
    const t = await tenantWithUsers({ ...ctx(), app });
    await t.admin.request('POST', '/api/comptes', {
      email: 'sans.smtp@mairie-exemple.fr',
      nom: 'SANS',
      prenom: 'Smtp',
      role: 'lecteur',
    });
    await jobs.drain();
    const [row] = await ctx()
      .database.db.select()
      .from(outboxMail)
      .where(eq(outboxMail.to, 'sans.smtp@mairie-exemple.fr'));
    expect(row!.status).toBe('logged');
    expect(row!.html).toContain('<html lang="fr">');
    expect(logged).toContain('sans.smtp@mairie-exemple.fr');
    expect(logged).toMatch(/definir-mot-de-passe\?jeton=[\w-]{43}/);
    await app.close();
  });
});
