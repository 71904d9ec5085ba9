import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN_CC, DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 10: a gestionnaire computes and validates the November décompte of Mme BŒUF's maladie
 * ordinaire (demo: arrêt 05/10–04/11, October already validated, TBI of November 2 048,70 €),
 * checking the engine's explanation beside its inputs; the employer then reads it with « Pourquoi ce
 * montant ? ».
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CC = 'Communauté de communes du Val d’Arvelle';

async function dossierBoeuf(request: APIRequestContext) {
  const connexion = await request.post('/api/auth/connexion', { data: { email: ADMIN_CC, motDePasse: DEMO_PASSWORD } });
  expect(connexion.status(), await connexion.text()).toBe(200);
  const session = (await connexion.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const commune = session.collectivites.find((c) => c.nom === CC)!;
  await request.put('/api/auth/session/collectivite', {
    data: { collectiviteId: commune.id },
    headers: { 'X-CSRF-Token': session.csrfToken },
  });
  const found = await request.get('/api/sinistres', { params: { statut: 'ouvert', categorie: 'maladie_ordinaire' } });
  const items = ((await found.json()) as { items: { id: string; numero: string; agentNom: string }[] }).items;
  const boeuf = items.find((s) => s.agentNom === 'BŒUF');
  expect(boeuf, JSON.stringify(items)).toBeDefined();
  return boeuf!;
}

async function asUser(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

test('le gestionnaire calcule et valide un décompte ; l’employeur lit « Pourquoi ce montant ? »', async ({
  browser,
  request,
}) => {
  test.slow();
  const dossier = await dossierBoeuf(request);

  const gestion = await asUser(browser, GESTIONNAIRE);
  await gestion.goto(`/gestion/sinistres/${dossier.id}#decomptes`);
  const section = gestion.getByRole('region', { name: 'Décomptes' });
  await expect(section).toBeVisible();
  await section.getByRole('textbox', { name: 'Période du' }).fill('01/11/2026');
  await section.getByRole('textbox', { name: 'au' }).fill('30/11/2026');
  await gestion.keyboard.press('Escape');
  await section.getByRole('button', { name: 'Calculer le décompte' }).click();
  // The chain's franchise ended on 19/10; 01/11–04/11 at 90 %: 204 870 × 4/30 × 0,9 = 24 584,40 cents.
  await expect(section.getByRole('status')).toContainText(/245,84\s€|Rien n’a changé/);
  await expect(
    section.getByText(/Du 01\/11 au 04\/11 : 4\/30 à 90\s% — plein traitement réduit/).first(),
  ).toBeVisible();
  await expect(
    section.getByText(/Salaire, novembre 2026 : Traitement brut indiciaire \(TBI\) 2\s048,70\s€/).first(),
  ).toBeVisible();
  const valider = section.getByRole('button', { name: /Valider le décompte/ });
  if (await valider.count()) {
    await valider.first().click();
    await expect(section.getByRole('heading', { name: /— Validé$/ }).first()).toBeVisible();
  }
  await expectNoA11yViolations(gestion, 'décomptes du dossier de gestion');

  const employeur = await asUser(browser, ADMIN_CC);
  await employeur.goto(`/declarations/sinistres/${dossier.id}#paiements`);
  const paiements = employeur.getByRole('region', { name: 'Décomptes et paiements' });
  await expect(paiements).toBeVisible();
  await expect(paiements.getByRole('cell', { name: /245,84\s€/ }).first()).toBeVisible();
  // Newest period first: November, then October (validated by the demo, computed by the engine too).
  const pourquoi = paiements.getByRole('button', { name: 'Pourquoi ce montant ?' });
  await pourquoi.nth(0).click();
  await expect(
    paiements.getByText(/Du 01\/11 au 04\/11 : 4\/30 à 90\s% — plein traitement réduit/).first(),
  ).toBeVisible();
  await pourquoi.nth(1).click();
  await expect(paiements.getByText('05/10 : jour de carence (maladie ordinaire), non rémunéré.').first()).toBeVisible();
  await expectNoA11yViolations(employeur, 'décomptes et paiements du sinistre');
});

test('le gestionnaire lance le calcul des décomptes de la période et suit son avancement', async ({ browser }) => {
  const gestion = await asUser(browser, GESTIONNAIRE);
  await gestion.goto('/gestion/decomptes/calcul');
  await expect(gestion.getByRole('heading', { level: 1, name: 'Calcul des décomptes' })).toBeVisible();
  await gestion.getByRole('textbox', { name: 'Période du' }).fill('01/11/2026');
  await gestion.getByRole('textbox', { name: 'au' }).fill('30/11/2026');
  await gestion.keyboard.press('Escape');
  await gestion.getByRole('button', { name: 'Calculer les décomptes de la période' }).click();
  await expect(gestion.getByRole('progressbar')).toBeVisible();
  await expect(gestion.getByRole('status')).toContainText('Calcul terminé', { timeout: 30_000 });
  await expectNoA11yViolations(gestion, 'calcul des décomptes');
});

test('un calcul des décomptes qui échoue le dit au gestionnaire, qui peut le relancer', async ({ browser }) => {
  const gestion = await asUser(browser, GESTIONNAIRE);
  // The server ending a failed run in « echec » is proven by packages/server/test/decomptes.test.ts;
  // here the run's answer is turned into a failure, to see what the page shows of it.
  const message =
    'Le calcul s’est arrêté sur une erreur après 20 dossiers sur 45. Les décomptes déjà calculés sont conservés : relancez le calcul de la période.';
  let echoue = true;
  await gestion.route('**/api/gestion/decomptes/calculs/*', async (route) => {
    const response = await route.fetch();
    const lot = await response.json();
    await route.fulfill({ response, json: echoue ? { ...lot, statut: 'echec', message } : lot });
  });
  await gestion.goto('/gestion/decomptes/calcul');
  await gestion.getByRole('textbox', { name: 'Période du' }).fill('01/01/2025');
  await gestion.getByRole('textbox', { name: 'au' }).fill('31/01/2025');
  await gestion.keyboard.press('Escape');
  const lancer = gestion.getByRole('button', { name: 'Calculer les décomptes de la période' });
  await lancer.click();
  await expect(gestion.getByRole('status')).toHaveText('Calcul interrompu.');
  await expect(gestion.getByRole('alert')).toContainText('Le calcul a échoué');
  await expect(gestion.getByRole('alert')).toContainText(message);
  await expectNoA11yViolations(gestion, 'calcul des décomptes interrompu');
  echoue = false;
  await lancer.click();
  await expect(gestion.getByRole('status')).toContainText('Calcul terminé', { timeout: 30_000 });
  await expect(gestion.getByRole('alert')).toHaveCount(0);
});
