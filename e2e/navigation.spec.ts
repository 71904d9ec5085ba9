import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { hasNoHorizontalOverflow, tabTo } from './support/keyboard';
import { ADMIN_CC, DEMO_PASSWORD, LECTEUR, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Finding one's way (issue 8, item 16): the home page opens on what waits for the user, each count a
 * link; the sinistre's page heads with its status, what is missing and the next action, and its
 * rubriques stay in view and are reached by keyboard.
 */

const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

const aFaire = (page: Page) => page.getByRole('region', { name: 'À faire' });

/**
 * Opening the demo brouillon marks its handler's comment read: another unread comment is left on it,
 * so the demonstration (and the next journeys) still show one.
 */
async function leaveUnreadComment(request: APIRequestContext, sinistreId: string): Promise<void> {
  const login = await request.post('/api/auth/connexion', { data: { email: GESTIONNAIRE, motDePasse: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const comment = await request.post(`/api/gestion/sinistres/${sinistreId}/commentaires`, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { texte: 'Pour rappel : la déclaration d’accident et l’enquête administrative signée sont attendues.' },
  });
  expect(comment.status(), await comment.text()).toBe(201);
}

/**
 * The demo brouillon waits with exactly one unread handler comment, whatever journeys opened it before
 * (opening a sinistre marks its comments read).
 */
async function brouillonWithUnreadComment(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/auth/connexion', { data: { email: ADMIN_CC, motDePasse: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const list = await request.get('/api/sinistres?statut=brouillon');
  expect(list.status(), await list.text()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; commentairesNonLus: number }[] };
  expect(items, 'la démonstration a un seul sinistre en brouillon').toHaveLength(1);
  await request.post('/api/auth/deconnexion', { headers: { 'X-CSRF-Token': csrfToken } });
  if (items[0]!.commentairesNonLus === 0) await leaveUnreadComment(request, items[0]!.id);
}

/** The sinistre shown, from the address. */
const sinistreIdOf = (page: Page) => new URL(page.url()).pathname.split('/').at(-1)!;

test('la communauté de communes voit ce qui l’attend et va, au clavier, de l’accueil au sinistre', async ({
  page,
  request,
}) => {
  await brouillonWithUnreadComment(request);
  await login(page, ADMIN_CC);
  const home = aFaire(page);
  await expect(home).toBeVisible();
  // The demo brouillon (an accident with pieces missing) and its handler's unread comment.
  const brouillon = home.getByRole('link', { name: /^1 sinistre en brouillon à compléter$/ });
  await expect(brouillon).toBeVisible();
  await expect(
    home.getByRole('link', { name: /^1 sinistre avec un commentaire non lu du gestionnaire$/ }),
  ).toBeVisible();
  await expect(home.getByRole('link', { name: /pièces justificatives manquantes$/ })).toBeVisible();
  await expect(home).toContainText('après sa déclaration (délai de transmission des justificatifs du contrat)');
  await expect(home.getByRole('link', { name: 'Déclarer un sinistre' })).toBeVisible();
  await expectNoA11yViolations(page, 'accueil, à faire');

  // The only brouillon: the link leads straight to it.
  await tabTo(page, brouillon, 60);
  await page.keyboard.press('Enter');
  // The first sinistre opened may take a while on a busy machine (cold embedded database).
  await expect(page.getByRole('heading', { level: 1, name: /^Sinistre n° / })).toBeVisible({ timeout: 30_000 });
  const id = sinistreIdOf(page);
  try {
    const head = page.getByRole('region', { name: 'Le sinistre' });
    await expect(head).toContainText('Votre dossier est incomplet : le sinistre reste au statut Brouillon.');
    await expect(head).toContainText('Ce qui manque');
    await expect(head.getByRole('link', { name: /^\d+ pièces? obligatoires? manquantes?$/ })).toBeVisible();
    await expect(head).toContainText('Le gestionnaire vous a laissé un nouveau commentaire.');
    const next = head.getByRole('link', { name: 'Déposer les pièces' });
    await expect(next).toBeVisible();
    await expectNoA11yViolations(page, 'sinistre en brouillon, en-tête et rubriques');

    await test.step('les rubriques, au clavier : elles restent visibles et suivent la page', async () => {
      const nav = page.getByRole('navigation', { name: 'Rubriques du sinistre' });
      const commentaires = nav.getByRole('link', { name: 'Commentaires (1 nouveau)' });
      await tabTo(page, commentaires, 40);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL((url) => url.hash === '#commentaires');
      await expect(page.locator('#commentaires')).toBeFocused();
      await expect(page.getByRole('region', { name: 'Commentaires' })).toBeInViewport();
      await expect(nav).toBeInViewport();
      await expect(commentaires).toHaveAttribute('aria-current', 'location');

      // From the bottom of the page, the rubriques are still in view: the focus goes back to them.
      const arrets = nav.getByRole('link', { name: 'Arrêts de travail' });
      await arrets.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL((url) => url.hash === '#arrets');
      await expect(page.locator('#arrets')).toBeFocused();
      await expect(arrets).toHaveAttribute('aria-current', 'location');
      await expect(commentaires).not.toHaveAttribute('aria-current');

      // Back returns to the previous rubrique.
      await page.goBack();
      await expect(page).toHaveURL((url) => url.hash === '#commentaires');
      await expect(page.getByRole('region', { name: 'Commentaires' })).toBeInViewport();
    });

    await test.step('la prochaine action mène aux pièces', async () => {
      await next.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL((url) => url.hash === '#pieces');
      await expect(page.locator('#pieces')).toBeFocused();
      await expect(page.getByRole('region', { name: 'Pièces justificatives' })).toBeInViewport();
      await expect(page.getByRole('navigation', { name: 'Rubriques du sinistre' })).toBeInViewport();
    });

    await test.step('lu, le commentaire ne l’attend plus à l’accueil', async () => {
      await page.getByRole('link', { name: 'Accueil' }).first().click();
      await expect(aFaire(page)).toContainText('Aucun commentaire non lu du gestionnaire');
    });
  } finally {
    await leaveUnreadComment(request, id);
  }
});

test('un Lecteur voit ce qui attend, sans les actions réservées aux publicateurs', async ({ page }) => {
  await login(page, LECTEUR);
  await expect(aFaire(page)).toBeVisible();
  await expect(aFaire(page).getByRole('link', { name: 'Déclarer un sinistre' })).toHaveCount(0);
  await expect(aFaire(page).getByText(/à compléter/)).toHaveCount(0);
});

test.describe('zoom à 200 % (écran de 1280 px de large)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('l’accueil et la page du sinistre, sans défilement horizontal', async ({ page, request }) => {
    await login(page, ADMIN_CC);
    await expect(aFaire(page)).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), 'l’accueil défile horizontalement').toBe(true);
    await expectNoA11yViolations(page, 'accueil à 200 %');

    await aFaire(page)
      .getByRole('link', { name: /sinistres? en brouillon à compléter$/ })
      .click();
    // The first sinistre opened may take a while on a busy machine (cold embedded database).
    await expect(page.getByRole('heading', { level: 1, name: /^Sinistre n° / })).toBeVisible({ timeout: 30_000 });
    const id = sinistreIdOf(page);
    try {
      await expect(page.getByRole('navigation', { name: 'Rubriques du sinistre' })).toBeVisible();
      expect(await hasNoHorizontalOverflow(page), 'la page du sinistre défile horizontalement').toBe(true);
      await expectNoA11yViolations(page, 'sinistre à 200 %');
      await page
        .getByRole('navigation', { name: 'Rubriques du sinistre' })
        .getByRole('link', { name: /^Pièces/ })
        .click();
      await expect(page.getByRole('region', { name: 'Pièces justificatives' })).toBeInViewport();
    } finally {
      await leaveUnreadComment(request, id);
    }
  });
});
