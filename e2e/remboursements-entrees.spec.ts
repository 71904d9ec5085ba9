import type { APIRequestContext } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN_CC, DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/** The demo's activity is the communauté de communes'; Zoé GARNIER is its IRCANTEC contractuelle. */
const CC = 'Communauté de communes du Val d’Arvelle';

/** A new maladie ordinaire of the IRCANTEC agent, with one arrêt over two calendar months. */
async function sinistreIrcantec(request: APIRequestContext) {
  const connexion = await request.post('/api/auth/connexion', { data: { email: ADMIN_CC, motDePasse: DEMO_PASSWORD } });
  expect(connexion.status(), await connexion.text()).toBe(200);
  const session = (await connexion.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const cc = session.collectivites.find((c) => c.nom === CC)!;
  await request.put('/api/auth/session/collectivite', { data: { collectiviteId: cc.id }, headers });
  const agents = (await (await request.get('/api/agents', { params: { q: 'garnier' } })).json()) as {
    items: { id: string }[];
  };
  const created = await request.post('/api/sinistres', {
    headers,
    data: {
      agentId: agents.items[0]!.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-11-16',
      tiersImplique: false,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const sinistre = (await created.json()) as { id: string; numero: string };
  const arret = await request.post(`/api/sinistres/${sinistre.id}/arrets`, {
    headers,
    data: { type: 'initial', debut: '2026-11-16', fin: '2026-12-04' },
  });
  expect(arret.status(), await arret.text()).toBe(201);
  return sinistre;
}

test('the employer enters two months of salary, each its own, and an IJSS period of the CPAM', async ({
  page,
  request,
}) => {
  const sinistre = await sinistreIrcantec(request);
  await login(page, ADMIN_CC);
  await page.goto(`/declarations/sinistres/${sinistre.id}#salaires`);

  const salaires = page.getByRole('region', { name: 'Salaires mensuels' });
  await expect(salaires.getByRole('row', { name: /novembre 2026/ })).toContainText('Proposé');
  const tbiNovembre = salaires.getByRole('textbox', { name: 'Traitement brut indiciaire (TBI) — novembre 2026' });
  const tbiDecembre = salaires.getByRole('textbox', { name: 'Traitement brut indiciaire (TBI) — décembre 2026' });
  // The base of the IRCANTEC contract insures TBI only: the other elements cannot be typed.
  await expect(
    salaires.getByRole('textbox', { name: 'Nouvelle bonification indiciaire (NBI) — novembre 2026 (non assuré)' }),
  ).toBeDisabled();
  await tbiNovembre.fill('1 969,11');
  await tbiDecembre.fill('2 042,95');
  await expectNoA11yViolations(page, 'salaires mensuels du sinistre');
  await salaires.getByRole('button', { name: 'Enregistrer les salaires' }).click();
  await expect(page.getByText('Les salaires de 2 mois sont enregistrés.')).toBeVisible();
  await expect(salaires.getByRole('row', { name: /novembre 2026/ })).toContainText('Enregistré');
  await expect(salaires.getByRole('row', { name: /décembre 2026/ })).toContainText('Enregistré');

  const ijss = page.getByRole('region', { name: 'IJSS de la Sécurité sociale' });
  await ijss.getByRole('textbox', { name: 'Du' }).fill('19/11/2026');
  await ijss.getByRole('textbox', { name: 'Au' }).fill('04/12/2026');
  await ijss.getByRole('textbox', { name: 'Montant journalier' }).fill('28,52');
  await ijss.getByRole('button', { name: 'Ajouter la période d’IJSS' }).click();
  await expect(page.getByText('Les IJSS du 19/11/2026 au 04/12/2026 sont enregistrées.')).toBeVisible();
  // 16 days × 28,52 € = 456,32 €.
  const row = ijss.getByRole('row', { name: /du 19\/11\/2026 au 04\/12\/2026/ });
  await expect(row).toContainText('28,52 €');
  await expect(row).toContainText('456,32 €');
  await expectNoA11yViolations(page, 'IJSS du sinistre');

  // Each month keeps its own payslip.
  await page.reload();
  await expect(tbiNovembre).toHaveValue('1 969,11');
  await expect(tbiDecembre).toHaveValue('2 042,95');
});
