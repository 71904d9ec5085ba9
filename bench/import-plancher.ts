/**
 * Floors of the `import` benchmark: a raw `COPY agent (…)` of the very rows the import writes
 * (parsed beforehand, in the table's columns, COPY's text format) into the same table of a fresh
 * migrated database with one collectivité. `run()` empties the table first, so it can run before
 * and after the import.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../packages/server/src/db/client.js';
import { copyFromStdin } from './lib/copy.js';
import { createThrowawayDatabase } from './lib/postgres.js';
import { type Sched, schedBetween, schedOf } from './lib/process.js';
import type { Cleanup } from './lib/report.js';
import { AGENT_COPY_COLUMNS, copyText, type Roster } from './lib/roster.js';

export type FloorRun = {
  ms: number;
  /** The thread that does the work: the PostgreSQL backend, or this process's main thread (PGlite). */
  sched: Sched | null;
  rows: number;
};

export type Floor = { bytes: number; run(): Promise<FloorRun> };

async function insertCollectivite(query: (sql: string, params?: unknown[]) => Promise<{ id: string }[]>) {
  const [centre] = await query(`INSERT INTO cdg (nom, siret) VALUES ('CDG plancher', '99999999900000') RETURNING id`);
  const [c] = await query(
    `INSERT INTO collectivite (nom, siret, type, cdg_id) VALUES ('Commune plancher', '99990000000000', 'commune', $1) RETURNING id`,
    [centre!.id],
  );
  return c!.id;
}

/** PostgreSQL: `COPY … FROM STDIN` on one connection of a throwaway database. */
export async function postgresFloor(roster: Roster, cleanup: Cleanup): Promise<Floor> {
  const throwaway = await createThrowawayDatabase('import_plancher');
  cleanup.defer(() => throwaway.drop());
  const database = await openPostgres(throwaway.url, { max: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: throwaway.url });
  await client.connect();
  cleanup.defer(() => client.end());
  const collectiviteId = await insertCollectivite((sql, params) => client.query(sql, params).then((r) => r.rows));
  const data = copyText(roster.agents, collectiviteId, new Date());
  const backend = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  return {
    bytes: data.length,
    async run() {
      await client.query('TRUNCATE agent CASCADE');
      const s0 = schedOf(backend);
      const t = performance.now();
      const rows = await copyFromStdin(client, 'agent', AGENT_COPY_COLUMNS, data);
      const elapsed = performance.now() - t;
      return { ms: elapsed, sched: schedBetween(s0, schedOf(backend)), rows };
    },
  };
}

/**
 * PGlite: `COPY … FROM '/dev/blob'` with the data passed as a Blob (PGlite's device), on disk as
 * main.ts opens it (DATA_DIR/pgdata). The freshly migrated data directory is first copied to
 * `appDataDir`, where the application's child starts from (a new initdb costs seconds, and PGlite
 * cannot load a dump into a directory on disk).
 */
export async function pgliteFloor(roster: Roster, cleanup: Cleanup, tmp: string, appDataDir: string): Promise<Floor> {
  const dataDir = path.join(tmp, 'pglite-plancher');
  const migrated = await openPglite({ dataDir });
  try {
    await migrated.migrate();
  } finally {
    await migrated.close();
  }
  cpSync(dataDir, appDataDir, { recursive: true });
  const database: Database = await openPglite({ dataDir });
  cleanup.defer(() => database.close());
  const pglite = database.pglite!;
  const collectiviteId = await insertCollectivite((sql, params) => database.query(sql, params));
  const blob = new Blob([new Uint8Array(copyText(roster.agents, collectiviteId, new Date()))]);
  return {
    bytes: blob.size,
    async run() {
      await database.query('TRUNCATE agent CASCADE');
      // PGlite runs in this thread: its CPU is the COPY's.
      const s0 = schedOf(process.pid);
      const t = performance.now();
      const result = await pglite.query(`COPY agent (${AGENT_COPY_COLUMNS.join(', ')}) FROM '/dev/blob'`, [], { blob });
      const elapsed = performance.now() - t;
      return { ms: elapsed, sched: schedBetween(s0, schedOf(process.pid)), rows: result.affectedRows ?? -1 };
    },
  };
}
