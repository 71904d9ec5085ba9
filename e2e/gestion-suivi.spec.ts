import type { APIRequestContext } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { nirDuParcours } from './support/nir';
import { COMMUNE, DEMO_PASSWORD, login, PUBLICATEUR } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 9, follow-up of a file: the commune asks for a contre-visite on a maladie ordinaire caused by a
 * third party; the demo gestionnaire records it « non justifié » from a date (the reimbursable period
 * ends the day before), opens the recours contre tiers and notes its first letter, and records a
 * reprise à temps partiel thérapeutique with its follow-up dates.
 */

/** The commune's file, declared through the API: agent of this run, base of the year, one arrêt. */
async function prepareFile(request: APIRequestContext): Promise<string> {
  const l = await request.post('/api/auth/connexion', { data: { email: PUBLICATEUR, motDePasse: DEMO_PASSWORD } });
  expect(l.status()).toBe(200);
  const session = (await l.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === COMMUNE)!;
  await request.put('/api/auth/session/collectivite', { data: { collectiviteId: commune.id }, headers });
  const agent = await request.post('/api/agents', {
    headers,
    data: {
      nir: nirDuParcours('1841276'),
      nom: 'Martin',
      prenom: 'Paul',
      dateNaissance: '1984-12-03',
      sexe: 'M',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2018-01-01',
      emploi: 'Policier municipal',
      grade: 'Brigadier',
      tempsTravail: 'complet',
    },
  });
  expect(agent.status(), await agent.text()).toBe(201);
  const contrats = (await (await request.get('/api/contrats')).json()) as { items: { id: string }[] };
  for (const c of contrats.items) {
    const b = await request.post('/api/bases', {
      headers,
      data: { contratId: c.id, annee: 2026, type: 'previsionnelle', effectif: 10, tbi: 30_000_000 },
    });
    expect([201, 409, 422]).toContain(b.status());
  }
  const created = await request.post('/api/sinistres', {
    headers,
    data: {
      agentId: ((await agent.json()) as { id: string }).id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-10-03',
      tiersImplique: true,
      recoursTiers: 'M. Jean BERNARD',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const arret = await request.post(`/api/sinistres/${id}/arrets`, {
    data: { type: 'initial', debut: '2026-10-03', fin: '2026-10-20' },
    headers,
  });
  expect(arret.status(), await arret.text()).toBe(201);
  const demande = await request.post(`/api/sinistres/${id}/controles-medicaux`, {
    data: { type: 'contre_visite' },
    headers,
  });
  expect(demande.status(), await demande.text()).toBe(201);
  return id;
}

test('le gestionnaire note une contre-visite non justifiée, ouvre le recours contre le tiers et suit la reprise', async ({
  page,
  request,
}) => {
  test.slow();
  const id = await prepareFile(request);
  await login(page, 'gestionnaire@demo.statutis.fr');
  await page.goto(`/gestion/sinistres/${id}`);
  await expect(page.getByRole('heading', { name: 'Contrôles médicaux' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Contrôles médicaux du sinistre' })).toContainText('Demandé');
  await expectNoA11yViolations(page, 'sections');
  await page.getByRole('button', { name: /^Planifier/ }).click();
  await page.getByRole('textbox', { name: 'Médecin agréé ou conseil médical' }).fill('Dr Anne LEROY');
  await page.getByRole('textbox', { name: 'Date du contrôle' }).fill('10/10/2026');
  await page.getByRole('combobox', { name: 'Résultat' }).selectOption('non_justifie');
  await page.getByRole('textbox', { name: 'Arrêt non justifié à partir du' }).fill('15/10/2026');
  await page.getByRole('textbox', { name: 'Coût du contrôle' }).fill('120');
  await page.getByRole('combobox', { name: 'Payé par' }).selectOption('assureur');
  await expectNoA11yViolations(page, 'formulaire contrôle');
  await page.getByRole('button', { name: 'Enregistrer le contrôle' }).click();
  await expect(page.getByText('période remboursable jusqu’au 14/10/2026')).toBeVisible();

  await page.getByRole('button', { name: 'Ouvrir le recours' }).click();
  await page.getByRole('textbox', { name: 'Tiers responsable' }).fill('M. Jean BERNARD');
  await page.getByRole('textbox', { name: 'Responsabilité du tiers' }).fill('50');
  await page.getByRole('textbox', { name: 'Frais médicaux' }).fill('123,50');
  await page.getByRole('textbox', { name: 'Montant remboursé par l’assureur' }).fill('100');
  await expectNoA11yViolations(page, 'formulaire recours');
  await page.getByRole('button', { name: 'Enregistrer le recours' }).click();
  await expect(page.getByRole('table', { name: 'Créance sur le tiers, par poste' })).toContainText('61,75');
  await page.getByRole('button', { name: 'Noter un courrier ou une relance' }).click();
  await page.getByRole('textbox', { name: 'Date', exact: true }).fill('20/10/2026');
  await page.getByRole('combobox', { name: 'Type d’action' }).selectOption('courrier');
  await page.getByRole('textbox', { name: 'Objet' }).fill('Mise en cause');
  await page.getByRole('textbox', { name: 'Prochaine relance' }).fill('20/11/2026');
  await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(page.getByText('Prochaine relance le 20/11/2026.')).toBeVisible();

  await page.getByRole('button', { name: 'Commencer le suivi' }).click();
  await page.getByRole('textbox', { name: 'Reprise effective le' }).fill('21/10/2026');
  await page.getByRole('combobox', { name: 'Forme de la reprise' }).selectOption('tpt');
  await page.getByRole('combobox', { name: 'Quotité travaillée' }).selectOption('60');
  await expectNoA11yViolations(page, 'formulaire reprise');
  await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();
  await expect(page.getByRole('list', { name: 'Échéances du suivi' })).toContainText('Suivi à 30 jours');
  await expectNoA11yViolations(page, 'sections remplies');
});
