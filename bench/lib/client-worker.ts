/**
 * Worker thread body of `client.ts`: an HTTP client away from the event loop of the server under
 * test. Two roles, chosen by workerData:
 * - `probe`: small requests one after the other (a pause between rounds), each response time kept,
 *   from `start` to `stop`;
 * - `tasks`: the heavy requests a user makes (an export downloaded to the end, a roster uploaded
 *   and followed until its import is over), one per `run` message.
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClientMessage, ClientReply, ProbeTarget, TaskResult } from './client.js';

const port = parentPort!;
const role = workerData as { role: 'probe' | 'tasks' };
const send = (reply: ClientReply) => port.postMessage(reply);

let probing: { stop: boolean; done: Promise<void> } | null = null;

async function probe(targets: ProbeTarget[], pauseMs: number, state: { stop: boolean }) {
  const latencies: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  const failures: string[] = [];
  while (!state.stop) {
    for (const target of targets) {
      const t = performance.now();
      try {
        const response = await fetch(target.url, { headers: target.headers });
        await response.arrayBuffer();
        if (response.status === 200) latencies[target.name]!.push(performance.now() - t);
        else failures.push(`${target.name} : ${response.status}`);
      } catch (e) {
        failures.push(`${target.name} : ${e instanceof Error ? e.message : e}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  send({ type: 'probed', latencies, failures });
}

/** Downloads to the end, counting the bytes (the body is not kept). */
async function download(url: string, headers: Record<string, string>): Promise<TaskResult> {
  const t = performance.now();
  const response = await fetch(url, { headers });
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  return { status: response.status, bytes, ms: performance.now() - t, detail: response.headers.get('content-type') };
}

type ImportAnswer = { id: string; statut: string; lignes: number; crees: number; misAJour: number; inchanges: number };

/** Uploads the roster, then reads the import every 200 ms, as the page does, until it is over. */
async function importFile(
  baseUrl: string,
  headers: Record<string, string>,
  csrf: string,
  file: string,
): Promise<TaskResult> {
  const t = performance.now();
  const form = new FormData();
  form.append('fichier', await openAsBlob(file, { type: 'text/csv' }), path.basename(file));
  const response = await fetch(`${baseUrl}/api/agents/imports`, {
    method: 'POST',
    headers: { ...headers, 'x-csrf-token': csrf },
    body: form,
  });
  const body = await response.text();
  if (response.status !== 202) return { status: response.status, bytes: 0, ms: 0, detail: body };
  let answer = JSON.parse(body) as ImportAnswer;
  while (!['termine', 'refuse', 'echec'].includes(answer.statut)) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    answer = (await (await fetch(`${baseUrl}/api/agents/imports/${answer.id}`, { headers })).json()) as ImportAnswer;
  }
  return { status: 200, bytes: 0, ms: performance.now() - t, detail: answer };
}

port.on('message', (message: ClientMessage) => {
  void (async () => {
    if (role.role === 'probe' && message.type === 'start') {
      const state = { stop: false, done: Promise.resolve() };
      state.done = probe(message.targets, message.pauseMs, state);
      probing = state;
    } else if (role.role === 'probe' && message.type === 'stop' && probing) {
      probing.stop = true;
      await probing.done;
      probing = null;
    } else if (role.role === 'tasks' && message.type === 'download') {
      send({ type: 'done', result: await download(message.url, message.headers) });
    } else if (role.role === 'tasks' && message.type === 'import') {
      send({ type: 'done', result: await importFile(message.baseUrl, message.headers, message.csrf, message.file) });
    }
  })().catch((e: unknown) => send({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
send({ type: 'ready' });
