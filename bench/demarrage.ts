/**
 * Benchmark `demarrage`: time from spawning `node packages/server/dist/main.js` (the compiled server
 * that `npm start` and `npm run serve` run; embedded PGlite, demo data) until GET /api/health
 * answers 200, first with a new DATA_DIR, then with the DATA_DIR that run left behind.
 *
 * Floor: `node -e 0`, spawn to exit: what any start of Node pays before a line of Statutis runs.
 * A diagnostic child (demarrage-phases.ts, bundled like the server) then replays main.ts step by
 * step to say where the rest goes. The builds (web, server, PGlite template) are part of
 * `npm start` before the server starts; they are run first and not measured.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../packages/server/scripts/build.mjs';
import { type BenchOptions, type BenchOutcome, Cleanup, log } from './lib/report.js';
import { median, ms, table, times } from './lib/stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** How the server is started (the root `serve` script); change it here if the start command changes. */
const SERVER_ARGS = ['packages/server/dist/main.js'];
/**
 * Where the diagnostic child is bundled: inside the repository, so that Node finds node_modules;
 * one folder per run, removed at the end.
 */
const PHASES_DIR = path.join(ROOT, `packages/server/dist/bench-${process.pid}`);
const GOALS = { nouveau: 3000, existant: 1500 };
const START_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.once('error', () => resolve(false));
    request.once('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** The child's environment: embedded database, demo data, quiet logs, no inherited DATABASE_URL. */
function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DEMO_DATA: 'auto',
  };
  delete env.DATABASE_URL;
  delete env.APP_URL;
  delete env.SMTP_URL;
  return env;
}

type Child = { process: ChildProcess; exited: Promise<number | null>; output: () => string };

/** Spawns in its own process group, so that stopping it stops whatever it started. */
function spawnNode(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, exited, output: () => output };
}

async function stopGroup(child: Child) {
  const pid = child.process.pid;
  if (pid === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const stopped = await Promise.race([child.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    signal('SIGKILL');
    await child.exited;
  }
}

/** One start: wall time, and CPU time of the process (all its threads) when it was reached. */
type Sample = { ms: number; cpuMs: number | null };

const CLOCK_TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(out.stdout) || 100;
})();

/**
 * CPU milliseconds (user + system) a live process has used so far, from /proc (Linux); null
 * elsewhere. On a shared machine it moves far less than wall time.
 */
function cpuOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** From spawn to the first 200 of /api/health. */
async function timeStart(dataDir: string, cleanup: Cleanup): Promise<Sample> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode(SERVER_ARGS, serverEnv(dataDir, port));
  cleanup.defer(() => stopGroup(child));
  let exitCode: number | null | undefined;
  void child.exited.then((code) => {
    exitCode = code;
  });
  try {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`le serveur s’est arrêté (code ${exitCode}) :\n${child.output()}`);
      if (await healthy(port)) return { ms: performance.now() - t0, cpuMs: cpuOf(child.process.pid) };
      if (performance.now() - t0 > START_TIMEOUT_MS) throw new Error(`pas de réponse de /api/health en 60 s`);
      await sleep(10);
    }
  } finally {
    await stopGroup(child);
  }
}

/** The floor: a bare Node process, spawn to exit; it reports its own CPU time. */
async function timeBareProcess(): Promise<Sample> {
  const t0 = performance.now();
  const script = 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);';
  const child = spawnNode(['-e', script], process.env);
  const code = await child.exited;
  const elapsed = performance.now() - t0;
  if (code !== 0) throw new Error(`node -e : code ${code}\n${child.output()}`);
  const cpuMs = Number(child.output().trim());
  return { ms: elapsed, cpuMs: Number.isFinite(cpuMs) ? cpuMs : null };
}

function stats(samples: Sample[]) {
  const wall = samples.map((s) => s.ms);
  const cpu = samples.flatMap((s) => (s.cpuMs === null ? [] : [s.cpuMs]));
  return {
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpuMedian: cpu.length ? median(cpu) : Number.NaN,
    samples,
  };
}

type Phases = { demo: boolean; phases: Record<string, number>; cpu: Record<string, number> };

/** Runs a build step to completion; its output is shown only if it fails. */
async function build(args: string[], what: string) {
  const child = spawnNode(args, process.env);
  const code = await child.exited;
  if (code !== 0) throw new Error(`${what} : code ${code}\n${child.output()}`);
}

async function phasesOf(dataDir: string, cleanup: Cleanup): Promise<Phases> {
  const child = spawnNode([path.join(PHASES_DIR, 'demarrage-phases.js'), dataDir], serverEnv(dataDir, 3000));
  cleanup.defer(() => stopGroup(child));
  const code = await child.exited;
  const last = child.output().trim().split('\n').at(-1) ?? '';
  if (code !== 0) throw new Error(`diagnostic des phases : code ${code}\n${child.output()}`);
  return JSON.parse(last) as Phases;
}

const PHASE_LABELS: Record<string, string> = {
  processus: 'démarrage de node',
  importsBase: 'imports de main.js (configuration, client de base, PGlite, Drizzle)',
  pgliteOuverture: 'PGlite.create (copie du modèle migré sur un dossier neuf)',
  migrations: 'migrations Drizzle',
  importsApp: 'imports de la pile HTTP (Fastify, plugins, modules)',
  demoHachageArgon2: 'démo : un hachage argon2id',
  demoInsertions: 'démo : insertions',
  buildApp: 'buildApp (plugins, routes, schémas zod)',
  planification: 'planification de la maintenance',
  listen: 'app.listen (ready + écoute)',
  premiereRequeteSante: 'première requête /api/health',
  total: 'total jusqu’à la première réponse',
};

export async function benchDemarrage(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'demarrage', skipped: [], summary: [], details: {} };
  const cleanup = new Cleanup();
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'statutis-bench-'));
    dirs.push(dir);
    return dir;
  };
  cleanup.defer(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  try {
    const runs = options.startRuns;
    // What `npm start` does before starting the server (here without the web build, which does not
    // change the server's start): bundle, and the PGlite template when it is missing or stale.
    log('  construction du serveur (npm run build -w @statutis/server, non mesurée)…');
    await build(['packages/server/scripts/build.mjs'], 'construction du serveur');
    cleanup.defer(() => rmSync(PHASES_DIR, { recursive: true, force: true }));
    await bundleServer({ 'demarrage-phases': path.join(ROOT, 'bench/demarrage-phases.ts') }, PHASES_DIR);
    log('  plancher : node -e 0…');
    const floorSamples: Sample[] = [];
    for (let i = 0; i < runs + 1; i++) floorSamples.push(await timeBareProcess());

    // Also brings the server's files and the template into the page cache before the timed runs.
    log('  diagnostic des phases, dossier neuf…');
    const phaseDir = tempDir();
    const phasesNew = await phasesOf(phaseDir, cleanup);

    log(`  ${runs} démarrage(s) sur un DATA_DIR neuf…`);
    const newSamples: Sample[] = [];
    const reused = tempDir();
    for (let i = 0; i < runs; i++) newSamples.push(await timeStart(i === 0 ? reused : tempDir(), cleanup));
    log(`  ${runs} démarrage(s) sur le DATA_DIR existant…`);
    const existingSamples: Sample[] = [];
    for (let i = 0; i < runs; i++) existingSamples.push(await timeStart(reused, cleanup));
    log('  diagnostic des phases, dossier existant…');
    const phasesExisting = await phasesOf(phaseDir, cleanup);

    const floor = stats(floorSamples);
    const cases = [
      { key: 'nouveau' as const, label: 'DATA_DIR neuf (copie du modèle, démo)', ...stats(newSamples) },
      { key: 'existant' as const, label: 'DATA_DIR existant', ...stats(existingSamples) },
    ];
    const rows = [
      ['Cas', 'médiane', 'min', 'max', 'CPU (méd.)', 'écart au plancher', 'rapport', 'objectif'],
      ['node -e 0 (plancher)', ms(floor.median), ms(floor.min), ms(floor.max), ms(floor.cpuMedian)],
      ...cases.map((c) => [
        c.label,
        ms(c.median),
        ms(c.min),
        ms(c.max),
        ms(c.cpuMedian),
        `+${ms(c.median - floor.median)}`,
        times(c.median / floor.median),
        `< ${ms(GOALS[c.key])}`,
      ]),
    ];
    log(`\n${table(rows)}\n`);
    const phaseNames = [...new Set([...Object.keys(phasesNew.phases), ...Object.keys(phasesExisting.phases)])].filter(
      (p) => p in PHASE_LABELS,
    );
    const cell = (r: Record<string, number>, p: string) => (p in r ? ms(r[p]!) : '—');
    log(
      `Où va le temps (diagnostic, un passage de chaque ; le temps CPU dépend peu de la charge de la machine) :\n${table(
        [
          ['Phase', 'neuf : mur', 'neuf : CPU', 'existant : mur', 'existant : CPU'],
          ...phaseNames.map((p) => [
            PHASE_LABELS[p] ?? p,
            cell(phasesNew.phases, p),
            cell(phasesNew.cpu, p),
            cell(phasesExisting.phases, p),
            cell(phasesExisting.cpu, p),
          ]),
        ],
      )}\n`,
    );
    for (const c of cases) {
      outcome.summary.push({
        banc: 'demarrage',
        mesure: c.label,
        resultat: `${ms(c.median)} (CPU ${ms(c.cpuMedian)})`,
        plancher: `node ${ms(floor.median)}`,
        rapport: `+${ms(c.median - floor.median)} (${times(c.median / floor.median)})`,
        objectif: `< ${ms(GOALS[c.key])}`,
        verdict: c.median < GOALS[c.key] ? 'atteint' : 'manqué',
      });
    }
    outcome.details = {
      goals: GOALS,
      floor,
      nouveau: cases[0],
      existant: cases[1],
      phases: { nouveau: phasesNew, existant: phasesExisting },
    };
  } finally {
    await cleanup.run();
  }
  return outcome;
}
