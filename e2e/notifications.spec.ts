import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN, COMMUNE, chooseCollectivite, DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 13, the bell: the demo gestionnaire comments a sinistre of the demo commune; its administrateur
 * sees one more unread notification, opens it, lands on the sinistre's comments, and the count falls
 * back. Other journeys leave notifications too: only this journey's own one is counted. The
 * administrateur, not the publicateur: `mot-de-passe-oublie.spec.ts` changes the publicateur's password.
 */

const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

/** Logs the API context in, in the demo commune when the account belongs to it. */
async function connect(request: APIRequestContext, email: string) {
  const session = await request.post('/api/auth/connexion', { data: { email, motDePasse: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const info = (await session.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': info.csrfToken };
  const commune = info.collectivites.find((c) => c.nom === COMMUNE);
  if (commune)
    expect(
      (await request.put('/api/auth/session/collectivite', { data: { collectiviteId: commune.id }, headers })).status(),
    ).toBe(200);
  return headers;
}

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, / });
const nonLues = async (page: Page) => {
  const label = (await bell(page).getAttribute('aria-label')) ?? '';
  return label.endsWith('aucune non lue') ? 0 : Number(/(\d+) non lues?$/.exec(label)?.[1]);
};
const libelle = (n: number) =>
  n === 0 ? 'Notifications, aucune non lue' : `Notifications, ${n} ${n === 1 ? 'non lue' : 'non lues'}`;

test('l’employeur voit la notification d’un commentaire du gestionnaire, l’ouvre et arrive sur le sinistre', async ({
  page,
  request,
}) => {
  await connect(request, ADMIN);
  const sinistres = (await (await request.get('/api/sinistres')).json()) as {
    items: { id: string; numero: string }[];
  };
  const s = sinistres.items[0]!;

  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);
  await expect(bell(page)).toBeVisible();
  const avant = await nonLues(page);

  const headers = await connect(request, GESTIONNAIRE);
  const comment = await request.post(`/api/gestion/sinistres/${s.id}/commentaires`, {
    headers,
    data: { texte: 'Merci de compléter le dossier.' },
  });
  expect(comment.status(), await comment.text()).toBe(201);

  await page.reload();
  await expect(bell(page)).toHaveAccessibleName(libelle(avant + 1));
  await bell(page).click();
  const item = page.getByRole('menuitem', { name: new RegExp(`Commentaire du gestionnaire : sinistre ${s.numero}`) });
  await expect(item.first()).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Tout marquer comme lu' })).toBeVisible();
  await expectNoA11yViolations(page, 'menu des notifications');
  await item.first().click();
  await expect(page).toHaveURL((url) => url.pathname === `/declarations/sinistres/${s.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Sinistre n° ${s.numero}` })).toBeVisible();
  await expect(bell(page)).toHaveAccessibleName(libelle(avant));
  await expectNoA11yViolations(page);
});
