/**
 * Benchmark `connexion`: sequential POST /api/auth/connexion over loopback HTTP, one at a time
 * (a user's perceived latency, not throughput).
 *
 * Floor: one `verify()` of the same argon2id hash with `@node-rs/argon2`, the cost no login can
 * avoid. Floor and login samples alternate, so a neighbour's load hits both alike. Every attempt
 * succeeds from the same address and account: the throttling counts failures only, so it never
 * slows these logins down (a 429 would be reported as an error).
 */
import { verify } from '@node-rs/argon2';
import type { Database } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { startApp } from './lib/app.js';
import { BENCH_PASSWORD, seedDataset } from './lib/dataset.js';
import { onPostgresThenPglite } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, type Cleanup, log } from './lib/report.js';
import { type Latencies, ms, summarize, table, times } from './lib/stats.js';

const WARM_UP = 3;

type Measured = { login: Latencies; floor: Latencies; samples: { login: number[]; floor: number[] } };

async function measure(database: Database, passwordHash: string, runs: number, cleanup: Cleanup): Promise<Measured> {
  await database.migrate();
  const dataset = await seedDataset(database, { passwordHash, mainAccounts: 50, others: 10, othersAccounts: 20 });
  const app = await startApp(database);
  cleanup.defer(() => app.close());
  const body = JSON.stringify({ email: dataset.adminEmail, motDePasse: BENCH_PASSWORD });
  const loginOnce = async () => {
    const t = performance.now();
    const response = await fetch(`${app.url}/api/auth/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    const elapsed = performance.now() - t;
    if (response.status !== 200) throw new Error(`connexion refusée (${response.status})`);
    return elapsed;
  };
  const verifyOnce = async () => {
    const t = performance.now();
    const ok = await verify(passwordHash, BENCH_PASSWORD.normalize('NFC'));
    const elapsed = performance.now() - t;
    if (!ok) throw new Error('le hachage de référence ne vérifie pas le mot de passe');
    return elapsed;
  };
  for (let i = 0; i < WARM_UP; i++) {
    await verifyOnce();
    await loginOnce();
  }
  const samples = { login: [] as number[], floor: [] as number[] };
  for (let i = 0; i < runs; i++) {
    samples.floor.push(await verifyOnce());
    samples.login.push(await loginOnce());
  }
  return { login: summarize(samples.login), floor: summarize(samples.floor), samples };
}

export async function benchConnexion(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'connexion', skipped: [], summary: [], details: {} };
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const results = await onPostgresThenPglite(
    'connexion',
    'PostgreSQL injoignable : connexion mesurée sur PGlite seulement.',
    outcome.skipped,
    async (kind, database, cleanup, name) => {
      log(`  ${kind === 'PGlite' ? 'PGlite' : `PostgreSQL (${name})`} : ${options.loginRuns} connexions successives…`);
      return { kind, m: await measure(database, passwordHash, options.loginRuns, cleanup) };
    },
  );

  const rows = results.flatMap(({ kind, m }) => [
    [`argon2id verify seul (plancher, ${kind})`, ms(m.floor.p50), ms(m.floor.p95), ms(m.floor.max), '', ''],
    [
      `POST /api/auth/connexion — ${kind}`,
      ms(m.login.p50),
      ms(m.login.p95),
      ms(m.login.max),
      times(m.login.p50 / m.floor.p50),
      `+${ms(m.login.p50 - m.floor.p50)}`,
    ],
  ]);
  log(`\n${table([['Cas', 'p50', 'p95', 'max', 'p50 / plancher', 'surcoût p50'], ...rows])}\n`);
  for (const { kind, m } of results) {
    outcome.summary.push({
      banc: 'connexion',
      mesure: `POST /api/auth/connexion, ${kind}`,
      resultat: `p50 ${ms(m.login.p50)}, p95 ${ms(m.login.p95)}`,
      plancher: `argon2 verify p50 ${ms(m.floor.p50)}`,
      rapport: `${times(m.login.p50 / m.floor.p50)} (+${ms(m.login.p50 - m.floor.p50)})`,
      objectif: '— (information)',
      verdict: 'info',
    });
    outcome.details[kind === 'PGlite' ? 'pglite' : 'postgres'] = { runs: options.loginRuns, ...m };
  }
  return outcome;
}
