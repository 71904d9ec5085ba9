import { readFile } from 'node:fs/promises';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN, chooseCollectivite, login, openFromMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the demo CDG calls its fee separately from 2025 (70 € per CNRACL agent). The CCAS's 2026
 * fee call (6 agents → 420,00 €) is issued: the gestionnaire finds it beside the contribution call on
 * the control screen; the CCAS's administrator reads it in « Vos cotisations » and downloads its avis.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CCAS = 'CCAS de Belleville-sur-Arvelle';

test('les frais de gestion appelés séparément : le CDG les voit, l’employeur les lit et les télécharge', async ({
  page,
  browser,
}) => {
  await login(page, GESTIONNAIRE);
  await page.getByRole('navigation').getByRole('link', { name: 'Appels de cotisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appels de cotisation' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Appels de cotisation' });
  const frais = table.getByRole('row').filter({ hasText: CCAS }).filter({ hasText: 'Frais de gestion du CDG' });
  await expect(frais).toContainText(/FG-2026-\d{6}/);
  await expect(frais).toContainText('420,00');
  await expect(frais).toContainText('Émis');
  // The contribution call no longer carries the fee: 152 000 € × 6,50 % = 9 880,00 €.
  const cotisation = table.getByRole('row').filter({ hasText: CCAS }).filter({ hasNotText: 'Frais de gestion du CDG' });
  await expect(cotisation).toContainText('9 880,00');
  await expectNoA11yViolations(page, 'appels de cotisation avec frais de gestion');

  const employeur = await (await browser.newContext()).newPage();
  await login(employeur, ADMIN);
  await chooseCollectivite(employeur, CCAS);
  await openFromMenu(employeur, 'Vos cotisations');
  const list = employeur.getByRole('region', { name: 'Vos appels de cotisation' });
  const row = list.getByRole('row').filter({ hasText: 'Frais de gestion du CDG' }).filter({ hasText: '2026' });
  await expect(row).toContainText('420,00');
  await expect(row).toContainText('Émis');
  await expectNoA11yViolations(employeur, 'vos cotisations avec frais de gestion');
  await row.getByRole('link').click();
  await expect(
    employeur.getByRole('heading', { level: 1, name: /^Frais de gestion du CDG FG-2026-\d{6}$/ }),
  ).toBeVisible();
  await expect(employeur.getByText(/payables au centre de gestion/)).toBeVisible();
  await expect(employeur.getByRole('region', { name: /Lignes de l’appel/ })).toContainText('70,00');
  await expectNoA11yViolations(employeur, 'appel des frais de gestion');
  const download = employeur.waitForEvent('download');
  await employeur.getByRole('button', { name: 'Avis d’appel (PDF)' }).click();
  const pdf = await readFile((await (await download).path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
