/**
 * Diagnostic child of the `demarrage` benchmark: replays the start-up sequence of
 * packages/server/src/main.ts step by step and prints how long each step took, as one JSON line.
 *
 * It runs compiled like the server: demarrage.ts bundles it with the server's own build
 * (packages/server/scripts/build.mjs) into packages/server/dist/bench-<pid>/, then runs
 * `node packages/server/dist/bench-<pid>/demarrage-phases.js <dataDir>` from the repository root. The
 * headline numbers of the benchmark come from the real main.js; this script only explains where
 * the time goes, so it must follow main.ts (re-check it when main.ts changes). main.ts overlaps
 * the database opening with the import of the HTTP stack; here they run one after the other, so
 * that each gets its own figure.
 */
import path from 'node:path';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage : demarrage-phases.js <dataDir>');
  process.exit(2);
}

/** Wall-clock milliseconds of each phase. */
const phases: Record<string, number> = {};
/**
 * CPU milliseconds (user + system, every thread of the process: V8's compiler threads, libuv's
 * pool) of each phase: unlike wall time, it barely moves when other processes load the machine.
 */
const cpu: Record<string, number> = {};
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let last = performance.now();
let lastCpu = cpuNow();
/** Node boot: everything before the first line of this script ran. */
phases.processus = last;
cpu.processus = lastCpu;
const mark = (name: string) => {
  const now = performance.now();
  const nowCpu = cpuNow();
  phases[name] = now - last;
  cpu[name] = nowCpu - lastCpu;
  last = now;
  lastCpu = nowCpu;
};

// main.ts's static imports.
const { loadConfig } = await import('../packages/server/src/config.js');
const { openDatabase } = await import('../packages/server/src/db/client.js');
mark('importsBase');

const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '3000', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
const database = await openDatabase({ dataDir: config.dataDir });
mark('pgliteOuverture');
await database.migrate();
mark('migrations');

// What main.ts imports while the database opens.
const { buildApp } = await import('../packages/server/src/app.js');
const { isEmpty, loadDemoData } = await import('../packages/server/src/demo/demo.js');
const { systemClock } = await import('../packages/server/src/lib/clock.js');
const { hashPassword } = await import('../packages/server/src/lib/passwords.js');
const { createLocalStorage } = await import('../packages/server/src/lib/storage/storage.js');
mark('importsApp');
const storage = createLocalStorage(path.join(config.dataDir, 'fichiers'));

let demo = false;
if (await isEmpty(database.db)) {
  // loadDemoData hashes the demo password first: time one hash alone to separate it from the inserts.
  await hashPassword('mesure-du-hachage-argon2');
  mark('demoHachageArgon2');
  await loadDemoData(database.db, storage);
  mark('demoInsertions');
  demo = true;
}
// The bundle sits in dist/bench, not beside dist/main.js: name the web build (run from the root).
const { app, jobs } = await buildApp({
  config,
  database,
  clock: systemClock,
  storage,
  logger: false,
  webDist: path.resolve('packages/web/dist'),
});
mark('buildApp');
await jobs.scheduleRecurring(systemClock.now());
mark('planification');
await app.listen({ port: 0, host: '127.0.0.1' });
mark('listen');
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const health = await fetch(`http://127.0.0.1:${port}/api/health`);
mark('premiereRequeteSante');
phases.total = performance.now();
cpu.total = cpuNow();
await jobs.stop();
await app.close();
await database.close();
mark('fermeture');

console.log(JSON.stringify({ dataDir: path.resolve(dataDir), demo, healthStatus: health.status, phases, cpu }));
