import { settle } from './support/a11y';
import { COMMUNE, followMenuLink, LECTEUR, login, logoutButton, mainMenu } from './support/session';
import { expect, test } from './support/test';

/** The wording of the actions that change data (« + Ajouter », « Modifier », « Importer »…). */
const WRITE_ACTION = /^\+|Ajouter|Créer|Modifier|Supprimer|Déclarer|Importer|Enregistrer|Publier/;

test('un lecteur n’a aucune action d’écriture et la déconnexion ramène à la connexion', async ({ page }) => {
  await login(page, LECTEUR);
  await expect(page.getByText(`Bonjour Sophie, vous consultez l’espace de « ${COMMUNE} »`)).toBeVisible();

  await test.step('le menu ne propose ni « Gestion des comptes » ni le journal', async () => {
    const menu = mainMenu(page);
    await expect(menu.getByRole('link', { name: 'Mon compte' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Gestion des comptes' })).toHaveCount(0);
    await expect(menu.getByRole('link', { name: 'Journal des modifications' })).toHaveCount(0);
  });

  await test.step('l’adresse de « Gestion des comptes » est refusée, sans bouton « + Ajouter »', async () => {
    await page.goto('/environnement/comptes');
    await expect(page.getByRole('heading', { level: 1, name: 'Gestion des comptes' })).toBeVisible();
    await expect(page.getByText('Cette page est réservée aux administrateurs')).toBeVisible();
    await expect(page.getByRole('button', { name: '+ Ajouter' })).toHaveCount(0);
    await expect(page.getByRole('table', { name: /comptes/i })).toHaveCount(0);
  });

  await test.step('aucune action d’écriture dans les rubriques qu’il consulte', async () => {
    // Every page of the menu but « Mon compte », where each user manages their own details.
    const links = mainMenu(page).getByRole('link').filter({ hasNotText: 'Mon compte' });
    const count = await links.count();
    expect(count).toBeGreaterThan(2);
    for (let i = 0; i < count; i++) {
      const name = await followMenuLink(page, links.nth(i));
      await settle(page);
      await expect(
        page.getByRole('main').getByRole('button', { name: WRITE_ACTION }),
        `« ${name} » propose une action d’écriture à un lecteur`,
      ).toHaveCount(0);
      await expect(
        page.getByRole('main').getByRole('link', { name: WRITE_ACTION }),
        `« ${name} » propose une action d’écriture à un lecteur`,
      ).toHaveCount(0);
    }
  });

  await test.step('« Déconnexion » ramène à la page de connexion', async () => {
    await logoutButton(page).click();
    await expect(page).toHaveURL(/\/connexion/);
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion à votre espace' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté.' })).toBeVisible();
    // The session is closed on the server too: a protected page sends back to the login page.
    await page.goto('/environnement/mon-compte');
    await expect(page).toHaveURL(/\/connexion/);
    await expect(logoutButton(page)).toHaveCount(0);
  });
});
