import { extractLink, waitForMail } from './support/mailbox';
import { ADMIN, COMMUNE, chooseCollectivite, login, loginForm, logoutButton, openFromMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Module 1 of the seeds: the administrator of the commune opens an account for Mme Ella GESTIONNAIRE,
 * finds it in the list, changes its role, and Ella activates it from the invitation e-mail.
 */
test('un administrateur crée puis modifie un compte ; l’invitée active son compte et se connecte', async ({
  page,
  browser,
}) => {
  const email = `ella.gestionnaire+${Date.now()}@mairie-exemple.fr`;
  const password = 'Ella choisit une phrase de passe !';

  await test.step('connexion de l’administrateur, collectivité « Commune de Belleville-sur-Arvelle »', async () => {
    await login(page, ADMIN);
    await chooseCollectivite(page, COMMUNE);
  });

  await test.step('Environnement › Gestion des comptes', async () => {
    await openFromMenu(page, 'Gestion des comptes');
    await expect(page.getByRole('navigation', { name: 'Fil d’Ariane' })).toContainText('Environnement');
  });

  const table = page.getByRole('table', { name: /comptes/i });
  const search = page.getByRole('searchbox', { name: 'Rechercher' });
  const ellaRow = table.getByRole('row').filter({ hasText: email });

  await test.step('« + Ajouter » : compte Lecteur pour Ella GESTIONNAIRE', async () => {
    await page.getByRole('button', { name: '+ Ajouter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('GESTIONNAIRE');
    await dialog.getByRole('textbox', { name: 'Prénom' }).fill('Ella');
    await dialog.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
    await dialog.getByRole('combobox', { name: 'Rôle' }).selectOption({ label: 'Lecteur' });
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    // The confirmation names the address the invitation went to.
    await expect(page.getByText(new RegExp(`invitation.*${email.replace(/[.+]/g, '\\$&')}`))).toBeVisible();
  });

  await test.step('le compte est listé : recherche, puis « Réinitialiser »', async () => {
    await search.fill(email);
    await expect(ellaRow).toHaveCount(1);
    await expect(ellaRow.getByRole('rowheader')).toHaveText('Ella GESTIONNAIRE');
    await expect(ellaRow).toContainText('Lecteur');
    // Only Ella's row under the header row: the search did filter.
    await expect(table.getByRole('row')).toHaveCount(2);

    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await expect(search).toHaveValue('');
    await expect(table.getByRole('row').filter({ hasText: ADMIN })).toHaveCount(1);
    await expect(ellaRow).toHaveCount(1);
  });

  await test.step('« Modifier » : le compte passe Publicateur', async () => {
    await ellaRow.getByRole('button', { name: 'Modifier le compte d’Ella GESTIONNAIRE' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier le compte d’Ella GESTIONNAIRE' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(email);
    await dialog.getByRole('combobox', { name: 'Rôle' }).selectOption({ label: 'Publicateur' });
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(ellaRow).toContainText('Publicateur');
    await expect(ellaRow).not.toContainText('Lecteur');
  });

  const mail = await test.step('l’invitation arrive dans la boîte d’Ella', async () => {
    const received = await waitForMail(email, 'Votre accès à Statutis', 20_000);
    expect(received.text).toContain('Bonjour Ella');
    expect(received.text).toContain(COMMUNE);
    return received;
  });

  // Ella is someone else, on another computer: a fresh browser context, no cookie of the administrator.
  const context = await browser.newContext();
  try {
    const ella = await context.newPage();
    await test.step('Ella ouvre le lien et choisit son mot de passe', async () => {
      await ella.goto(extractLink(mail, '/definir-mot-de-passe'));
      await expect(ella.getByRole('heading', { level: 1, name: 'Activer votre compte' })).toBeVisible();
      await expect(ella.getByText(email)).toBeVisible();
      const field = ella.getByLabel('Nouveau mot de passe', { exact: true });
      const confirmation = ella.getByLabel('Confirmation du mot de passe');
      const submit = ella.getByRole('button', { name: 'Enregistrer le mot de passe' });

      // Too short: refused, with the French rule next to the field.
      await field.fill('Trop court');
      await confirmation.fill('Trop court');
      await submit.click();
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(/Le mot de passe doit contenir au moins 12 caractères\./);
      await expect(ella.getByRole('heading', { level: 1, name: 'Activer votre compte' })).toBeVisible();

      await field.fill(password);
      await confirmation.fill(password);
      await submit.click();
      await expect(ella).toHaveURL(/\/connexion/);
      await expect(ella.getByRole('status').filter({ hasText: 'Votre compte est activé' })).toBeVisible();
    });

    await test.step('Ella se connecte et voit l’accueil de sa collectivité', async () => {
      const form = loginForm(ella);
      await expect(form.email).toHaveValue(email);
      await form.password.fill(password);
      await form.submit.click();
      await expect(logoutButton(ella)).toBeVisible();
      await expect(ella.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
      await expect(ella.getByText(`Bonjour Ella, vous consultez l’espace de « ${COMMUNE} »`)).toBeVisible();
      await expect(ella.getByRole('banner')).toContainText('Ella GESTIONNAIRE');
      await expect(ella.getByRole('banner')).toContainText(COMMUNE);
    });
  } finally {
    await context.close();
  }
});
