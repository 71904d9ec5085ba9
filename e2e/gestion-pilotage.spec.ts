import { expectNoA11yViolations } from './support/a11y';
import { login, mainMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the CDG's gestionnaire follows its collectivités in Gestion › Pilotage du contrat groupe:
 * contracts and options, the year's bases (the demo's communauté de communes declared its 2026 prévisionnelles), and
 * those whose base is missing.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CC = 'Communauté de communes du Val d’Arvelle';

test('le gestionnaire du CDG voit ses collectivités, leurs bases de l’année et filtre celles à relancer', async ({
  page,
}) => {
  await login(page, GESTIONNAIRE);
  await mainMenu(page).getByRole('link', { name: 'Pilotage du contrat groupe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pilotage du contrat groupe' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Année', exact: true }).click();
  await page.getByRole('option', { name: '2026', exact: true }).click();
  const table = page.getByRole('table', { name: /Collectivités adhérentes, bases 2026/ });
  const cc = table.getByRole('row').filter({ hasText: CC });
  await expect(cc.first()).toContainText('ARV-CNRACL-2024 (CNRACL)');
  await expect(cc.first()).toContainText('Maladie ordinaire : franchise 15 jours fermes par arrêt');
  await expect(cc.first()).toContainText('Décès : sans franchise');
  // (32 000 000 + 850 000) cents × 6,5 % = 2 135 250 cents.
  await expect(cc.first()).toContainText(/Prévisionnelle : 21\s352,50\s€/);
  await expect(table).toContainText('Appels émis / payés');
  await expectNoA11yViolations(page, 'pilotage du contrat groupe');

  await test.step('les collectivités dont la base prévisionnelle manque', async () => {
    await page.getByRole('combobox', { name: 'Bases de l’année' }).click();
    await page.getByRole('option', { name: 'Base prévisionnelle manquante' }).click();
    await expect(cc).toHaveCount(0);
    await expect(page.getByText('Prévisionnelle manquante').first()).toBeVisible();
  });

  await test.step('recherche par nom, sans accents ni majuscules', async () => {
    await page.getByRole('combobox', { name: 'Bases de l’année' }).click();
    await page.getByRole('option', { name: 'Toutes' }).click();
    await page.getByRole('textbox', { name: 'Collectivité' }).fill('val d’ARVELLE');
    await expect(table.getByRole('row').filter({ hasText: 'Belleville' })).toHaveCount(0);
    await expect(cc.first()).toBeVisible();
    await expectNoA11yViolations(page, 'pilotage filtré');
  });
});
