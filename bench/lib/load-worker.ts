/**
 * Worker thread body of `load.ts`: runs autocannon away from the event loop of the server under
 * test, keeps every response time (autocannon's own summary has no p95) and posts them back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadOptions, LoadRaw } from './load.js';

const options = workerData as LoadOptions;
const latencies: number[] = [];
const instance = autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body !== undefined ? { body: options.body } : {}),
    timeout: 10,
  },
  (error, result) => {
    if (error) throw error;
    const raw: LoadRaw = {
      durationSeconds: result.duration,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, Number(v.count)])),
      latencies,
    };
    parentPort!.postMessage(raw);
  },
);
instance.on('response', (_client, _status, _bytes, ms) => {
  latencies.push(ms);
});
