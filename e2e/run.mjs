#!/usr/bin/env node
// `npm run test:e2e`: makes sure Debian's Chromium is there, builds the web app, then runs the
// Playwright journeys against the real server. Exits with Playwright's exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(title) {
  console.log(`\n▶ ${title}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`✖ ${command} : ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** `count` distinct ports nobody listens on now (asked to the system together, then released). */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      [
        '',
        `✖ Chromium est introuvable (${CHROMIUM}). Les tests de bout en bout utilisent le Chromium de Debian.`,
        '  Installez-le avec : sudo apt-get update && sudo apt-get install -y chromium',
        '',
        `✖ Chromium was not found at ${CHROMIUM}. The end-to-end tests use Debian's Chromium package.`,
        '  Install it with: sudo apt-get update && sudo apt-get install -y chromium',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  step('Installation de Chromium (apt-get) / installing Chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const code = run('apt-get', ['update'], { env }) || run('apt-get', ['install', '-y', 'chromium'], { env });
  if (code !== 0 || !existsSync(CHROMIUM)) {
    console.error(`✖ L’installation de Chromium a échoué (code ${code}). / Installing Chromium failed.`);
    process.exit(1);
  }
}

step('Chromium');
ensureChromium();
console.log(`  ${CHROMIUM}`);

step('Construction de l’application web (npm run build -w @statutis/web)');
const buildCode = run(npm, ['run', 'build', '-w', '@statutis/web']);
if (buildCode !== 0) {
  console.error(`✖ La construction de l’application web a échoué (code ${buildCode}).`);
  process.exit(buildCode);
}

// One fresh folder per run: the server's PGlite database (demo data loaded at start) and the mailbox.
const e2eDir = mkdtempSync(path.join(tmpdir(), 'statutis-e2e-'));
const [appPort, smtpPort] = await freePorts(2);
const env = {
  ...process.env,
  STATUTIS_E2E_DIR: e2eDir,
  STATUTIS_E2E_PORT: process.env.STATUTIS_E2E_PORT ?? String(appPort),
  STATUTIS_E2E_SMTP_PORT: process.env.STATUTIS_E2E_SMTP_PORT ?? String(smtpPort),
};

step(`Parcours Playwright (serveur sur le port ${env.STATUTIS_E2E_PORT}, SMTP sur ${env.STATUTIS_E2E_SMTP_PORT})`);
const code = run(npx, ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)], { env });
if (code === 0 || !process.env.STATUTIS_E2E_KEEP) rmSync(e2eDir, { recursive: true, force: true });
else console.log(`  Données du serveur et courriels conservés dans ${e2eDir}`);
console.log(
  code === 0 ? '\n✔ Parcours de bout en bout réussis.' : `\n✖ Parcours de bout en bout en échec (code ${code}).`,
);
process.exit(code);
