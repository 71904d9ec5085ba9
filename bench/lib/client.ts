import { Worker } from 'node:worker_threads';

/** A small request the probe repeats. */
export type ProbeTarget = { name: string; url: string; headers: Record<string, string> };

export type TaskResult = { status: number; bytes: number; ms: number; detail: unknown };

export type ClientMessage =
  | { type: 'start'; targets: ProbeTarget[]; pauseMs: number }
  | { type: 'stop' }
  | { type: 'download'; url: string; headers: Record<string, string> }
  | { type: 'import'; baseUrl: string; headers: Record<string, string>; csrf: string; file: string };

export type ClientReply =
  | { type: 'ready' }
  | { type: 'probed'; latencies: Record<string, number[]>; failures: string[] }
  | { type: 'done'; result: TaskResult }
  | { type: 'failed'; error: string };

const tsxApi = import.meta.resolve('tsx/esm/api');
const workerUrl = new URL('./client-worker.ts', import.meta.url).href;

/**
 * An HTTP client in a worker thread (client-worker.ts), so that neither the probes nor the
 * download of a large export share the event loop of the in-process server they measure.
 */
export class ClientWorker {
  private readonly worker: Worker;
  private readonly replies: ClientReply[] = [];
  private waiting: ((reply: ClientReply) => void) | null = null;

  private constructor(role: 'probe' | 'tasks') {
    // Node 20 workers do not inherit tsx's loader hooks: the bootstrap registers them first.
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); });`;
    this.worker = new Worker(boot, { eval: true, workerData: { role } });
    this.worker.on('message', (reply: ClientReply) => this.deliver(reply));
    this.worker.on('error', (e) => this.deliver({ type: 'failed', error: e.stack ?? e.message }));
  }

  static async start(role: 'probe' | 'tasks'): Promise<ClientWorker> {
    const client = new ClientWorker(role);
    await client.next('ready');
    return client;
  }

  private deliver(reply: ClientReply) {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(reply);
    else this.replies.push(reply);
  }

  private async next<T extends ClientReply['type']>(type: T): Promise<Extract<ClientReply, { type: T }>> {
    const reply = this.replies.shift() ?? (await new Promise<ClientReply>((resolve) => (this.waiting = resolve)));
    if (reply.type === 'failed') throw new Error(`client HTTP du banc : ${reply.error}`);
    if (reply.type !== type) throw new Error(`client HTTP du banc : « ${reply.type} » reçu, « ${type} » attendu`);
    return reply as Extract<ClientReply, { type: T }>;
  }

  send(message: ClientMessage) {
    this.worker.postMessage(message);
  }

  async stopProbe() {
    this.send({ type: 'stop' });
    return this.next('probed');
  }

  async run(message: Extract<ClientMessage, { type: 'download' | 'import' }>): Promise<TaskResult> {
    this.send(message);
    return (await this.next('done')).result;
  }

  close() {
    return this.worker.terminate();
  }
}
