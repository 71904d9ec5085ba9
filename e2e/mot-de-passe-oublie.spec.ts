import type { Page } from '@playwright/test';
import { extractLink, mailsTo, waitForMail } from './support/mailbox';
import { ADMIN_CC, DEMO_PASSWORD, login, loginForm, logoutButton, PUBLICATEUR } from './support/session';
import { expect, test } from './support/test';

/** The same answer for every address, so that the page never tells whether an account exists. */
const NEUTRAL_MESSAGE = 'Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé';

/** From the login page, « Mot de passe oublié ? », then the request; returns the message shown. */
async function requestLink(page: Page, email: string): Promise<string> {
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  const answer = page.getByRole('status').filter({ hasText: NEUTRAL_MESSAGE });
  await expect(answer).toBeVisible();
  return ((await answer.textContent()) ?? '').trim();
}

test('mot de passe oublié : le lien reçu permet d’en choisir un nouveau, l’ancien est refusé', async ({ page }) => {
  const newPassword = 'Un nouveau mot de passe pour Julien';
  const before = mailsTo(PUBLICATEUR).length;

  await test.step('demande depuis la page de connexion', async () => {
    await requestLink(page, PUBLICATEUR);
  });

  const mail = await test.step('le courriel arrive', () =>
    waitForMail(PUBLICATEUR, 'Réinitialisation de votre mot de passe', 20_000, { after: before }));

  await test.step('le lien mène à « Nouveau mot de passe »', async () => {
    await page.goto(extractLink(mail, '/definir-mot-de-passe'));
    await expect(page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' })).toBeVisible();
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirmation du mot de passe').fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page).toHaveURL(/\/connexion/);
    await expect(
      page.getByRole('status').filter({ hasText: 'Votre nouveau mot de passe est enregistré' }),
    ).toBeVisible();
  });

  await test.step('connexion avec le nouveau mot de passe', async () => {
    const form = loginForm(page);
    await expect(form.email).toHaveValue(PUBLICATEUR);
    await form.password.fill(newPassword);
    await form.submit.click();
    await expect(logoutButton(page)).toBeVisible();
    await logoutButton(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion à votre espace' })).toBeVisible();
  });

  await test.step('l’ancien mot de passe est refusé', async () => {
    const form = loginForm(page);
    await form.email.fill(PUBLICATEUR);
    await form.password.fill(DEMO_PASSWORD);
    await form.submit.click();
    await expect(page.getByText('Adresse e-mail ou mot de passe incorrect.')).toBeVisible();
    await expect(logoutButton(page)).toHaveCount(0);
  });

  await test.step('le lien ne sert qu’une fois', async () => {
    await page.goto(extractLink(mail, '/definir-mot-de-passe'));
    await expect(page.getByRole('heading', { level: 1, name: 'Lien expiré' })).toBeVisible();
  });

  await test.step('le nouveau mot de passe reste valable', async () => {
    await login(page, PUBLICATEUR, newPassword);
  });
});

test('mot de passe oublié : une adresse inconnue reçoit le même message et aucun courriel', async ({ page }) => {
  const unknown = `personne+${Date.now()}@mairie-exemple.fr`;
  const witnessBefore = mailsTo(ADMIN_CC).length;

  const unknownAnswer = await requestLink(page, unknown);
  // A known address asked afterwards: mails leave in order, so once its mail is here, a mail for the
  // unknown address would be here too.
  const knownAnswer = await requestLink(page, ADMIN_CC);
  expect(unknownAnswer).toBe(knownAnswer);

  await waitForMail(ADMIN_CC, 'Réinitialisation de votre mot de passe', 20_000, { after: witnessBefore });
  expect(mailsTo(unknown)).toEqual([]);
});
