/**
 * Child process of the `import` benchmark: the real application alone in a clean process, so that
 * its resident memory is the server's and nothing else's. The parent uploads over HTTP and reads
 * /proc; this process runs the job queue when told to and says where the time went.
 *
 * Environment: BENCH_IMPORT_BASE (a PostgreSQL URL, or `pglite:<data directory>` for PGlite on
 * disk), BENCH_IMPORT_FICHIERS (a directory for uploaded files); BENCH_IMPORT_PROFIL (optional, a
 * directory): a V8 CPU profile of each job run is written there (open it in Chrome DevTools).
 *
 * IPC: sends `ready`; on `drain`, runs `jobs.drain()` and answers `drained` with its profile;
 * on `stop`, closes and exits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { createLocalStorage, type Storage } from '../packages/server/src/lib/storage/storage.js';
import { startApp } from './lib/app.js';
import { BENCH_PASSWORD, seedDataset } from './lib/dataset.js';

export type ChildReady = { type: 'ready'; url: string; email: string; password: string; collectiviteId: string };

/** One stretch of the job between two reads of the stored file (or the end). */
export type PhaseProfile = {
  phase: string;
  ms: number;
  /** CPU of this process (all threads, PGlite's WebAssembly included). */
  cpuMs: number;
  /** Time spent waiting for (PostgreSQL) or running (PGlite) the database's statements. */
  dbMs: number;
  statements: number;
};

export type ChildDrained = {
  type: 'drained';
  jobs: number;
  ms: number;
  cpuMs: number;
  phases: PhaseProfile[];
  /** Database time per kind of statement over the whole job. */
  statements: Record<string, { count: number; ms: number }>;
  /** In-process peaks, sampled every 200 ms (the event loop may delay a sample): what the RSS is made of. */
  heap: { heapUsed: number; external: number; arrayBuffers: number; rss: number };
  agents: number;
};

export type ChildError = { type: 'error'; message: string };

const send = (message: ChildReady | ChildDrained | ChildError) => process.send?.(message);

/** What a statement is, for the profile. */
function kindOf(text: string): string {
  if (/insert into "?import_agent_ligne"?\s/i.test(text)) return 'préparation (import_agent_ligne)';
  if (/insert into "?agent"?\s/i.test(text)) return 'application (INSERT … SELECT … ON CONFLICT)';
  if (/"?import_agent_ligne"?/i.test(text)) return 'lignes préparées (compte, effacement)';
  if (/"?liste_import"?/i.test(text)) return 'ligne liste_import (progression, statut)';
  if (/\bjob\b/i.test(text)) return 'file des tâches';
  if (/audit_event/i.test(text)) return 'audit';
  if (/^\s*(begin|commit|rollback)/i.test(text)) return 'transaction';
  return 'autres';
}

/** Accumulates database time; `current` is what the phase marks read. */
const db = {
  ms: 0,
  count: 0,
  byKind: {} as Record<string, { count: number; ms: number }>,
  record(text: string, ms: number) {
    db.ms += ms;
    db.count++;
    const kind = kindOf(text);
    const k = db.byKind[kind] ?? { count: 0, ms: 0 };
    k.count++;
    k.ms += ms;
    db.byKind[kind] = k;
  },
};

/** Times every statement sent by `pg` clients (the pool's and the transaction's), promise or callback. */
function instrumentPg() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; submit?: unknown };
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const t = performance.now();
    const callbackAt = args.findIndex((a) => typeof a === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (...r: unknown[]) => void;
      args[callbackAt] = (...r: unknown[]) => {
        db.record(text, performance.now() - t);
        callback(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => db.record(text, performance.now() - t),
        () => db.record(text, performance.now() - t),
      );
    }
    return result;
  };
}

/**
 * Times PGlite's protocol round trips (a statement is several: parse, describe, bind, execute,
 * sync); the statement text is read from the Parse or Query message that starts it.
 */
function instrumentPglite(database: Database) {
  const instance = database.pglite as unknown as {
    execProtocolStream: (m: Uint8Array, o?: unknown) => Promise<unknown>;
  };
  const original = instance.execProtocolStream.bind(instance);
  const decoder = new TextDecoder();
  let current = '';
  instance.execProtocolStream = async (message, options) => {
    if (message[0] === 0x50 /* Parse */) {
      const nameEnd = message.indexOf(0, 5);
      current = decoder.decode(message.subarray(nameEnd + 1, message.indexOf(0, nameEnd + 1)));
    } else if (message[0] === 0x51 /* Query */) {
      current = decoder.decode(message.subarray(5, message.indexOf(0, 5)));
    }
    const t = performance.now();
    try {
      return await original(message, options);
    } finally {
      // One statement counted once (at its Parse or Query), its other messages add time only.
      const ms = performance.now() - t;
      if (message[0] === 0x50 || message[0] === 0x51) db.record(current, ms);
      else {
        db.ms += ms;
        const k = db.byKind[kindOf(current)];
        if (k) k.ms += ms;
      }
    }
  };
}

/** Profiles `fn` with V8's sampling profiler into `dir` (nothing when dir is unset). */
async function profiled<T>(dir: string | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Mark = { phase: string; t: number; cpu: number; dbMs: number; statements: number };
const mark = (phase: string): Mark => ({
  phase,
  t: performance.now(),
  cpu: cpuMs(),
  dbMs: db.ms,
  statements: db.count,
});

/** The job reads the stored file three times: encoding detection, checking, writing. */
const READS = ['détection de l’encodage (lecture 1)', 'vérification (lecture 2)', 'écriture (lecture 3)'];

async function main() {
  const target = process.env.BENCH_IMPORT_BASE;
  const files = process.env.BENCH_IMPORT_FICHIERS;
  if (!target || !files) throw new Error('BENCH_IMPORT_BASE et BENCH_IMPORT_FICHIERS sont requis');
  const database = target.startsWith('pglite:')
    ? await openPglite({ dataDir: target.slice('pglite:'.length) })
    : await openPostgres(target, { max: 10 });
  await database.migrate();
  const dataset = await seedDataset(database, {
    passwordHash: await hashPassword(BENCH_PASSWORD),
    mainAccounts: 20,
    others: 0,
    othersAccounts: 1,
  });
  const [publicateur] = await database.query<{ email: string }>(
    `SELECT u.email FROM app_user u JOIN membership m ON m.user_id = u.id
     WHERE m.role = 'publicateur' AND m.active AND u.password_hash IS NOT NULL AND m.collectivite_id = $1
     ORDER BY u.email LIMIT 1`,
    [dataset.collectiviteId],
  );
  if (!publicateur) throw new Error('aucun publicateur dans le jeu de données');

  let marks: Mark[] = [];
  let runs = 0;
  const local = createLocalStorage(files);
  const storage: Storage = {
    ...local,
    get: (key) => {
      marks.push(mark(READS[marks.length - 1] ?? `lecture ${marks.length}`));
      return local.get(key);
    },
  };
  const app = await startApp(database, { storage, startJobs: false });
  if (database.kind === 'postgres') instrumentPg();
  else instrumentPglite(database);

  process.on('message', (message: { type: string }) => {
    void (async () => {
      if (message.type === 'stop') {
        await app.close();
        await database.close();
        process.exit(0);
      }
      if (message.type !== 'drain') return;
      db.ms = 0;
      db.count = 0;
      db.byKind = {};
      const heap = { heapUsed: 0, external: 0, arrayBuffers: 0, rss: 0 };
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        for (const k of Object.keys(heap) as (keyof typeof heap)[]) heap[k] = Math.max(heap[k], m[k]);
      }, 200);
      marks = [mark('prise en charge de la tâche')];
      const jobs = await profiled(process.env.BENCH_IMPORT_PROFIL, `import-${database.kind}-${++runs}`, () =>
        app.jobs.drain(),
      );
      const end = mark('fin');
      clearInterval(sampler);
      const phases: PhaseProfile[] = marks.map((m, i) => {
        const next = marks[i + 1] ?? end;
        return {
          phase: m.phase,
          ms: next.t - m.t,
          cpuMs: next.cpu - m.cpu,
          dbMs: next.dbMs - m.dbMs,
          statements: next.statements - m.statements,
        };
      });
      const [counted] = await database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM agent WHERE collectivite_id = $1',
        [dataset.collectiviteId],
      );
      send({
        type: 'drained',
        jobs,
        ms: end.t - marks[0]!.t,
        cpuMs: end.cpu - marks[0]!.cpu,
        phases,
        statements: db.byKind,
        heap,
        agents: counted?.n ?? -1,
      });
    })().catch((e: unknown) => {
      send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    });
  });
  send({
    type: 'ready',
    url: app.url,
    email: publicateur.email,
    password: BENCH_PASSWORD,
    collectiviteId: dataset.collectiviteId,
  });
}

main().catch((e: unknown) => {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  setTimeout(() => process.exit(1), 100);
});
