import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { tabTo } from './support/keyboard';
import { ADMIN_CC, DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 10: the November décompte of Mme BŒUF's maladie ordinaire (demo) is computed; the gestionnaire
 * finds it in Gestion › Décomptes à valider and validates it from the keyboard; the employer downloads
 * it as a PDF from the sinistre page.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CC = 'Communauté de communes du Val d’Arvelle';

/** Computes the November décompte as the gestionnaire (through the API) and returns it, or null if already settled. */
async function calculerNovembre(request: APIRequestContext) {
  const connexion = await request.post('/api/auth/connexion', {
    data: { email: GESTIONNAIRE, motDePasse: DEMO_PASSWORD },
  });
  expect(connexion.status(), await connexion.text()).toBe(200);
  const session = (await connexion.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === CC)!;
  await request.put('/api/auth/session/collectivite', { data: { collectiviteId: commune.id }, headers });
  const found = await request.get('/api/sinistres', { params: { statut: 'ouvert', categorie: 'maladie_ordinaire' } });
  const items = ((await found.json()) as { items: { id: string; numero: string; agentNom: string }[] }).items;
  const boeuf = items.find((s) => s.agentNom === 'BŒUF');
  expect(boeuf, JSON.stringify(items)).toBeDefined();
  const calcul = await request.post(`/api/gestion/sinistres/${boeuf!.id}/decomptes`, {
    headers,
    data: { du: '2026-11-01', au: '2026-11-30' },
  });
  expect(calcul.status(), await calcul.text()).toBe(200);
  const out = (await calcul.json()) as { decompte: { id: string; numero: string } | null };
  return { sinistre: boeuf!, decompte: out.decompte };
}

async function asUser(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

test('le gestionnaire valide au clavier un décompte en attente ; l’employeur télécharge le PDF', async ({
  browser,
  request,
}) => {
  test.slow();
  const { sinistre, decompte } = await calculerNovembre(request);
  test.skip(!decompte, 'Le décompte de novembre est déjà réglé dans cette base.');

  const gestion = await asUser(browser, GESTIONNAIRE);
  await gestion.getByRole('navigation').getByRole('link', { name: 'Décomptes à valider' }).click();
  await expect(gestion.getByRole('heading', { level: 1, name: 'Décomptes à valider' })).toBeVisible();
  const row = gestion.getByRole('row', { name: new RegExp(decompte!.numero) });
  await expect(row).toContainText('BŒUF');
  await expect(row).toContainText(sinistre.numero);
  // 204 870 × 4/30 × 0,9 = 24 584,40 cents → 245,84 €.
  await expect(row).toContainText(/245,84\s€/);
  await expect(row.getByRole('link', { name: sinistre.numero })).toHaveAttribute(
    'href',
    `/gestion/sinistres/${sinistre.id}#decomptes`,
  );
  await expectNoA11yViolations(gestion, 'décomptes à valider');

  const valider = row.getByRole('button', { name: `Valider le décompte ${decompte!.numero}` });
  await tabTo(gestion, valider, 80);
  await gestion.keyboard.press('Enter');
  await expect(
    gestion
      .getByRole('status')
      .filter({ hasText: `Le décompte ${decompte!.numero} est validé.` })
      .first(),
  ).toBeVisible();
  await expect(gestion.getByRole('row', { name: new RegExp(decompte!.numero) })).toHaveCount(0);
  await expect(gestion.getByRole('group', { name: 'Liste des décomptes à valider' })).toBeFocused();
  await expectNoA11yViolations(gestion, 'décompte validé depuis la liste');

  const employeur = await asUser(browser, ADMIN_CC);
  await employeur.goto(`/declarations/sinistres/${sinistre.id}#paiements`);
  const paiements = employeur.getByRole('region', { name: 'Décomptes et paiements' });
  await expect(paiements).toBeVisible();
  const [download] = await Promise.all([
    employeur.waitForEvent('download'),
    paiements.getByRole('link', { name: `Télécharger le décompte (PDF) ${decompte!.numero}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`decompte-${decompte!.numero}.pdf`);
  await expectNoA11yViolations(employeur, 'décomptes et paiements, lien du PDF');
});
