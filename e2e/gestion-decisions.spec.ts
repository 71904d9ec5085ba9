import type { APIRequestContext } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { waitForMail } from './support/mailbox';
import { ADMIN_CC, DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 9: a gestionnaire of the CDG decides on a demo file (a « sursis à statuer » on Hélène
 * MÉNARD's maladie ordinaire); the collectivité is mailed, and its Administrateur finds the decision on
 * the sinistre page with its letter. The decision is made through the API: the staff file page and
 * its journey belong to the back office's own spec.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
/** The demo's activity (sinistres at every stage) is the communauté de communes'. */
const CC = 'Communauté de communes du Val d’Arvelle';

async function decideAsGestionnaire(request: APIRequestContext) {
  const connexion = await request.post('/api/auth/connexion', {
    data: { email: GESTIONNAIRE, motDePasse: DEMO_PASSWORD },
  });
  expect(connexion.status(), await connexion.text()).toBe(200);
  const session = (await connexion.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === CC)!;
  await request.put('/api/auth/session/collectivite', { data: { collectiviteId: commune.id }, headers });
  const found = await request.get('/api/sinistres', { params: { statut: 'ouvert', categorie: 'maladie_ordinaire' } });
  const all = (await found.json()) as { items: { id: string; numero: string; agentNom: string }[] };
  const items = all.items.filter((s) => s.agentNom === 'MÉNARD');
  expect(items, JSON.stringify(all.items)).toHaveLength(1);
  const decided = await request.post(`/api/gestion/sinistres/${items[0]!.id}/decisions`, {
    headers,
    data: {
      type: 'sursis_a_statuer',
      motif: 'Dans l’attente de l’avis du conseil médical.',
      periode: { fin: '2027-01-31' },
    },
  });
  expect(decided.status(), await decided.text()).toBe(201);
  return items[0]!;
}

test('a decision reaches the collectivité: mail, section « Décisions », letter', async ({ page, request }) => {
  const sinistre = await decideAsGestionnaire(request);
  const mail = await waitForMail(ADMIN_CC, `Sinistre n° ${sinistre.numero} : sursis à statuer`);
  expect(mail.text).toContain('Centre de gestion — Nadia MOREAU a rendu une décision');

  await login(page, ADMIN_CC);
  await page.goto(`/declarations/sinistres/${sinistre.id}#decisions`);
  const section = page.getByRole('region', { name: 'Décisions du gestionnaire' });
  await expect(section).toBeVisible();
  const row = section.getByRole('row', { name: /Sursis à statuer/ });
  await expect(row).toContainText('jusqu’au 31/01/2027');
  await expect(row).toContainText('Dans l’attente de l’avis du conseil médical.');
  await expect(row).toContainText('Centre de gestion — Nadia MOREAU');
  await expectNoA11yViolations(page, 'décisions sur la page du sinistre');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: /Lettre \(PDF\)/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `decision-sursis-a-statuer-${sinistre.numero}-${new Date().toISOString().slice(0, 10)}.pdf`,
  );
});

test('the gestionnaire accepts the demo’s requalification request from its first day, on his file page', async ({
  page,
  request,
}) => {
  test.slow();
  const connexion = await request.post('/api/auth/connexion', {
    data: { email: GESTIONNAIRE, motDePasse: DEMO_PASSWORD },
  });
  expect(connexion.status(), await connexion.text()).toBe(200);
  const queue = await request.get('/api/gestion/corbeille', { params: { type: 'requalification' } });
  expect(queue.status(), await queue.text()).toBe(200);
  const items = ((await queue.json()) as { items: { sinistreId: string }[] }).items;
  expect(items.length).toBeGreaterThan(0);
  const id = items[0]!.sinistreId;

  await login(page, GESTIONNAIRE);
  await page.goto(`/gestion/sinistres/${id}`);
  const demande = page.getByRole('heading', {
    name: 'Demande de requalification en « Congé de longue maladie (CLM) »',
  });
  await expect(demande).toBeVisible();
  await expectNoA11yViolations(page, 'dossier du gestionnaire, demande de requalification');
  await page.getByRole('textbox', { name: /Référence de l’acceptation/ }).fill('Avis du conseil médical du 28/10/2026');
  await page.getByRole('button', { name: /^Accepter à partir du \d{2}\/\d{2}\/\d{4}$/ }).click();
  await expect(
    page.getByText(/^Requalification acceptée : le sinistre n° .* relève de « Congé de longue maladie \(CLM\) »/),
  ).toBeVisible();
  await expect(demande).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Requalification acceptée/ })).toBeVisible();
  await expectNoA11yViolations(page, 'requalification acceptée');
});
