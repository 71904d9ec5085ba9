import { Worker } from 'node:worker_threads';
import { type Latencies, summarize } from './stats.js';

export type LoadOptions = {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
};

/** What the worker sends back. */
export type LoadRaw = {
  durationSeconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latencies: number[];
};

export type LoadResult = {
  /** 2xx responses per second over the whole run. */
  rps: number;
  requests: number;
  durationSeconds: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  latency: Latencies;
};

const tsxApi = import.meta.resolve('tsx/esm/api');
const workerUrl = new URL('./load-worker.ts', import.meta.url).href;

/**
 * Fires autocannon at `url` from a worker thread, so the load generator does not share the event
 * loop of an in-process server (the machine has two cores: one for each, PostgreSQL in between).
 */
export function load(options: LoadOptions): Promise<LoadResult> {
  // Node 20 workers do not inherit tsx's loader hooks: the bootstrap registers them first.
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: options });
    let settled = false;
    worker.once('message', (raw: LoadRaw) => {
      settled = true;
      void worker.terminate();
      resolve({
        rps: raw.ok / raw.durationSeconds,
        requests: raw.ok + raw.non2xx,
        durationSeconds: raw.durationSeconds,
        non2xx: raw.non2xx,
        errors: raw.errors,
        statusCodes: raw.statusCodes,
        latency: summarize(raw.latencies),
      });
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`le générateur de charge s’est arrêté (code ${code})`));
    });
  });
}

/** A short untimed run first: JIT, connection pools and plan caches warm up before the measure. */
export async function warmThenLoad(options: LoadOptions, warmSeconds = 1): Promise<LoadResult> {
  await load({ ...options, durationSeconds: warmSeconds });
  return load(options);
}
