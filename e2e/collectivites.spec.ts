import { expectNoA11yViolations } from './support/a11y';
import { login, openFromMenu } from './support/session';
import { expect, test } from './support/test';

/** The platform administrator creates, corrects, deactivates and reactivates a collectivité (issue 8, item 14). */

const PLATEFORME = 'plateforme@demo.statutis.fr';

test('l’administrateur de la plateforme gère les collectivités', async ({ page }) => {
  test.slow();
  await login(page, PLATEFORME);
  await openFromMenu(page, 'Collectivités');
  const table = page.getByRole('table', { name: 'Liste des collectivités' });
  await expect(table.getByRole('rowheader', { name: 'Commune de Belleville-sur-Arvelle' })).toBeVisible();
  await expectNoA11yViolations(page, 'collectivités');

  await test.step('créer : le SIRET est contrôlé', async () => {
    await page.getByRole('button', { name: '+ Ajouter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une collectivité' });
    await dialog.getByRole('textbox', { name: 'Nom' }).fill('Commune de Saint-Arvelle');
    await dialog.getByRole('textbox', { name: 'SIRET' }).fill('21530009000003');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Commune' });
    await dialog.getByRole('button', { name: 'Créer la collectivité' }).click();
    const siret = dialog.getByRole('textbox', { name: 'SIRET' });
    await expect(siret).toHaveAttribute('aria-invalid', 'true');
    await expect(
      dialog.getByText('Ce SIRET n’existe pas : sa clé de contrôle est fausse.', { exact: false }),
    ).toBeVisible();
    await expectNoA11yViolations(page, 'ajouter une collectivité (erreur)');
    await siret.fill('21530009000002');
    await dialog.getByRole('button', { name: 'Créer la collectivité' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('La collectivité « Commune de Saint-Arvelle » est enregistrée.')).toBeVisible();
  });

  await test.step('un SIRET déjà enregistré : le message est dit une fois, à côté du champ', async () => {
    await page.getByRole('button', { name: '+ Ajouter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une collectivité' });
    await dialog.getByRole('textbox', { name: 'Nom' }).fill('Commune en double');
    await dialog.getByRole('textbox', { name: 'SIRET' }).fill('21530009000002');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Commune' });
    await dialog.getByRole('button', { name: 'Créer la collectivité' }).click();
    await expect(dialog.getByRole('textbox', { name: 'SIRET' })).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Ce SIRET est déjà enregistré.')).toHaveCount(1);
    await expect(dialog.getByText('Une collectivité avec ce SIRET existe déjà.')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(dialog).toBeHidden();
  });

  const search = page.getByRole('searchbox', { name: 'Rechercher' });
  await search.fill('Saint-Arvelle');
  const row = table.getByRole('row').filter({ hasText: '21530009000002' });
  await expect(row).toContainText('Commune de Saint-Arvelle');
  await expect(row).toContainText('Active');

  await test.step('modifier', async () => {
    await row.getByRole('button', { name: 'Modifier la fiche de la Commune de Saint-Arvelle' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier la fiche de la Commune de Saint-Arvelle' });
    await dialog.getByRole('textbox', { name: 'Nom' }).fill('Commune de Saint-Arvelle-le-Haut');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Commune de Saint-Arvelle-le-Haut');
  });

  await test.step('désactiver, puis réactiver', async () => {
    await row.getByRole('button', { name: 'Désactiver la fiche de la Commune de Saint-Arvelle-le-Haut' }).click();
    const confirm = page.getByRole('dialog', { name: 'Désactiver « Commune de Saint-Arvelle-le-Haut » ?' });
    await expectNoA11yViolations(page, 'désactiver une collectivité');
    await confirm.getByRole('button', { name: 'Désactiver la collectivité' }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText('Désactivée');
    await row.getByRole('button', { name: 'Réactiver la fiche de la Commune de Saint-Arvelle-le-Haut' }).click();
    await page.getByRole('button', { name: 'Réactiver la collectivité' }).click();
    await expect(row).toContainText('Active');
  });
  await expectNoA11yViolations(page, 'collectivités (après modification)');
});
