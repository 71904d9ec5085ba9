import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type RouteHandlerMethod } from 'fastify';
import { buildApp } from '../../packages/server/src/app.js';
import type { Config } from '../../packages/server/src/config.js';
import type { Database } from '../../packages/server/src/db/client.js';
import { systemClock } from '../../packages/server/src/lib/clock.js';
import type { JobRunner } from '../../packages/server/src/lib/jobs/queue.js';
import type { Storage } from '../../packages/server/src/lib/storage/storage.js';

export const SESSION_COOKIE = 'statutis_session';

/** Production settings, but quiet: LOG_LEVEL=warn (no per-request log lines), no web build. */
function benchConfig(): Config {
  return {
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    port: 0,
    host: '127.0.0.1',
    appUrl: 'http://127.0.0.1',
    secureCookies: false,
    smtpUrl: undefined,
    mailFrom: 'Statutis <ne-pas-repondre@statutis.local>',
    logLevel: 'warn',
    demoData: 'never',
    jobsPollMs: 1000,
    jobsRetentionDays: 30,
    mailsRetentionDays: 90,
    trustProxy: false,
  };
}

export type Running = { url: string; close(): Promise<void> };

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * The real application, as main.ts starts it (job runner included), on a loopback port.
 * `storage`: where uploads go (required by benchmarks that upload: the default is under DATA_DIR).
 * `startJobs: false` leaves the runner stopped, for a benchmark that runs the queue itself
 * (`jobs.drain()`) right when it wants, instead of waiting for the next poll.
 */
export async function startApp(
  database: Database,
  options: { storage?: Storage; startJobs?: boolean } = {},
): Promise<Running & { jobs: JobRunner }> {
  const { app, jobs } = await buildApp({
    config: benchConfig(),
    database,
    clock: systemClock,
    logger: { level: 'warn' },
    webDist: '/nonexistent',
    ...(options.storage ? { storage: options.storage } : {}),
  });
  const url = await listen(app);
  if (options.startJobs !== false) jobs.start();
  return {
    url,
    jobs,
    close: async () => {
      await jobs.stop();
      await app.close();
    },
  };
}

/** A bare Fastify server (no plugins, no hooks, no logger) with the given GET routes. */
export async function startBare(routes: Record<string, RouteHandlerMethod>): Promise<Running> {
  const app = Fastify({ logger: false });
  for (const [path, handler] of Object.entries(routes)) app.get(path, handler);
  const url = await listen(app);
  return { url, close: () => app.close() };
}

/** POST /api/auth/connexion; returns the session cookie value. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  return (await loginSession(baseUrl, email, password)).cookie;
}

/** POST /api/auth/connexion; the session cookie and the CSRF token that every write must send. */
export async function loginSession(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${baseUrl}/api/auth/connexion`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, motDePasse: password }),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`connexion refusée (${response.status}) : ${body}`);
  const { csrfToken } = JSON.parse(body) as { csrfToken: string };
  for (const c of response.headers.getSetCookie()) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c);
    if (match) return { cookie: match[1]!, csrf: csrfToken };
  }
  throw new Error('connexion sans cookie de session');
}
