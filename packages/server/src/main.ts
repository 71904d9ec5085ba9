import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';

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
  // The database starts opening (PGlite compiles its WebAssembly in the background) while the HTTP
  // stack, most of the start-up's JavaScript, is loaded: imported only now, on purpose.
  const opening = openDatabase(config).then(async (database) => {
    await database.migrate();
    return database;
  });
  // Without this, a failed open would be reported as unhandled before the imports end.
  opening.catch(() => {});
  const [
    { buildApp },
    { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, loadDemoData },
    { systemClock },
    { createLocalStorage },
  ] = await Promise.all([
    import('./app.js'),
    import('./demo/demo.js'),
    import('./lib/clock.js'),
    import('./lib/storage/storage.js'),
  ]);
  const storage = createLocalStorage(path.join(config.dataDir, 'fichiers'));
  const database = await opening;
  let demo = false;
  if (database.kind === 'pglite' && config.demoData === 'auto' && (await isEmpty(database.db))) {
    await loadDemoData(database.db, storage);
    demo = true;
  }
  const { app, jobs } = await buildApp({ config, database, clock: systemClock, storage });
  await jobs.scheduleRecurring(systemClock.now());
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
