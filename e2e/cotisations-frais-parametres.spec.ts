import { expectNoA11yViolations } from './support/a11y';
import { login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the CDG's gestionnaire sets his fee per period. The demo has 70 € per CNRACL agent in
 * 2024, then from 2025 on (called separately). A period from 2031 overlaps the open one: refused
 * with the reason beside « Du »; he ends the 2025 period on 31/12/2030, then adds 0,40 % of the
 * CNRACL base from 2031 (far from the years the other journeys use).
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

test('les frais de gestion du CDG : lire les périodes, en terminer une, en ajouter une', async ({ page }) => {
  await login(page, GESTIONNAIRE);
  await page.getByRole('navigation').getByRole('link', { name: 'Appels de cotisation' }).click();
  await page.getByRole('link', { name: 'Frais de gestion du centre de gestion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Frais de gestion du centre de gestion' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Frais de gestion par période' });
  const en2025 = table.getByRole('row').filter({ hasText: '01/01/2025' });
  await expect(en2025).toContainText('En vigueur');
  await expect(en2025).toContainText('70,00 € par agent CNRACL');
  await expect(en2025.getByRole('cell').nth(5)).toHaveText('Oui');
  await expect(table.getByRole('row').filter({ hasText: '01/01/2024' })).toContainText('31/12/2024');
  await expectNoA11yViolations(page, 'frais de gestion du CDG');

  const ajout = page.getByRole('region', { name: 'Ajouter une période' });
  const du = ajout.getByRole('textbox', { name: /^Du/ });
  await test.step('une période qui chevauche celle en vigueur est refusée', async () => {
    await du.fill('01/01/2031');
    await du.press('Escape');
    await ajout.getByRole('radio', { name: 'Pourcentage de l’assiette assurée' }).check();
    await ajout.getByRole('textbox', { name: 'Taux CNRACL' }).fill('0,40');
    await ajout.getByRole('button', { name: 'Ajouter la période' }).click();
    await expect(du).toHaveAttribute('aria-invalid', 'true');
    await expect(
      ajout.getByText('Déjà couverte par la période commencée le 01/01/2025 : terminez-la d’abord.'),
    ).toBeVisible();
    await expectNoA11yViolations(page, 'frais de gestion, période refusée');
  });

  await test.step('la période en vigueur se termine le 31/12/2030', async () => {
    await en2025.getByRole('button', { name: 'Modifier la fin de la période du 01/01/2025' }).click();
    const fin = page.getByRole('region', { name: 'Fin de la période commencée le 01/01/2025' });
    const au = fin.getByRole('textbox', { name: /^Fin de la période/ });
    await au.fill('31/12/2030');
    await au.press('Escape');
    await fin.getByRole('button', { name: 'Enregistrer la fin' }).click();
    await expect(en2025).toContainText('31/12/2030');
    await expect(fin).toHaveCount(0);
  });

  await test.step('la période de 2031 est ajoutée', async () => {
    await ajout.getByRole('button', { name: 'Ajouter la période' }).click();
    const en2031 = table.getByRole('row').filter({ hasText: '01/01/2031' });
    await expect(en2031).toContainText('Pourcentage de l’assiette assurée');
    await expect(en2031).toContainText('CNRACL 0,40 %');
    await expect(en2031).toContainText('En vigueur');
    await expect(du).toHaveValue('');
    await expectNoA11yViolations(page, 'frais de gestion, période ajoutée');
  });
});
