/**
 * Benchmark `import`: the roster import (liste nominative) from upload to « terminé », on
 * PostgreSQL with 100 000 lines and on PGlite with 10 000, then the same file again (nothing
 * changes). The application runs in a child process (import-enfant.ts), started like `npm run
 * serve` starts the server (its Node.js options; bundled when it runs the compiled server), so that
 * its resident memory is measured alone, from /proc.
 *
 * Floor, in the same run (import-plancher.ts): a raw `COPY agent (…)` of the very rows the import
 * writes into the same table of a fresh database, once before and once after the import. What the
 * import adds: the upload (multipart, hashing, storage), three reads of the file (encoding,
 * checking, writing), CSV parsing and the domain's line rules twice, the JSON batches of the upsert
 * and its ON CONFLICT and RETURNING, the progress updates.
 */
import { existsSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildDrained, ChildError, ChildReady } from './import-enfant.js';
import { type Floor, pgliteFloor, postgresFloor } from './import-plancher.js';
import {
  type CaseResult,
  details,
  type ImportRun,
  type Kind,
  phasesTable,
  runsTable,
  summarize,
} from './import-rapport.js';
import { loginSession, SESSION_COOKIE } from './lib/app.js';
import { createThrowawayDatabase, reachable } from './lib/postgres.js';
import {
  cpuMsOf,
  type NodeChild,
  ROOT,
  sampleBackends,
  sampleMemory,
  schedBetween,
  schedOf,
  serveCommand,
  spawnNode,
} from './lib/process.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log } from './lib/report.js';
import { generateRoster, type Roster, type RosterEncoding } from './lib/roster.js';
import { ms, num } from './lib/stats.js';

/** Bounds: past these the run is abandoned (and reported as failed), never left hanging. */
const CHILD_START_MS = 120_000;
const IMPORT_MS = 120_000;

const isMessage =
  <T extends { type: string }>(type: T['type']) =>
  (m: unknown): m is T | ChildError =>
    typeof m === 'object' &&
    m !== null &&
    ((m as { type: string }).type === type || (m as ChildError).type === 'error');

async function expectMessage<T extends { type: string }>(child: NodeChild, type: T['type'], timeoutMs: number) {
  const m = await child.message(isMessage<T>(type), timeoutMs);
  if (m.type === 'error') throw new Error(`processus enfant : ${(m as ChildError).message}`);
  return m as T;
}

type Session = { url: string; cookie: string; csrf: string };

/** Uploads over HTTP, has the child run the job at once, and reads /proc around both. */
async function uploadAndRun(child: NodeChild, session: Session, file: string, database: string | null) {
  const headers = { cookie: `${SESSION_COOKIE}=${session.cookie}` };
  const form = new FormData();
  // A file-backed Blob: fetch streams it from disk, as a browser would.
  form.append('fichier', await openAsBlob(file, { type: 'text/csv' }), path.basename(file));
  const memory = sampleMemory(child.pid);
  const backends = database ? sampleBackends(database) : null;
  let samplers: { memory: ReturnType<typeof memory.stop>; database: ReturnType<NonNullable<typeof backends>['stop']> };
  let body: string;
  let drained: ChildDrained;
  let t1: number;
  let t2: number;
  let end: { cpu: number | null; main: ReturnType<typeof schedOf> };
  const start = { cpu: cpuMsOf(child.pid), main: schedOf(child.pid) };
  const t0 = performance.now();
  try {
    const response = await fetch(`${session.url}/api/agents/imports`, {
      method: 'POST',
      headers: { ...headers, 'x-csrf-token': session.csrf },
      body: form,
    });
    body = await response.text();
    t1 = performance.now();
    if (response.status !== 202) throw new Error(`dépôt refusé (${response.status}) : ${body}`);
    child.send({ type: 'drain' });
    drained = await expectMessage<ChildDrained>(child, 'drained', IMPORT_MS);
    t2 = performance.now();
    end = { cpu: cpuMsOf(child.pid), main: schedOf(child.pid) };
  } finally {
    samplers = { memory: memory.stop(), database: backends?.stop() ?? null };
  }
  const id = (JSON.parse(body) as { id: string }).id;
  const answer = await fetch(`${session.url}/api/agents/imports/${id}`, { headers });
  const run: ImportRun = {
    ms: t2 - t0,
    uploadMs: t1 - t0,
    jobMs: t2 - t1,
    serverCpuMs: start.cpu !== null && end.cpu !== null ? end.cpu - start.cpu : null,
    mainThread: schedBetween(start.main, end.main),
    database: samplers.database,
    memory: samplers.memory,
    drained,
    result: (await answer.json()) as ImportRun['result'],
  };
  return run;
}

/** A run that did not write what it should is an error, not a number. */
function check(run: ImportRun, roster: Roster, expected: { crees?: number; inchanges?: number }) {
  const r = run.result;
  const ok =
    r.statut === 'termine' &&
    r.lignes === roster.lines &&
    r.encodage === roster.encoding &&
    r.crees === (expected.crees ?? 0) &&
    r.inchanges === (expected.inchanges ?? 0) &&
    r.misAJour === 0 &&
    run.drained.agents === roster.lines;
  if (!ok) throw new Error(`import inattendu : ${JSON.stringify({ ...r, agentsEnBase: run.drained.agents })}`);
}

/** How the server's child is started: `node <args>`, and what to show of it. */
type ChildCommand = { args: string[]; label: string; nodeFlags: string[] };

/** Where the child is bundled when production runs a bundle: beside the server's, so Node finds node_modules. */
const BUNDLE_DIR = path.join(ROOT, 'packages/server/dist/bench-import');

/**
 * The child runs like the server that `npm run serve` starts: with the Node.js options of that
 * script (BENCH_IMPORT_NODE_FLAGS, space-separated, replaces them, to try a setting before adopting
 * it), and, when `serve` runs the compiled server (`dist/main.js`), bundled by the server's own
 * build script (packages/server/scripts/build.mjs) instead of run through tsx — tsx's loader
 * thread alone weighs some 35 MB of resident memory.
 */
async function childCommand(cleanup: Cleanup): Promise<ChildCommand> {
  const serve = serveCommand();
  const override = process.env.BENCH_IMPORT_NODE_FLAGS;
  const nodeFlags = override !== undefined ? override.split(/\s+/).filter(Boolean) : serve.nodeFlags;
  if (!serve.compiled) {
    const args = [...nodeFlags, '--import', 'tsx', 'bench/import-enfant.ts'];
    return { args, label: `node ${args.join(' ')}`, nodeFlags };
  }
  const build = path.join(ROOT, 'packages/server/scripts/build.mjs');
  const { bundleServer } = (existsSync(build) ? await import(pathToFileURL(build).href) : {}) as {
    bundleServer?: (entryPoints: Record<string, string>, outdir: string) => Promise<void>;
  };
  if (typeof bundleServer !== 'function') {
    throw new Error(`« serve » lance un serveur compilé (${serve.script}) mais ${build} n’exporte pas bundleServer`);
  }
  cleanup.defer(() => rmSync(BUNDLE_DIR, { recursive: true, force: true }));
  await bundleServer({ 'import-enfant': path.join(ROOT, 'bench/import-enfant.ts') }, BUNDLE_DIR);
  const entry = path.join(BUNDLE_DIR, 'import-enfant.js');
  return {
    args: [...nodeFlags, entry],
    label: `node ${[...nodeFlags, path.relative(ROOT, entry)].join(' ')}`,
    nodeFlags,
  };
}

/** Starts the application in a child on `base`, logs in as a publicateur, imports twice. */
async function importTwice(
  base: string,
  roster: Roster,
  file: string,
  database: string | null,
  command: ChildCommand,
  cleanup: Cleanup,
) {
  const files = path.join(path.dirname(file), `fichiers-${path.basename(file, '.csv')}`);
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_IMPORT_BASE: base, BENCH_IMPORT_FICHIERS: files };
  if (env.BENCH_IMPORT_PROFIL) env.BENCH_IMPORT_PROFIL = path.resolve(env.BENCH_IMPORT_PROFIL);
  delete env.DATABASE_URL;
  const child = spawnNode(command.args, env);
  cleanup.defer(() => child.stop());
  const ready = await expectMessage<ChildReady>(child, 'ready', CHILD_START_MS);
  const session = { url: ready.url, ...(await loginSession(ready.url, ready.email, ready.password)) };
  const first = await uploadAndRun(child, session, file, database);
  check(first, roster, { crees: roster.lines });
  const again = await uploadAndRun(child, session, file, database);
  check(again, roster, { inchanges: roster.lines });
  child.send({ type: 'stop' });
  await Promise.race([child.exited, new Promise((r) => setTimeout(r, 10_000))]);
  return { first, again };
}

/** One database: floor, import, re-import, floor again; its databases, files and processes are gone after. */
async function measureCase(
  kind: Kind,
  lines: number,
  encoding: RosterEncoding,
  tmp: string,
  command: ChildCommand,
): Promise<CaseResult> {
  const cleanup = new Cleanup();
  try {
    let t = performance.now();
    const roster = generateRoster(lines, encoding);
    const file = path.join(tmp, `liste-${kind.toLowerCase()}-${lines}.csv`);
    writeFileSync(file, roster.bytes);
    const size = `${num(roster.bytes.length / 1024 / 1024, 1)} Mo`;
    log(`  ${kind} : fichier de ${num(lines)} lignes (${encoding}, ${size}) en ${ms(performance.now() - t)}`);
    t = performance.now();
    const appDataDir = path.join(tmp, 'pglite-app');
    const floor: Floor =
      kind === 'PostgreSQL'
        ? await postgresFloor(roster, cleanup)
        : await pgliteFloor(roster, cleanup, tmp, appDataDir);
    log(`  ${kind} : base du plancher prête en ${ms(performance.now() - t)} ; COPY…`);
    const floors = [await floor.run()];
    let base = `pglite:${appDataDir}`;
    let database: string | null = null;
    if (kind === 'PostgreSQL') {
      const throwaway = await createThrowawayDatabase('import');
      cleanup.defer(() => throwaway.drop());
      base = throwaway.url;
      database = throwaway.name;
    }
    log(`  ${kind} : application dans un processus enfant (${command.label})…`);
    const { first, again } = await importTwice(base, roster, file, database, command, cleanup);
    log(`  ${kind} : COPY de nouveau…`);
    floors.push(await floor.run());
    for (const f of floors) if (f.rows !== lines) throw new Error(`le COPY a écrit ${f.rows} lignes sur ${lines}`);
    const c: CaseResult = {
      kind,
      lines,
      floors,
      first,
      again,
      fileBytes: roster.bytes.length,
      floorBytes: floor.bytes,
      nodeFlags: command.nodeFlags,
      command: command.label,
    };
    log(`\n${runsTable(c)}\n`);
    log(`${phasesTable(first.drained.phases, first.drained.statements)}\n`);
    return c;
  } finally {
    await cleanup.run();
  }
}

export async function benchImport(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'import', skipped: [], summary: [], details: {} };
  const sizes = options.short ? { postgres: 10_000, pglite: 2_000 } : { postgres: 100_000, pglite: 10_000 };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'statutis-bench-import-'));
  // A Cleanup rather than `finally` alone: run.ts drains the pending ones on Ctrl-C.
  const cleanup = new Cleanup();
  cleanup.defer(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    const command = await childCommand(cleanup);
    if (await reachable()) {
      const c = await measureCase('PostgreSQL', sizes.postgres, 'windows-1252', tmp, command);
      outcome.summary.push(...summarize(c, options.short));
      outcome.details.postgres = { encoding: 'windows-1252', ...details(c) };
    } else {
      const why = 'PostgreSQL injoignable : l’import sur PostgreSQL est ignoré.';
      log(`  ${why}`);
      outcome.skipped.push(why);
    }
    const c = await measureCase('PGlite', sizes.pglite, 'utf-8', tmp, command);
    outcome.summary.push(...summarize(c, options.short));
    outcome.details.pglite = { encoding: 'utf-8', ...details(c) };
  } finally {
    await cleanup.run();
  }
  return outcome;
}
