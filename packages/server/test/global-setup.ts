import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresAdminUrl: string | null;
    postgresTemplate: string | null;
    runId: string;
  }
}

/** Where the tests find PostgreSQL; each run makes and drops its own databases there. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Migrates one template of each database once; every test file then starts from a copy
 * (PGlite: loadDataDir of a dump, ~0.3 s; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now()}`;
  project.provide('runId', runId);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'statutis-test-'));
  const pglite = await openPglite();
  await pglite.migrate();
  const blob = await pglite.pglite!.dumpDataDir('none');
  const templatePath = path.join(dir, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await blob.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', templatePath);

  const url = adminUrl();
  let template: string | null = null;
  if (await reachable(url)) {
    template = `statutis_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const db = await openPostgres(url.replace(/\/[^/]*$/, `/${template}`), { max: 1 });
    await db.migrate();
    await db.close();
  } else if (process.env.CI === 'true') {
    throw new Error(
      `PostgreSQL est requis en CI (CI=true) mais injoignable à ${url}. Démarrez-le ou définissez TEST_DATABASE_URL.`,
    );
  } else {
    console.warn(`PostgreSQL injoignable à ${url} : les tests d’intégration ne tournent que sur PGlite.`);
  }
  project.provide('postgresAdminUrl', template ? url : null);
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!template) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `statutis_t_${runId}_%`],
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.end();
  };
}
