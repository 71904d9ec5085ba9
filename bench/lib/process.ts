/**
 * Child processes of the benchmarks and what Linux says about them in /proc: CPU time of all their
 * threads, resident memory now and at its peak, and the PostgreSQL backends serving a database.
 * Outside Linux the readings are null and the benchmarks say so.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const CLOCK_TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(out.stdout) || 100;
})();

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/**
 * How the root `serve` script starts the server (`node [options] <entry>`): its Node.js options,
 * so that a benchmark runs the server's process as production starts it (heap settings, for
 * instance), and whether the entry is compiled JavaScript (`dist/main.js`) or TypeScript run by
 * tsx. Loader options (--import, --require) are left out: the benchmark brings its own.
 */
export function serveCommand(): { nodeFlags: string[]; compiled: boolean; script: string } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.serve ?? '';
  const tokens = script.trim().split(/\s+/);
  const nodeFlags: string[] = [];
  let i = tokens.indexOf('node') + 1;
  for (; i > 0 && i < tokens.length && tokens[i]!.startsWith('-'); i++) {
    const token = tokens[i]!;
    if (/^(--import|--require|-r)$/.test(token)) i++;
    else if (!/^(--import|--require)=/.test(token)) nodeFlags.push(token);
  }
  return { nodeFlags, compiled: /\.m?js$/.test(tokens[i] ?? ''), script };
}

export type NodeChild = {
  process: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  /** Everything it wrote, for the error message when it fails. */
  output(): string;
  /** The next IPC message that satisfies `accept`; rejects if the child exits first or after `timeoutMs`. */
  message<T>(accept: (m: unknown) => m is T, timeoutMs: number): Promise<T>;
  send(message: unknown): void;
  /** SIGTERM to its process group, SIGKILL after 10 s. Idempotent. */
  stop(): Promise<void>;
};

/**
 * `node <args>` in its own process group, with an IPC channel, from the repository root. Its
 * output is kept (and echoed when `echo` is set).
 */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, options: { echo?: boolean } = {}): NodeChild {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output += d;
    if (options.echo) process.stderr.write(d);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (child.pid === undefined) throw new Error(`impossible de lancer node ${args.join(' ')}`);
  const pid = child.pid;
  return {
    process: child,
    pid,
    exited,
    output: () => output,
    send: (message) => child.send(message as never),
    message: <T>(accept: (m: unknown) => m is T, timeoutMs: number) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          if (!accept(m)) return;
          done();
          resolve(m);
        };
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`le processus enfant s’est arrêté (code ${code}) :\n${output.slice(-4000)}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`le processus enfant n’a pas répondu en ${timeoutMs / 1000} s :\n${output.slice(-4000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-pid, s);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!stopped) {
        signal('SIGKILL');
        await exited;
      }
    },
  };
}

/** CPU milliseconds (user + system) a live process has used so far, all its threads; null if unreadable. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** One thread's CPU time and the time it spent runnable but waiting for a processor (run queue). */
export type Sched = { cpuMs: number; waitMs: number };

/**
 * From /proc/<pid>/task/<tid>/schedstat; `tid` defaults to the main thread (for Node: the event
 * loop, without V8's background compilers and GC helpers). The wait is what a loaded machine adds
 * to the wall time of serial work: wall − wait estimates the same run on a quiet machine.
 */
export function schedOf(pid: number, tid = pid): Sched | null {
  try {
    const [cpu, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
    return Number.isFinite(cpu) && Number.isFinite(wait) ? { cpuMs: cpu! / 1e6, waitMs: wait! / 1e6 } : null;
  } catch {
    return null;
  }
}

export function schedBetween(before: Sched | null, after: Sched | null): Sched | null {
  return before && after ? { cpuMs: after.cpuMs - before.cpuMs, waitMs: after.waitMs - before.waitMs } : null;
}

/** Resident memory now (VmRSS) and its peak (VmHWM), in bytes; null if unreadable. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    return Number.isFinite(rss) && Number.isFinite(peak) ? { rss, peak } : null;
  } catch {
    return null;
  }
}

/** Resets the peak (VmHWM) of one of our processes to its current RSS (Linux ≥ 4.0); false if refused. */
export function resetPeakOf(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Samples a process's RSS every `everyMs` from outside (a busy event loop in the child cannot delay
 * it) and tracks the peak; `stop()` also reads the kernel's own peak (VmHWM) when it was reset.
 */
export function sampleMemory(pid: number, everyMs = 50) {
  const baseline = memoryOf(pid)?.rss ?? Number.NaN;
  const kernelPeak = resetPeakOf(pid);
  let peak = baseline;
  const samples: [ms: number, rss: number][] = [];
  const t0 = performance.now();
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (!m) return;
    samples.push([Math.round(performance.now() - t0), m.rss]);
    if (!(m.rss <= peak)) peak = m.rss;
  }, everyMs);
  return {
    baseline,
    stop() {
      clearInterval(timer);
      const m = memoryOf(pid);
      if (m) peak = Math.max(peak, m.rss, kernelPeak ? m.peak : 0);
      return { baseline, peak, kernelPeak, samples };
    },
  };
}

/** PIDs of the PostgreSQL backends connected to `database` on this machine (their title names it). */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

/**
 * CPU and run-queue wait of the PostgreSQL backends of `database` while it runs (a local server
 * only): each backend is read when first seen and at the end (every 250 ms between, so that one
 * that exits meanwhile still counts up to its last reading). Null when no backend could be read.
 */
export function sampleBackends(database: string, everyMs = 250) {
  const first = new Map<number, Sched>();
  const last = new Map<number, Sched>();
  const read = (isStart: boolean) => {
    for (const pid of postgresBackends(database)) {
      const sched = schedOf(pid);
      if (sched === null) continue;
      if (!first.has(pid)) first.set(pid, isStart ? sched : { cpuMs: 0, waitMs: 0 });
      last.set(pid, sched);
    }
  };
  read(true);
  const timer = setInterval(() => read(false), everyMs);
  return {
    stop(): Sched | null {
      clearInterval(timer);
      read(false);
      if (last.size === 0) return null;
      const total = { cpuMs: 0, waitMs: 0 };
      for (const [pid, s] of last) {
        total.cpuMs += s.cpuMs - first.get(pid)!.cpuMs;
        total.waitMs += s.waitMs - first.get(pid)!.waitMs;
      }
      return total;
    },
  };
}
