import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { hasNoHorizontalOverflow } from './support/keyboard';
import {
  ADMIN,
  ADMIN_CC,
  COMMUNE,
  chooseCollectivite,
  DEMO_PASSWORD,
  login,
  loginForm,
  openFromMenu,
} from './support/session';
import { expect, test } from './support/test';

/**
 * What a new user found (issue 8): the unread comments' marker, the double click on « Valider », Escape
 * in a date picker, the file picker and the keyboard, the French of the pages.
 */

const CCAS = 'CCAS de Belleville-sur-Arvelle';

/** Opens an agent's file from the list by the row's magnifier, named with the French elision. */
async function openAgent(page: Page, consulter: string, name: string): Promise<void> {
  await openFromMenu(page, 'Agents');
  await page.getByRole('button', { name: consulter, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('la liste des sinistres signale les commentaires non lus du gestionnaire', async ({ page }) => {
  await login(page, ADMIN_CC);
  await openFromMenu(page, 'Rechercher un sinistre');
  const table = page.getByRole('table', { name: /sinistres/i });
  // The demo's accident in Brouillon carries one comment of the gestionnaire, unread.
  await expect(table.getByRole('img', { name: '1 commentaire non lu' })).toHaveCount(1);
  await expectNoA11yViolations(page, 'sinistres, commentaires non lus');
});

test('« Déposée » est dit une fois par pièce, pas une fois de plus par fichier', async ({ page }) => {
  await login(page, ADMIN_CC);
  await openFromMenu(page, 'Rechercher un sinistre');
  const table = page.getByRole('table', { name: /sinistres/i });
  // The demo's accident in Brouillon (the one with the unread comment) has its certificat initial deposited.
  await table
    .getByRole('row')
    .filter({ has: page.getByRole('img', { name: '1 commentaire non lu' }) })
    .getByRole('link')
    .first()
    .click();
  const file = page.getByRole('listitem').filter({ hasText: 'certificat-initial.pdf' });
  await expect(file).toBeVisible();
  await expect(file.getByText('Déposée', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Déposée', { exact: true }).first()).toBeVisible();
});

test('un double clic sur « Valider » montre le récapitulatif, sans déclarer la base', async ({ page }) => {
  await login(page, ADMIN);
  await chooseCollectivite(page, CCAS);
  await openFromMenu(page, 'Base de l’assurance');
  await page.getByRole('link', { name: '+ Ajouter' }).click();
  const contrat = page.getByRole('combobox', { name: 'Contrat', exact: true });
  // The demo's IRCANTEC contract (journeys of the back office may add others).
  const ircantec = await contrat.locator('option', { hasText: 'ARV-IRCANTEC' }).getAttribute('value');
  await contrat.selectOption(ircantec!);
  await page.getByRole('combobox', { name: 'Année' }).selectOption('2024');
  await page.getByRole('radio', { name: 'Réelle' }).check();
  await page.getByLabel('Effectif').fill('4');
  await page.getByLabel('Traitement brut indiciaire (TBI)').fill('61 000');
  await page.getByRole('button', { name: 'Valider' }).dblclick();
  await expect(page.getByRole('heading', { name: 'Récapitulatif de la déclaration' })).toBeVisible();
  await expect(page.getByText('Vous pourrez modifier ou supprimer cette base aujourd’hui seulement')).toBeVisible();
  // Still on the summary: the second click did not confirm anything.
  await expect(page.getByRole('button', { name: 'Confirmer la déclaration' })).toBeEnabled();
  await expect(page.getByRole('heading', { level: 1, name: 'Déclarer une base de l’assurance' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirmer la déclaration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Base de l’assurance' })).toBeVisible();
});

test('Échap dans un calendrier ferme le calendrier, pas la fenêtre ; l’erreur reste visible', async ({ page }) => {
  await login(page, ADMIN_CC);
  // « d’Anaïs », not « de Anaïs ».
  await openAgent(page, 'Consulter la fiche d’Anaïs CHEVALIER', 'Anaïs CHEVALIER');
  await page.getByRole('button', { name: 'Enregistrer le départ' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();

  // Sent empty: the date's error is under the calendar's way once the field has the focus.
  await dialog.getByRole('button', { name: 'Enregistrer le départ' }).click();
  const date = dialog.getByRole('textbox', { name: 'Date de départ' });
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await date.click();
  const calendar = dialog.getByRole('button', { name: 'Mois précédent' });
  await expect(calendar).toBeVisible();
  const error = dialog.getByText('Date de départ invalide.');
  await expect(error).toBeVisible();
  const dropdown = dialog.locator('.mantine-Popover-dropdown');
  const [errorBox, dropdownBox] = [await error.boundingBox(), await dropdown.boundingBox()];
  expect(errorBox && dropdownBox, 'le message et le calendrier sont affichés').toBeTruthy();
  const overlaps =
    errorBox!.y < dropdownBox!.y + dropdownBox!.height && dropdownBox!.y < errorBox!.y + errorBox!.height;
  expect(overlaps, 'le calendrier ouvert ne cache pas le message d’erreur du champ').toBe(false);

  await date.fill('15/12');
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(date).toHaveValue('15/12');
  // A second Escape, with the calendar closed, closes the dialog as usual.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('le sélecteur de fichier s’ouvre avec Entrée comme avec Espace', async ({ page }) => {
  await login(page, ADMIN);
  await openFromMenu(page, 'Liste nominative des agents');
  const picker = page.getByRole('button', { name: /Fichier de la liste nominative/ });
  for (const key of ['Enter', 'Space']) {
    await picker.focus();
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press(key);
    await chooser;
  }
});

for (const [screen, width, height] of [
  ['1280', 640, 400],
  ['1920', 960, 540],
] as const) {
  test.describe(`zoom à 200 % (écran de ${screen} px de large)`, () => {
    test.use({ viewport: { width, height }, deviceScaleFactor: 2 });

    test('le choix de la collectivité reste dans l’en-tête', async ({ page }) => {
      await login(page, ADMIN);
      const header = page.getByRole('banner');
      const select = header.getByRole('combobox', { name: 'Collectivité' });
      await expect(select).toBeVisible();
      const [headerBox, selectBox] = [await header.boundingBox(), await select.boundingBox()];
      expect(headerBox && selectBox, 'l’en-tête et la liste sont affichés').toBeTruthy();
      expect(selectBox!.x, 'la liste commence dans l’en-tête').toBeGreaterThanOrEqual(headerBox!.x);
      expect(selectBox!.x + selectBox!.width, 'la liste finit dans l’en-tête').toBeLessThanOrEqual(
        headerBox!.x + headerBox!.width,
      );
      expect(selectBox!.y + selectBox!.height).toBeLessThanOrEqual(headerBox!.y + headerBox!.height);
      await expect(header.getByRole('button', { name: 'Déconnexion' })).toBeInViewport({ ratio: 1 });
      expect(await hasNoHorizontalOverflow(page), 'la page défile horizontalement').toBe(true);
      await chooseCollectivite(page, CCAS);
      await expectNoA11yViolations(page, `en-tête à 200 % (${screen} px)`);
    });
  });
}

test('après l’expiration de la session : même page, même collectivité, saisie gardée', async ({ page, request }) => {
  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);
  await page.goto('/declarations/agents/nouveau');
  const nir = page.getByRole('textbox', { name: 'NIR (numéro de sécurité sociale)' });
  await nir.fill('1800575123456');

  // Meanwhile, on another computer, the same user chooses the CCAS: the server remembers it.
  const other = await request.post('/api/auth/connexion', { data: { email: ADMIN, motDePasse: DEMO_PASSWORD } });
  const session = (await other.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const ccas = session.collectivites.find((c) => c.nom === CCAS)!;
  const switched = await request.put('/api/auth/session/collectivite', {
    data: { collectiviteId: ccas.id },
    headers: { 'X-CSRF-Token': session.csrfToken },
  });
  expect(switched.status()).toBe(200);

  // The session of this browser ends (its cookie is gone): the next request answers 401.
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByText('Votre session a expiré, reconnectez-vous.')).toBeVisible();
  await loginForm(page).email.fill(ADMIN);
  await loginForm(page).password.fill(DEMO_PASSWORD);
  await loginForm(page).submit.click();

  await expect(page.getByRole('heading', { level: 1, name: 'Créer un agent' })).toBeVisible();
  await expect(page).toHaveURL(/\/declarations\/agents\/nouveau$/);
  const select = page.getByRole('banner').getByRole('combobox', { name: 'Collectivité' });
  await expect(select.locator('option:checked')).toHaveText(COMMUNE);
  await expect(page.getByRole('textbox', { name: 'NIR (numéro de sécurité sociale)' })).toHaveValue('1800575123456');
});

test('la dernière collectivité choisie est celle de la connexion suivante', async ({ page }) => {
  await login(page, ADMIN);
  await chooseCollectivite(page, CCAS);
  await page.getByRole('button', { name: 'Déconnexion' }).click();
  await login(page, ADMIN);
  const select = page.getByRole('banner').getByRole('combobox', { name: 'Collectivité' });
  await expect(select.locator('option:checked')).toHaveText(CCAS);
  await chooseCollectivite(page, COMMUNE);
});
