import type { APIRequestContext } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11, « Renouvellement »: the CDG's gestionnaire chooses the contract that succeeds one of
 * his, reads the split and switches. The journey makes its own contracts (in 2019–2022, before the
 * demo's) and its own collectivité, so the demo's contracts and figures stay as other journeys read them.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const PLATEFORME = 'plateforme@demo.statutis.fr';
const CDG = 'Centre de Gestion de l’Arvelle (fictif)';

/** A SIRET with a valid Luhn key, different on each run. */
function siret(): string {
  const digits = `2${String(Date.now()).slice(-9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  for (let key = 0; key < 10; key++) {
    const candidate = `${digits}${key}`;
    const sum = [...candidate].reverse().reduce((s, c, i) => {
      const d = Number(c) * (i % 2 === 1 ? 2 : 1);
      return s + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

async function apiLogin(request: APIRequestContext, email: string) {
  const r = await request.post('/api/auth/connexion', { data: { email, motDePasse: DEMO_PASSWORD } });
  expect(r.status(), await r.text()).toBe(200);
  return { 'X-CSRF-Token': ((await r.json()) as { csrfToken: string }).csrfToken };
}

const garantie = (risque: string) => ({
  risque,
  couvert: true,
  franchiseNombre: 15,
  franchiseUnite: 'jours_fermes_par_arret',
  remboursementPct: 100,
  delaiDeclarationJours: 90,
  delaiPiecesJours: 90,
  delaiPiecesMedicalesJours: 730,
  delaiDecesJours: 3650,
});

const contrat = (numero: string, dateEffet: string, dateFin: string) => ({
  numero,
  libelle: `Contrat groupe CNRACL ${dateEffet.slice(0, 4)}`,
  regime: 'CNRACL',
  assureur: 'Assureur des Collectivités',
  courtier: null,
  dateEffet,
  dateFin,
  preavisAssureurMois: 6,
  preavisAssureMois: 4,
  tauxCotisation: 6500,
  elementsAssurables: ['nbi'],
  garanties: [garantie('maladie_ordinaire'), garantie('accident_service')],
});

test('le gestionnaire du CDG prévisualise le renouvellement d’un contrat puis bascule', async ({ page, request }) => {
  test.slow();
  const run = Date.now().toString(36).toUpperCase();
  const numeroA = `E2E-REN-A-${run}`;
  const numeroB = `E2E-REN-B-${run}`;
  const commune = `Commune de Renouvelle ${run}`;

  // The platform administrator creates the collectivité, the gestionnaire the two contracts.
  let headers = await apiLogin(request, PLATEFORME);
  const cdgs = (await (await request.get('/api/cdgs')).json()) as { id: string; nom: string }[];
  const cdg = cdgs.find((c) => c.nom === CDG);
  expect(cdg).toBeDefined();
  const created = await request.post('/api/collectivites', {
    headers,
    data: { nom: commune, siret: siret(), type: 'commune', cdgId: cdg!.id },
  });
  expect(created.status(), await created.text()).toBe(201);
  const collectiviteId = ((await created.json()) as { id: string }).id;
  await request.post('/api/auth/deconnexion', { headers });
  headers = await apiLogin(request, GESTIONNAIRE);
  const a = await request.post('/api/gestion/contrats', {
    headers,
    data: contrat(numeroA, '2019-01-01', '2021-12-31'),
  });
  expect(a.status(), await a.text()).toBe(201);
  const aId = ((await a.json()) as { id: string }).id;
  const b = await request.post('/api/gestion/contrats', {
    headers,
    data: contrat(numeroB, '2021-07-01', '2022-12-31'),
  });
  expect(b.status(), await b.text()).toBe(201);
  const adh = await request.put(`/api/gestion/contrats/${aId}/adhesions`, {
    headers,
    data: { collectiviteId, dateAdhesion: '2019-01-01' },
  });
  expect(adh.status(), await adh.text()).toBe(200);

  await login(page, GESTIONNAIRE);
  await page.goto(`/gestion/contrats/${aId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Contrat ${numeroA}` })).toBeVisible({
    timeout: 30_000,
  });
  const section = page.getByRole('region', { name: 'Renouvellement' });
  await expect(section).toBeVisible();

  await test.step('choisir le successeur et lire la répartition', async () => {
    await section.getByRole('combobox', { name: 'Contrat successeur' }).click();
    await page.getByRole('option', { name: `${numeroB} — à partir du 01/07/2021` }).click();
    await expect(section.getByText('Bascule le 01/07/2021')).toBeVisible();
    await expect(section).toContainText(`finira le 30/06/2021 (au lieu du 31/12/2021)`);
    await expect(section).toContainText(
      `1 collectivité adhérente, dont 1 adhésion à reporter au contrat n° ${numeroB}`,
    );
    await expect(section).toContainText('Aucun point bloquant');
    const table = section.getByRole('table', {
      name: `Répartition par collectivité entre les contrats ${numeroA} et ${numeroB}`,
    });
    const row = table.getByRole('row').filter({ hasText: commune });
    await expect(row).toContainText('à créer au 01/07/2021');
    await expect(row).toContainText('Aucun');
    await section.getByRole('radio', { name: `Passent au contrat ${numeroB} (0)` }).check();
    await expect(section.getByText('Aucun sinistre dans cette liste.')).toBeVisible();
    await expectNoA11yViolations(page, 'renouvellement : répartition');
  });

  await test.step('confirmer la bascule', async () => {
    await section.getByRole('button', { name: `Basculer vers le contrat ${numeroB}` }).click();
    const dialog = page.getByRole('dialog', { name: `Renouveler le contrat ${numeroA} par le contrat ${numeroB} ?` });
    await expect(dialog).toContainText('finira le 30/06/2021');
    await expectNoA11yViolations(page, 'renouvellement : confirmation');
    await dialog.getByRole('button', { name: 'Confirmer la bascule' }).click();
    // The notification first: it shows for a few seconds, from before the dialog closes.
    await expect(
      page.getByText(
        `Contrat ${numeroA} renouvelé par le contrat ${numeroB} : 1 adhésion reportée, 0 sinistre rattaché au contrat ${numeroB}.`,
      ),
    ).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(section.getByText('Renouvellement effectué')).toBeVisible();
    await expect(section.getByRole('button', { name: `Basculer vers le contrat ${numeroB}` })).toHaveCount(0);
    const row = section.getByRole('row').filter({ hasText: commune });
    await expect(row).toContainText('depuis le 01/07/2021');
    await expectNoA11yViolations(page, 'renouvellement : effectué');
  });

  await test.step('la page rouverte montre le renouvellement fait', async () => {
    await page.reload();
    await expect(section.getByRole('combobox', { name: 'Contrat successeur' })).toHaveValue(
      `${numeroB} — à partir du 01/07/2021`,
      { timeout: 30_000 },
    );
    await expect(section.getByText('Renouvellement effectué')).toBeVisible();
  });

  // The contract's end moved to the successor's eve; the switch run again changes nothing.
  const detail = (await (await request.get(`/api/gestion/contrats/${aId}`)).json()) as { dateFin: string };
  expect(detail.dateFin).toBe('2021-06-30');
  const again = await request.post(`/api/gestion/contrats/${aId}/renouvellement`, {
    headers,
    data: { successeurId: ((await b.json()) as { id: string }).id },
  });
  expect(again.status(), await again.text()).toBe(200);
  expect(await again.json()).toMatchObject({ dejaEffectue: true, adhesionsCreees: 0 });
});
