import { readFile } from 'node:fs/promises';
import { expectNoA11yViolations } from './support/a11y';
import { login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the CDG's gestionnaire reads the loss ratio of its collectivités for the year, opens the
 * calculation of one line from the keyboard, sorts by collectivité and exports the table.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

test('le gestionnaire du CDG lit le rapport S/P de ses collectivités, le trie et l’exporte', async ({ page }) => {
  await login(page, GESTIONNAIRE);
  await page.getByRole('navigation').getByRole('link', { name: 'Rapport S/P' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport S/P' })).toBeVisible();
  const table = page.getByRole('table', { name: /Rapport sinistres sur primes 2026/ });
  // The demo's collectivités declared their 2026 bases: each is a line with its premiums and its ratio.
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText(/\d,\d\d\s%/);
  const total = table.locator('tfoot tr');
  await expect(total).toContainText(/^Total \(\d+ lignes?\)/);
  await expectNoA11yViolations(page);

  // The calculation of the first line, from the keyboard.
  const info = rows.first().getByRole('button', { name: /Comment est calculé le S\/P de/ });
  await info.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Comment est calculé le S\/P de/ })).toContainText(
    /S\/P = remboursements|Pas de rapport S\/P/,
  );
  await page.keyboard.press('Escape');

  // Sorted by collectivité: the header says so.
  const header = table.getByRole('columnheader', { name: 'Collectivité' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const noms = await rows.locator('th').allInnerTexts();
  expect(noms).toEqual([...noms].sort((a, b) => a.localeCompare(b, 'fr')));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rapport-sp-2026.csv');
  const csv = await readFile((await file.path())!, 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    'Collectivité;Contrat;Base;Primes (€);Remboursements réglés (€);Remboursements à régler (€);Sinistres (€);S/P (%)',
  );
  expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(noms.map((n) => n.trim()));
});
