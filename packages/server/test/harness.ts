import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasActionLabel, hasEntityLabel, hasFieldLabel } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import { type App, type AppDeps, buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { type Database, openPglite, openPostgres } from '../src/db/client.js';
import { manualClock } from '../src/lib/clock.js';

export type DbKind = 'pglite' | 'postgres';

/** The databases this run tests against: PGlite always, PostgreSQL when reachable (required in CI). */
export function testedDatabases(): DbKind[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

let counter = 0;

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(kind: DbKind, options: { poolSize?: number } = {}): Promise<Database> {
  if (kind === 'pglite') {
    const tar = readFileSync(inject('pgliteTemplate'));
    return openPglite({ loadDataDir: new Blob([tar]) });
  }
  const adminUrl = inject('postgresAdminUrl')!;
  const name = `statutis_t_${inject('runId')}_${process.pid}_${++counter}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  return openPostgres(adminUrl.replace(/\/[^/]*$/, `/${name}`), { max: options.poolSize ?? 5 });
}

let dataDir: string | null = null;

export function testConfig(overrides: Partial<Config> = {}): Config {
  dataDir ??= mkdtempSync(path.join(os.tmpdir(), 'statutis-data-'));
  return {
    databaseUrl: undefined,
    dataDir,
    port: 0,
    host: '127.0.0.1',
    appUrl: 'http://statutis.test',
    secureCookies: false,
    smtpUrl: undefined,
    mailFrom: 'Statutis <ne-pas-repondre@statutis.test>',
    logLevel: 'silent',
    demoData: 'never',
    jobsPollMs: 50,
    jobsRetentionDays: 30,
    mailsRetentionDays: 90,
    trustProxy: false,
    ...overrides,
  };
}

export type TestContext = {
  kind: DbKind;
  database: Database;
  app: App['app'];
  jobs: App['jobs'];
  storage: App['storage'];
  clock: ReturnType<typeof manualClock>;
};

/**
 * Every entity, action and changed field a suite made the server record has its French label in the
 * journal (issue 8: « Debut », « HorsDelai », « Sha256 » were shown raw): a new audited key without
 * a label fails the suite that records it.
 */
async function expectJournalInFrench(database: Database) {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: { v: string }[] }).rows.map((r) => r.v);
  const entities = await rows(sql`SELECT DISTINCT entity AS v FROM audit_event`);
  const actions = await rows(sql`SELECT DISTINCT action AS v FROM audit_event`);
  const fields = await rows(
    sql`SELECT DISTINCT jsonb_object_keys(changes) AS v FROM audit_event WHERE jsonb_typeof(changes) = 'object'`,
  );
  expect(
    {
      entities: entities.filter((e) => !hasEntityLabel(e)),
      actions: actions.filter((a) => !hasActionLabel(a)),
      fields: fields.filter((f) => !hasFieldLabel(f)),
    },
    'libellés du journal manquants (packages/domain/src/common/audit.labels.ts)',
  ).toEqual({ entities: [], actions: [], fields: [] });
}

/**
 * Runs a suite once per tested database, with its own database and application.
 * `ctx()` gives the context inside tests.
 */
export function describeEachDatabase(
  name: string,
  body: (ctx: () => TestContext) => void,
  options: { config?: Partial<Config>; start?: string; batches?: AppDeps['batches'] } = {},
) {
  for (const kind of testedDatabases()) {
    describe(`${name} [${kind}]`, () => {
      let context: TestContext | null = null;
      beforeAll(async () => {
        const database = await createTestDatabase(kind);
        const clock = manualClock(options.start ?? '2026-11-25T09:00:00Z');
        const { app, jobs, storage } = await buildApp({
          config: testConfig(options.config),
          database,
          clock,
          logger: false,
          webDist: '/nonexistent',
          ...(options.batches ? { batches: options.batches } : {}),
        });
        await app.ready();
        context = { kind, database, app, jobs, storage, clock };
      });
      afterAll(async () => {
        if (!context) return;
        await context.jobs.stop();
        await expectJournalInFrench(context.database);
        await context.app.close();
        await context.database.close();
      });
      body(() => {
        if (!context) throw new Error('contexte de test non initialisé');
        return context;
      });
    });
  }
}
