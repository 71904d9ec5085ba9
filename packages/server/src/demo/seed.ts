import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createLocalStorage } from '../lib/storage/storage.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, loadDemoData } from './demo.js';

/** `npm run seed:demo`: loads the demo data into any database (PostgreSQL included) that has none. */
const config = loadConfig();
const database = await openDatabase(config);
await database.migrate();
if (!(await isEmpty(database.db))) {
  console.error(
    'La base contient déjà des données : les données de démonstration ne sont chargées que dans une base vide.',
  );
  await database.close();
  process.exit(1);
}
await loadDemoData(database.db, createLocalStorage(path.join(config.dataDir, 'fichiers')));
await database.close();
console.log(`Données de démonstration chargées. Mot de passe commun : ${DEMO_PASSWORD}`);
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(32)} ${a.label}`);
