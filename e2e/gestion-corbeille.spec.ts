import { expectNoA11yViolations } from './support/a11y';
import { login, mainMenu } from './support/session';
import { expect, test } from './support/test';

/** A gestionnaire works his queue: the demo's waiting files, a filter, « M'attribuer », the keyboard (issue 9). */

const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

test('le gestionnaire travaille sa corbeille', async ({ page }) => {
  test.slow();
  await login(page, GESTIONNAIRE);
  const entry = mainMenu(page).getByRole('link', { name: /^Corbeille \d+ dossiers? en attente$/ });
  await expect(entry).toBeVisible();
  await entry.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Corbeille' })).toBeVisible();
  const table = page.getByRole('table', { name: /Dossiers en attente/ });
  const menard = table.getByRole('row').filter({ hasText: 'Hélène MÉNARD' });
  await expect(menard).toBeVisible();
  // The NIR is masked: sex, year and month of birth only.
  await expect(menard.getByText(/\d \d{2} \d{2} •• ••• ••• ••/)).toBeVisible();
  await expectNoA11yViolations(page, 'corbeille');

  await test.step('filtrer par motif', async () => {
    await page.getByRole('combobox', { name: 'Motif' }).click();
    await page.getByRole('option', { name: /^Demande de requalification/ }).click();
    await expect(table.getByRole('row').filter({ hasText: 'Demande de requalification' }).first()).toBeVisible();
    await expect(menard).toBeHidden();
    await page.getByRole('combobox', { name: 'Motif' }).click();
    await page.getByRole('option', { name: 'Tous les motifs' }).click();
    await expect(menard).toBeVisible();
  });

  await test.step('au clavier : j descend, k remonte', async () => {
    const links = table.getByRole('rowheader').getByRole('link');
    await links.first().focus();
    await page.keyboard.press('j');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('k');
    await expect(links.first()).toBeFocused();
  });

  await test.step('m’attribuer un dossier', async () => {
    await menard.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'M’attribuer' }).click();
    await expect(page.getByText('1 dossier attribué.')).toBeVisible();
    await expect(menard.getByText('Nadia MOREAU')).toBeVisible();
    await page.getByRole('combobox', { name: 'Attribution' }).click();
    await page.getByRole('option', { name: 'Mes dossiers' }).click();
    await expect(menard).toBeVisible();
    await expect(table.getByText('Personne', { exact: true })).toHaveCount(0);
    await expectNoA11yViolations(page, 'corbeille filtrée');
  });

  await test.step('Entrée ouvre le dossier', async () => {
    await menard.getByRole('rowheader').getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/gestion\/sinistres\/[0-9a-f-]{36}$/);
  });
});
