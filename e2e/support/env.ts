import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Shared settings of one end-to-end run. The Playwright config is evaluated by the runner and again
 * by every worker: values are therefore fixed once in `process.env` (inherited by the workers), so
 * the server, the SMTP capture and the tests agree on the same ports and the same temporary folder.
 * `e2e/run.mjs` chooses free ports and the folder; without it, the defaults below apply.
 */
if (!process.env.STATUTIS_E2E_DIR) {
  // Run without run.mjs (`npx playwright test -c e2e/playwright.config.ts`): this process owns the
  // folder and removes it when it exits, after Playwright has stopped the server.
  const dir = mkdtempSync(path.join(tmpdir(), 'statutis-e2e-'));
  process.env.STATUTIS_E2E_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
process.env.STATUTIS_E2E_PORT ??= '3917';
process.env.STATUTIS_E2E_SMTP_PORT ??= '3918';

export const e2eDir = process.env.STATUTIS_E2E_DIR;
export const appPort = Number(process.env.STATUTIS_E2E_PORT);
export const smtpPort = Number(process.env.STATUTIS_E2E_SMTP_PORT);
export const baseURL = `http://127.0.0.1:${appPort}`;
/** Every mail received by the capture SMTP server, as a JSON array of `CapturedMail`. */
export const mailboxFile = path.join(e2eDir, 'mails.json');
/** The embedded PGlite database of the server under test: fresh for each run, demo data loaded. */
export const dataDir = path.join(e2eDir, 'data');
