import { inviteThroughApi } from './support/api';
import { extractLink, waitForMail } from './support/mailbox';
import {
  ADMIN,
  ADMIN_CC,
  COMMUNE,
  chooseCollectivite,
  login,
  loginForm,
  logoutButton,
  openFromMenu,
} from './support/session';
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

/**
 * Attack 1 of issue 8: an address that already has an account is invited, never attached. The
 * administrator of the Communauté de communes sees only what he typed until the person, logged
 * in, accepts; then both collectivités are in the person's selector.
 */
test('une personne qui a déjà un compte reçoit une invitation, l’accepte et voit ses deux collectivités', async ({
  page,
  browser,
  request,
}) => {
  const email = `hugo.double+${Date.now()}@mairie-exemple.fr`;
  const password = 'Hugo a deux collectivités désormais';
  const CC = 'Communauté de communes du Val d’Arvelle';

  await test.step('Hugo a déjà un compte activé dans la commune', async () => {
    const link = await inviteThroughApi(request, { prenom: 'Hugo', nom: 'DOUBLE', email });
    const jeton = new URL(link).searchParams.get('jeton');
    const set = await request.post('/api/auth/definir-mot-de-passe', { data: { jeton, motDePasse: password } });
    expect(set.status(), await set.text()).toBe(204);
  });

  const row = page
    .getByRole('table', { name: /comptes/i })
    .getByRole('row')
    .filter({ hasText: email });
  await test.step('l’administrateur de la communauté de communes l’invite', async () => {
    await login(page, ADMIN_CC);
    await openFromMenu(page, 'Gestion des comptes');
    await page.getByRole('button', { name: '+ Ajouter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('SAISI');
    await dialog.getByRole('textbox', { name: 'Prénom' }).fill('Nom');
    await dialog.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
    await dialog.getByRole('combobox', { name: 'Rôle' }).selectOption({ label: 'Publicateur' });
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Une invitation a été envoyée à ${email}.`)).toBeVisible();
    // Only what he typed, never Hugo's own name nor his last login.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(email);
    await expect(row.getByRole('rowheader')).toHaveText('Nom SAISI');
    await expect(row).toContainText('Invitation envoyée');
    await expect(row).toContainText('Jamais');
    await expect(row).not.toContainText('DOUBLE');
  });

  const mail = await test.step('Hugo reçoit l’invitation', () =>
    waitForMail(email, `Invitation à rejoindre ${CC}`, 20_000));

  const context = await browser.newContext();
  try {
    const hugo = await context.newPage();
    await test.step('Hugo ouvre le lien, se connecte et accepte', async () => {
      await hugo.goto(extractLink(mail, '/invitation'));
      const form = loginForm(hugo);
      await form.email.fill(email);
      await form.password.fill(password);
      await form.submit.click();
      await expect(
        hugo.getByRole('heading', { level: 1, name: 'Invitation à rejoindre une collectivité' }),
      ).toBeVisible();
      await expect(hugo.getByText(`vous invite à rejoindre l’espace de ${CC}`)).toBeVisible();
      await hugo.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await expect(hugo.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
      const select = hugo.getByRole('combobox', { name: 'Collectivité' });
      await expect(select.locator('option:checked')).toHaveText(CC);
      await expect(select.locator('option')).toHaveText([COMMUNE, CC].sort((a, b) => a.localeCompare(b, 'fr')));
    });
  } finally {
    await context.close();
  }

  await test.step('l’administrateur voit maintenant Hugo membre', async () => {
    await page.reload();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(email);
    await expect(row.getByRole('rowheader')).toHaveText('Hugo DOUBLE');
    await expect(row).toContainText('Actif');
  });
});
