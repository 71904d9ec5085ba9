import path from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, loadDemoData } from './db/demo.js';
import { systemClock } from './lib/clock.js';
import { scheduleMaintenance } from './lib/jobs/schedule.js';

async function main() {
  const started = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const database = await openDatabase(config);
  await database.migrate();
  let demo = false;
  if (database.kind === 'pglite' && config.demoData === 'auto' && (await isEmpty(database.db))) {
    await loadDemoData(database.db);
    demo = true;
  }
  const { app, jobs } = await buildApp({ config, database, clock: systemClock });
  await scheduleMaintenance(database.db, systemClock.now());
  await app.listen({ port: config.port, host: config.host });
  jobs.start();

  const where =
    database.kind === 'pglite' ? `base embarquée PGlite (${path.join(config.dataDir, 'pgdata')})` : 'PostgreSQL';
  app.log.info(`Statutis prêt en ${Math.round(performance.now() - started)} ms sur ${config.appUrl} — ${where}`);
  if (demo || (database.kind === 'pglite' && config.demoData === 'auto')) {
    console.log(
      [
        '',
        `  Statutis : ${config.appUrl}`,
        `  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})`,
        ...DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(32)} ${a.label}`),
        '',
      ].join('\n'),
    );
  }

  const shutdown = async (signal: string) => {
    app.log.info(`${signal} reçu : arrêt en cours`);
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error('Démarrage impossible :', e instanceof Error ? e.message : e);
  process.exit(1);
});
