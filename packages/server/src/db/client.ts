import { createHash } from 'node:crypto';
import { constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import * as schema from './tables.js';

export type Schema = typeof schema;
/** Both drivers expose the same Drizzle API; transactions are assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The connection string (PostgreSQL only), for a second pool acting as another instance. */
  url?: string;
  /** Applies the migrations that are not applied yet (serialised across instances on PostgreSQL). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for dumps (test templates, backups). */
  pglite?: PGlite;
  /** Raw SQL for benchmarks and tests that must bypass the ORM. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

/**
 * Beside this file in src/db (tsx, tests), beside the bundle in dist (scripts/build.mjs copies it
 * there): the same expression finds both.
 */
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * PostgreSQL's default 128 MB of shared buffers is sized for a server; PGlite zero-fills its whole
 * shared memory at every start (≈ 0.5 s of CPU and 110 MB of memory more than with 32 MB). 32 MB
 * holds the working set of a trial or a small collectivité; the rest is in the OS page cache.
 */
/** The contrib extensions the migrations create (PGlite loads only those it is given). */
const PGLITE_EXTENSIONS = { pg_trgm, btree_gin, btree_gist };

const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.dataDir) await prepareDataDir(options.dataDir);
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: PGLITE_EXTENSIONS,
    startParams: PGLITE_START_PARAMS,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    migrate: async () => {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    close: () => client.close(),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
  };
}

// -- Migrated template of a new embedded database
//
// PGlite's initdb costs ~10 s of CPU; copying a directory that was initialised and migrated once
// (at build time, scripts/build.mjs) costs a fraction of that. The template holds the schema only,
// never demo data; the migrations still run on the copy (no-ops when the template is current).

const requireHere = createRequire(import.meta.url);

/** node_modules/@electric-sql/pglite: its version is part of the template's stamp. */
function pglitePackageDir(): string {
  // The package exports no ./package.json: climb from its CommonJS entry (dist/index.cjs).
  return path.resolve(path.dirname(requireHere.resolve('@electric-sql/pglite')), '..');
}

/**
 * Where the template of the current PGlite version and migrations lives (it may not exist):
 * node_modules/.cache/statutis, outside git, rebuilt after `npm ci`. The name carries a hash of the
 * PGlite version, the extensions and every migration file, so a stale template is never used.
 */
export function pgliteTemplateDir(): string {
  const pgliteDir = pglitePackageDir();
  const hash = createHash('sha256');
  const { version } = JSON.parse(readFileSync(path.join(pgliteDir, 'package.json'), 'utf8')) as { version: string };
  hash.update(
    `statutis-pglite-template 1\0pglite ${version}\0extensions ${Object.keys(PGLITE_EXTENSIONS).join(' ')}\0`,
  );
  hash.update(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json')));
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(path.join(migrationsFolder, file)));
  }
  const cache = path.join(pgliteDir, '..', '..', '.cache', 'statutis');
  return path.join(cache, `pglite-template-${hash.digest('hex').slice(0, 16)}`);
}

const TEMPLATE_PREFIX = 'pglite-template-';

/** Builds the migrated template when it is missing; removes templates of older stamps. */
export async function ensurePgliteTemplate(): Promise<{ dir: string; built: boolean }> {
  const dir = pgliteTemplateDir();
  if (existsSync(path.join(dir, 'PG_VERSION'))) return { dir, built: false };
  const cache = path.dirname(dir);
  mkdirSync(cache, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    const client = await PGlite.create({
      dataDir: tmp,
      extensions: PGLITE_EXTENSIONS,
      startParams: PGLITE_START_PARAMS,
    });
    try {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    } finally {
      await client.close();
    }
    // A reader sees no template or a whole one, never a half-written one.
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Another build finished the same template first: use it.
    if (existsSync(path.join(dir, 'PG_VERSION'))) return { dir, built: false };
    throw e;
  }
  for (const name of readdirSync(cache)) {
    const other = path.join(cache, name);
    if (name.startsWith(TEMPLATE_PREFIX) && other !== dir && !isBuilding(name)) {
      rmSync(other, { recursive: true, force: true });
    }
  }
  return { dir, built: true };
}

/** A `<template>.tmp-<pid>` directory whose process still runs is another build in progress. */
function isBuilding(name: string): boolean {
  const pid = Number(/\.tmp-(\d+)$/.exec(name)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A data directory without PG_VERSION starts as a copy of the template when one is current;
 * otherwise (no template, a directory that is not empty) PGlite runs initdb as before.
 */
async function prepareDataDir(dataDir: string) {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return;
  // PGlite does not create the parent folders of its data directory.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const tmp = `${dataDir}.tmp-${process.pid}`;
  try {
    const template = pgliteTemplateDir();
    if (existsSync(path.join(template, 'PG_VERSION'))) {
      // Copied aside then renamed, so that a crash mid-copy leaves no half database that would
      // look like an existing one.
      await copyTree(template, tmp);
      if (existsSync(dataDir)) rmdirSync(dataDir);
      renameSync(tmp, dataDir);
    }
  } catch {
    // No usable template (removed meanwhile, unreadable cache…): initdb, as without one.
    rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
}

/**
 * Copies a directory tree (≈ 1 100 files, 40 MB for a PGlite data directory): directories first,
 * then every file at once on libuv's thread pool, so that main.ts keeps loading the HTTP stack
 * meanwhile; cloned where the file system can (btrfs, XFS). fs.cp costs twice the CPU here.
 */
async function copyTree(from: string, to: string) {
  mkdirSync(to);
  const files: string[] = [];
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    const relative = path.relative(from, path.join(entry.parentPath, entry.name));
    if (entry.isDirectory()) mkdirSync(path.join(to, relative), { recursive: true });
    else files.push(relative);
  }
  await Promise.all(files.map((f) => copyFile(path.join(from, f), path.join(to, f), constants.COPYFILE_FICLONE)));
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  // Loaded here: a server on the embedded database never needs them.
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  // This application's queries are short and many: JIT compiling (150–340 ms measured on a
  // national-scale count) and parallel workers (≈ 4 ms to start, for a 0.5 ms page of sinistres)
  // cost more than they save. The national bench (`npm run bench -- echelle`) measured both.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  pool.on('error', () => {
    // An idle client dropped by the server: the pool replaces it; requests report their own errors.
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    url,
    migrate: async () => {
      const client = await pool.connect();
      try {
        // Two instances starting together must not both run the same migration.
        await client.query('SELECT pg_advisory_lock(7355608)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(7355608)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
  };
}

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in DATA_DIR/pgdata otherwise. */
export function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : openPglite({ dataDir: path.join(config.dataDir, 'pgdata') });
}
