import type { Page } from '@playwright/test';
import { a11yReport, expectNoA11yViolations } from './support/a11y';
import { inviteThroughApi } from './support/api';
import { hasNoHorizontalOverflow, tabTo } from './support/keyboard';
import {
  ADMIN,
  DEMO_PASSWORD,
  followMenuLink,
  login,
  loginForm,
  logoutButton,
  mainMenu,
  menuGroupLinks,
  openFromMenu,
} from './support/session';
import { expect, test } from './support/test';

/** Axe (WCAG 2.1 A and AA) on every page; serious and critical findings fail the test. */

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

test('le contrôle axe signale bien une page non conforme', async ({ page }) => {
  // Guards the gate itself: an image without text alternative and an unlabelled field must fail it.
  await page.setContent('<html lang="fr"><title>Essai</title><main><img src="data:,"><input></main></html>');
  const failure = await expectNoA11yViolations(page, 'page d’essai non conforme').then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain('image-alt');
  expect(failure).toContain('label');
});

test.describe('pages publiques', () => {
  test('connexion', async ({ page }) => {
    await page.goto('/connexion');
    await expect(heading(page, 'Connexion à votre espace')).toBeVisible();
    await expectNoA11yViolations(page, 'connexion');
  });

  test('connexion, erreurs affichées', async ({ page }) => {
    await page.goto('/connexion');
    await loginForm(page).submit.click();
    await expect(loginForm(page).email).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, 'connexion (champs en erreur)');
  });

  test('mot de passe oublié', async ({ page }) => {
    await page.goto('/mot-de-passe-oublie');
    await expect(heading(page, 'Mot de passe oublié')).toBeVisible();
    await expectNoA11yViolations(page, 'mot de passe oublié');
  });

  test('définir le mot de passe (lien d’invitation neuf)', async ({ page, request }) => {
    const link = await inviteThroughApi(request, {
      prenom: 'Axel',
      nom: 'ACCESSIBLE',
      email: `axel.accessible+${Date.now()}@mairie-exemple.fr`,
    });
    await page.goto(link);
    await expect(heading(page, 'Activer votre compte')).toBeVisible();
    await expectNoA11yViolations(page, 'définir le mot de passe');
    // With the live hint and the field errors on screen.
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByLabel('Nouveau mot de passe', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, 'définir le mot de passe (erreurs affichées)');
  });

  test('lien non valide', async ({ page }) => {
    await page.goto('/definir-mot-de-passe?jeton=ce-lien-n-existe-pas');
    await expect(heading(page, 'Lien non valide')).toBeVisible();
    await expectNoA11yViolations(page, 'lien non valide');
  });
});

test.describe('pages de l’espace (administrateur)', () => {
  test.beforeEach(async ({ page }) => {
    await login(page, ADMIN);
  });

  test('accueil', async ({ page }) => {
    await expect(heading(page, 'Accueil')).toBeVisible();
    await expectNoA11yViolations(page, 'accueil');
  });

  test('guide pratique', async ({ page }) => {
    await page.getByRole('link', { name: 'Lire le guide pratique' }).click();
    await expect(heading(page, /Guide pratique/)).toBeVisible();
    await expectNoA11yViolations(page, 'guide pratique');
  });

  for (const group of ['Espace contractuel', 'Vos déclarations']) {
    test(`${group.toLowerCase()} : chacune de ses pages`, async ({ page }) => {
      const links = menuGroupLinks(page, group);
      await expect(links.first()).toBeVisible();
      const reports: string[] = [];
      for (let i = 0; i < (await links.count()); i++) {
        await test.step(`page ${i + 1}`, async () => {
          const name = await followMenuLink(page, links.nth(i));
          const report = await a11yReport(page, `${group} › ${name}`);
          if (report) reports.push(report);
        });
      }
      expect(reports.length, reports.join('\n\n')).toBe(0);
    });
  }

  for (const rubrique of ['Journal des modifications', 'Mon compte', 'Guides utilisateurs', 'Nous contacter']) {
    test(rubrique.toLowerCase(), async ({ page }) => {
      await openFromMenu(page, rubrique);
      await expectNoA11yViolations(page, rubrique.toLowerCase());
    });
  }

  test('page introuvable', async ({ page }) => {
    await page.goto('/cette-adresse-n-existe-pas');
    await expect(heading(page, 'Page introuvable')).toBeVisible();
    await expectNoA11yViolations(page, 'page introuvable');
  });

  test('gestion des comptes, liste puis formulaire d’ajout', async ({ page }) => {
    await openFromMenu(page, 'Gestion des comptes');
    const table = page.getByRole('table', { name: /comptes/i });
    await expect(table.getByRole('row').filter({ hasText: ADMIN })).toBeVisible();
    await expectNoA11yViolations(page, 'gestion des comptes');

    await page.getByRole('button', { name: '+ Ajouter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
    await expect(dialog).toBeVisible();
    await expectNoA11yViolations(page, 'gestion des comptes, ajout');

    // The same form with its errors on screen.
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, 'gestion des comptes, ajout (erreurs affichées)');
  });
});

test('clavier seul : connexion, puis Gestion des comptes par le menu', async ({ page }) => {
  await page.goto('/connexion');
  await expect(heading(page, 'Connexion à votre espace')).toBeVisible();
  const form = loginForm(page);

  await tabTo(page, form.email);
  await page.keyboard.type(ADMIN);
  await tabTo(page, form.password, 3);
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(logoutButton(page)).toBeVisible();

  const link = mainMenu(page).getByRole('link', { name: 'Gestion des comptes' });
  await tabTo(page, link, 40);
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  const title = heading(page, 'Gestion des comptes');
  await expect(title).toBeVisible();
  // After a navigation the focus goes to the new page's title, so a screen reader announces it.
  await expect(title).toBeFocused();

  // The add form opens and closes with the keyboard, and the focus comes back to its button.
  const add = page.getByRole('button', { name: '+ Ajouter' });
  await tabTo(page, add, 40);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
  await expect(dialog).toBeVisible();
  // The focus is moved into the dialog (and kept there), wherever its first stop is.
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await tabTo(page, dialog.getByRole('textbox', { name: 'Nom', exact: true }), 5);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(add).toBeFocused();
});

test.describe('zoom à 200 % (écran de 1280 px de large)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('la liste des comptes et le menu restent utilisables, sans défilement horizontal', async ({ page }) => {
    await login(page, ADMIN);
    expect(await hasNoHorizontalOverflow(page), 'la page d’accueil défile horizontalement').toBe(true);

    const burger = page.getByRole('button', { name: 'Ouvrir le menu' });
    await expect(burger).toBeVisible();
    await expect(burger).toHaveAttribute('aria-expanded', 'false');
    await burger.click();
    const close = page.getByRole('button', { name: 'Fermer le menu' });
    await expect(close).toHaveAttribute('aria-expanded', 'true');
    const link = mainMenu(page).getByRole('link', { name: 'Gestion des comptes' });
    // The menu may be taller than the screen: it must then scroll to show its last entries.
    await link.scrollIntoViewIfNeeded();
    await expect(link).toBeInViewport();
    await link.click();

    await expect(heading(page, 'Gestion des comptes')).toBeVisible();
    // The menu folds back once a rubrique is chosen.
    await expect(burger).toHaveAttribute('aria-expanded', 'false');
    const table = page.getByRole('table', { name: /comptes/i });
    await expect(table.getByRole('row').filter({ hasText: ADMIN })).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), 'la liste des comptes défile horizontalement').toBe(true);

    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await search.fill('admin@');
    await expect(table.getByRole('row').filter({ hasText: ADMIN })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await expect(search).toHaveValue('');

    // The table scrolls sideways in its own region; the actions of the last column stay reachable.
    const adminRow = table.getByRole('row').filter({ hasText: ADMIN });
    await adminRow.getByRole('button', { name: /^Modifier le compte de / }).click();
    const edit = page.getByRole('dialog', { name: /^Modifier le compte de / });
    await expect(edit).toBeVisible();
    await edit.getByRole('button', { name: 'Annuler' }).click();
    await expect(edit).toBeHidden();

    await page.getByRole('button', { name: '+ Ajouter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toBeInViewport();
    expect(await hasNoHorizontalOverflow(page), 'le formulaire d’ajout défile horizontalement').toBe(true);
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 641, 'le formulaire d’ajout dépasse de l’écran').toBe(true);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(dialog).toBeHidden();
    await expectNoA11yViolations(page, 'gestion des comptes à 200 %');
  });
});
