import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../packages/server/src/db/client.js';
import { Cleanup, log } from './report.js';

/** Where the benchmarks find PostgreSQL; they create and drop their own databases there. */
export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export async function reachable(url = adminUrl()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type ThrowawayDatabase = { name: string; url: string; drop(): Promise<void> };

/** A new empty database `statutis_bench_<ts>`; `drop()` removes it (idempotent, forces out clients). */
export async function createThrowawayDatabase(suffix: string): Promise<ThrowawayDatabase> {
  const name = `statutis_bench_${Date.now()}_${suffix}`.replace(/[^a-z0-9_]/g, '_');
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  let dropped = false;
  return {
    name,
    url: adminUrl().replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export type DatabaseKind = 'PostgreSQL' | 'PGlite';

/**
 * The usual course of a benchmark measured on both databases: `fn` on a throwaway PostgreSQL database
 * `statutis_bench_<ts>_<suffix>` when PostgreSQL is reachable (otherwise `unreachable` is logged and
 * kept in `skipped`), then on an in-memory PGlite; each with its own clean-up, run before the next.
 */
export async function onPostgresThenPglite<T>(
  suffix: string,
  unreachable: string,
  skipped: string[],
  fn: (kind: DatabaseKind, database: Database, cleanup: Cleanup, name: string) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  if (await reachable()) {
    const cleanup = new Cleanup();
    try {
      const throwaway = await createThrowawayDatabase(suffix);
      cleanup.defer(() => throwaway.drop());
      const database = await openPostgres(throwaway.url, { max: 10 });
      cleanup.defer(() => database.close());
      results.push(await fn('PostgreSQL', database, cleanup, throwaway.name));
    } finally {
      await cleanup.run();
    }
  } else {
    log(`  ${unreachable}`);
    skipped.push(unreachable);
  }
  const cleanup = new Cleanup();
  try {
    const database = await openPglite();
    cleanup.defer(() => database.close());
    results.push(await fn('PGlite', database, cleanup, 'PGlite'));
  } finally {
    await cleanup.run();
  }
  return results;
}
