import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { appPort, baseURL, dataDir, e2eDir, smtpPort } from './support/env';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Journeys against the real server (Fastify + embedded PGlite with the demo data, built web app)
 * and Debian's Chromium; mails go to the in-process SMTP capture of `global-setup.ts`.
 * Run through `npm run test:e2e` (e2e/run.mjs), which also builds the web app first.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'test-results', 'e2e'),
  // A two-core machine and one embedded database: one worker, tests in file order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // One worker on purpose: the « slow file » advice to parallelise does not apply.
  reportSlowTests: null,
  // Generous per test (a journey with several axe scans on a busy two-core machine takes a minute),
  // but every single wait fails fast, so a missing label costs seconds, not the whole budget.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  globalSetup: './global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node --import tsx packages/server/src/main.ts',
    cwd: root,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(appPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // Empty means unset for the server: always the embedded database, never a PostgreSQL of the machine.
      DATABASE_URL: '',
      DEMO_DATA: 'auto',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      JOBS_POLL_MS: '100',
      LOG_LEVEL: 'warn',
      APP_URL: baseURL,
      TRUST_PROXY: 'false',
    },
  },
  metadata: { e2eDir },
});
