import { expectNoA11yViolations } from './support/a11y';
import { ADMIN_CC, login, openFromMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the CDG's gestionnaire prepares the missing 2026 calls of its collectivités, checks and
 * issues the Val d'Arvelle's IRCANTEC call from the control screen; the collectivité's administrator
 * finds it in « Vos cotisations ». Base prévisionnelle 2026: TBI 42 000 € at 1,100 % = 462,00 €.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CONTRAT = 'ARV-IRCANTEC-2024';

test('le CDG prépare, contrôle et émet ses appels ; l’employeur lit le sien', async ({ page, browser }) => {
  test.slow();
  await login(page, GESTIONNAIRE);
  await page.getByRole('navigation').getByRole('link', { name: 'Appels de cotisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appels de cotisation' })).toBeVisible();
  await page.getByRole('button', { name: 'Préparer les appels manquants 2026' }).click();
  await expect(page.getByRole('status').filter({ hasText: /préparés?\./ })).toBeVisible();

  const table = page.getByRole('table', { name: 'Appels de cotisation' });
  const row = table.getByRole('row').filter({ hasText: CONTRAT });
  await expect(row).toContainText('Communauté de communes du Val d’Arvelle');
  await expect(row).toContainText('462,00');
  await expect(row).toContainText('Brouillon');
  await expectNoA11yViolations(page, 'appels de cotisation');

  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Contrôler la sélection (1)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 appel contrôlé.' })).toBeVisible();
  await expect(row).toContainText('Contrôlé');
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Émettre la sélection (1)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 appel émis.' })).toBeVisible();
  await expect(row).toContainText('Émis');

  const employeur = await (await browser.newContext()).newPage();
  await login(employeur, ADMIN_CC);
  await openFromMenu(employeur, 'Vos cotisations');
  const list = employeur.getByRole('region', { name: 'Vos appels de cotisation' });
  const sien = list.getByRole('row').filter({ hasText: '2026' }).filter({ hasText: 'IRCANTEC' }).first();
  await expect(sien).toContainText('462,00');
  await expect(sien).toContainText('Émis');
});
