import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { hasNoHorizontalOverflow } from './support/keyboard';
import {
  ADMIN,
  COMMUNE,
  chooseCollectivite,
  DEMO_PASSWORD,
  LECTEUR,
  login,
  mainMenu,
  menuGroupLinks,
  openFromMenu,
} from './support/session';
import { expect, test } from './support/test';

/**
 * Module 2 of the seeds (« Espace contractuel »): consult the CNRACL contract, then declare its base
 * de l’assurance prévisionnelle from the town council's figures; the back office that sets the
 * contract up; the budget; what a Lecteur may do.
 */

const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CNRACL = 'ARV-CNRACL-2024';
const IRCANTEC = 'ARV-IRCANTEC-2024';
const CCAS = 'CCAS de Belleville-sur-Arvelle';

type Json = Record<string, unknown>;
type Garantie = { risque: string; franchiseNombre: number } & Json;
type Contrat = {
  id: string;
  numero: string;
  tauxCotisation: number;
  elementsAssurables: string[];
  garanties: Garantie[];
} & Json;

/** Logs a request context in through the API and returns the headers its writes need. */
async function apiLogin(request: APIRequestContext, email: string, collectivite?: string) {
  const login = await request.post('/api/auth/connexion', { data: { email, motDePasse: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const session = (await login.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  if (collectivite) {
    const target = session.collectivites.find((c) => c.nom === collectivite);
    expect(target, `${email} devrait avoir accès à ${collectivite}`).toBeDefined();
    const chosen = await request.put('/api/auth/session/collectivite', {
      data: { collectiviteId: target!.id },
      headers,
    });
    expect(chosen.status(), await chosen.text()).toBe(200);
  }
  return headers;
}

const FULL_GARANTIE = {
  couvert: true,
  franchiseNombre: 0,
  franchiseUnite: 'jours_fermes_par_arret',
  remboursementPct: 100,
  delaiDeclarationJours: 90,
  delaiPiecesJours: 90,
  delaiPiecesMedicalesJours: 730,
  delaiDecesJours: 3650,
};

/**
 * The contracts as the seeds describe them (CNRACL at 6,500 % with a 15-day franchise per arrêt on
 * maladie ordinaire, IRCANTEC at 1,100 %; deadlines of 90 days, 2 years and 10 years; every optional
 * element insurable). The gestionnaire sets them through the back-office API when the demo data
 * does not already carry them, so each journey runs alone on a fresh database.
 */
async function ensureSeedContracts(request: APIRequestContext): Promise<void> {
  const headers = await apiLogin(request, GESTIONNAIRE);
  const list = await request.get('/api/gestion/contrats', { params: { pageSize: 100 } });
  expect(list.status(), await list.text()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; numero: string }[] };
  for (const [numero, taux, risques] of [
    [
      CNRACL,
      6500,
      [
        'deces',
        'accident_service',
        'accident_trajet',
        'maladie_professionnelle',
        'maladie_ordinaire',
        'clm',
        'cld',
        'maternite',
        'tpt',
        'disponibilite_office',
      ],
    ],
    [
      IRCANTEC,
      1100,
      ['accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'cgm', 'maternite'],
    ],
  ] as const) {
    const summary = items.find((c) => c.numero === numero);
    expect(summary, `le contrat ${numero} des données de démonstration`).toBeDefined();
    const detail = await request.get(`/api/gestion/contrats/${summary!.id}`);
    const contrat = (await detail.json()) as Contrat;
    const mo = contrat.garanties.find((g) => g.risque === 'maladie_ordinaire');
    const ready =
      contrat.tauxCotisation === taux &&
      ['sft', 'ri', 'cp'].every((e) => contrat.elementsAssurables.includes(e)) &&
      mo?.franchiseNombre === 15;
    if (ready) continue;
    const { id, adhesions, documents, dateAdhesion, garanties, ...fields } = contrat;
    const saved = await request.put(`/api/gestion/contrats/${id}`, {
      headers,
      data: {
        ...fields,
        tauxCotisation: taux,
        elementsAssurables: ['nbi', 'sft', 'ir', 'ri', 'cp'],
        garanties: risques.map((risque) => ({
          ...FULL_GARANTIE,
          ...(garanties.find((g) => g.risque === risque) ?? {}),
          risque,
          ...(risque === 'maladie_ordinaire' ? { franchiseNombre: 15 } : {}),
        })),
      },
    });
    expect(saved.status(), await saved.text()).toBe(200);
  }
  await request.post('/api/auth/deconnexion', { headers });
}

/**
 * Removes a base of the commune declared earlier today (a base may be deleted on the day it was
 * created), so that a journey run twice on the same database starts from the same state.
 */
async function removeBase(request: APIRequestContext, numero: string, annee: number, type: string) {
  const headers = await apiLogin(request, ADMIN, COMMUNE);
  const found = await request.get('/api/bases', { params: { annee, type } });
  const { items } = (await found.json()) as { items: { id: string; contratNumero: string; modifiable: boolean }[] };
  for (const base of items.filter((b) => b.contratNumero === numero)) {
    expect(
      base.modifiable,
      `la base ${type} ${annee} de ${numero} existe depuis hier : base de test déjà utilisée`,
    ).toBe(true);
    const removed = await request.delete(`/api/bases/${base.id}`, { headers });
    expect(removed.status(), await removed.text()).toBe(204);
  }
  await request.post('/api/auth/deconnexion', { headers });
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

/** Picks a contract in the « Contrat » select by its number (options read « numéro — libellé »). */
async function chooseContrat(page: Page, numero: string): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Contrat', exact: true });
  const value = await select.locator('option', { hasText: numero }).getAttribute('value');
  expect(value, `le contrat ${numero} dans la liste`).toBeTruthy();
  await select.selectOption(value!);
}

/**
 * The seeds' figures for the CNRACL agents (TBI, SFT, primes, charges patronales; no NBI); the
 * délibération insures all the primes and charges: their ceilings, typed with two decimals.
 */
async function fillSeedFigures(page: Page): Promise<void> {
  await page.getByLabel('Effectif').fill('27');
  await page.getByLabel('Traitement brut indiciaire (TBI)').fill('495 000');
  await page.getByLabel('Supplément familial de traitement (SFT)').fill('2 600');
  await page.getByLabel('Montant réel du RI').fill('38 000');
  await page.getByLabel('Part du TBI assurée au titre du RI (%)').fill('7,67');
  await page.getByLabel('Montant réel des CP').fill('280 000');
  await page.getByLabel('Part du TBI assurée au titre des CP (%)').fill('56,56');
}

test('module 2 : consulter le contrat CNRACL puis déclarer sa base de l’assurance prévisionnelle', async ({
  page,
  request,
}) => {
  // A long journey with an accessibility check at each step, on a two-core machine.
  test.slow();
  await ensureSeedContracts(request);
  await removeBase(request, CNRACL, 2026, 'previsionnelle');

  await test.step('connexion, collectivité « Commune de Belleville-sur-Arvelle »', async () => {
    await login(page, ADMIN);
    await chooseCollectivite(page, COMMUNE);
  });

  await test.step('Espace contractuel › Contrats : les préavis assureur et assuré', async () => {
    await openFromMenu(page, 'Contrats');
    const row = page.getByRole('table', { name: 'Liste des contrats' }).getByRole('row').filter({ hasText: CNRACL });
    await expect(row).toContainText('du 01/01/2024 au 31/12/2027');
    await expect(row.getByRole('cell').nth(4)).toHaveText(/^\d+ mois$/);
    await expect(row.getByRole('cell').nth(5)).toHaveText(/^\d+ mois$/);
    await expectNoA11yViolations(page, 'contrats');
  });

  await test.step('la roue crantée ouvre les garanties : franchises et délais', async () => {
    await page.getByRole('button', { name: `Consulter les garanties du contrat ${CNRACL}` }).click();
    await expect(heading(page, `Contrat ${CNRACL}`)).toBeVisible();
    await expect(page.getByText('Préavis assureur', { exact: true })).toBeVisible();
    await expect(page.getByText('Taux de cotisation', { exact: true })).toBeVisible();
    const garanties = page.getByRole('table', { name: `Garanties du contrat ${CNRACL}` });
    const mo = garanties.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Maladie ordinaire' }) });
    await expect(mo).toContainText('15 jours fermes par arrêt');
    const accident = garanties
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Accident de service / du travail' }) });
    // 90 days for the daily allowances, 2 years for the medical pieces, 10 years for a death.
    await expect(accident).toContainText('90 jours');
    await expect(accident).toContainText('2 ans (730 jours)');
    await expect(accident).toContainText('10 ans (3 650 jours)');
    await expectNoA11yViolations(page, 'contrat, garanties');
  });

  const bases = page.getByRole('table', { name: 'Liste des bases de l’assurance' });

  await test.step('Base de l’assurance › « + Ajouter » : les chiffres de la délibération', async () => {
    await openFromMenu(page, 'Base de l’assurance');
    await expectNoA11yViolations(page, 'base de l’assurance');
    await page.getByRole('link', { name: '+ Ajouter' }).click();
    await expect(heading(page, 'Déclarer une base de l’assurance')).toBeVisible();
    await chooseContrat(page, CNRACL);
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2026');
    await page.getByRole('radio', { name: 'Prévisionnelle' }).check();
    await fillSeedFigures(page);
  });

  await test.step('plafonds RI et CP, cotisation estimée pendant la saisie', async () => {
    // 38 000 / 495 000 = 7,6767… % → 7,67 %; 280 000 / 495 000 = 56,5656… % → 56,56 %.
    await expect(page.getByText('Plafond : 7,67 % (RI réel / TBI, limité à 25,00 %)')).toBeVisible();
    await expect(page.getByText('Plafond : 56,56 % (CP réelles / TBI, limité à 60,00 %)')).toBeVisible();
    // 495 000 + 2 600 + 37 966,50 (7,67 %) + 279 972,00 (56,56 %) = 815 538,50 € × 6,5 % = 53 010,00 €
    const estimate = page.getByRole('status').filter({ hasText: 'Cotisation estimée' });
    await expect(estimate).toContainText('Cotisation estimée : 53 010,00 €');
    await expect(estimate).toContainText('assiette assurée 815 538,50 €');
    // One hundredth more than the ceiling is refused beside its field, then set back.
    const ri = page.getByLabel('Part du TBI assurée au titre du RI (%)');
    await ri.fill('7,68');
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(
      page
        .getByText(
          'Le pourcentage du RI doit être compris entre 1,00 % et 7,67 %, avec deux décimales au plus (plafond : RI réel / TBI).',
        )
        .first(),
    ).toBeVisible();
    await ri.fill('7,67');
    await ri.blur();
    await expect(ri).toHaveValue('7,67');
    await expectNoA11yViolations(page, 'déclarer une base (saisie)');
  });

  await test.step('« Valider » : le récapitulatif et l’avertissement', async () => {
    await page.getByRole('button', { name: 'Valider' }).click();
    const recap = page.getByRole('heading', { name: 'Récapitulatif de la déclaration' });
    await expect(recap).toBeFocused();
    const table = page.getByRole('table', { name: 'Récapitulatif de la déclaration' });
    await expect(table).toContainText('495 000,00 €');
    await expect(table).toContainText('7,67 % du TBI assurés, soit 37 966,50 €');
    await expect(table).toContainText('815 538,50 €');
    await expect(table).toContainText('53 010,00 €');
    await expect(page.getByText('Vous pourrez modifier ou supprimer cette base aujourd’hui seulement')).toBeVisible();
    await expectNoA11yViolations(page, 'déclarer une base (récapitulatif)');
  });

  await test.step('« Confirmer la déclaration » : la base est dans la liste', async () => {
    await page.getByRole('button', { name: 'Confirmer la déclaration' }).click();
    await expect(heading(page, 'Base de l’assurance')).toBeVisible();
    await expect(page.getByText(`La base prévisionnelle 2026 du contrat ${CNRACL} est enregistrée.`)).toBeVisible();
    // The year's own cell: other rows may show 2026 in a date (the agents' journeys declare 2025).
    const row = bases
      .getByRole('row')
      .filter({ hasText: CNRACL })
      .filter({ has: page.getByRole('cell', { name: '2026', exact: true }) });
    await expect(row).toContainText('Prévisionnelle');
    await expect(row).toContainText('815 538,50 €');
    await expect(row).toContainText('53 010,00 €');
    await expect(
      row.getByRole('button', { name: `Modifier la base prévisionnelle 2026 du contrat ${CNRACL}` }),
    ).toBeVisible();
  });

  await test.step('une seconde base identique est refusée', async () => {
    await page.getByRole('link', { name: '+ Ajouter' }).click();
    await chooseContrat(page, CNRACL);
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2026');
    await fillSeedFigures(page);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('button', { name: 'Confirmer la déclaration' }).click();
    // Back to the fields, the refusal said once, beside the type (no banner repeating it).
    await expect(page.getByText('Déjà déclarée pour ce contrat et cette année.')).toBeVisible();
    await expect(page.getByText(`Une base prévisionnelle 2026 existe déjà pour le contrat ${CNRACL}.`)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Valider' })).toBeVisible();
    await expectNoA11yViolations(page, 'déclarer une base (refus)');
  });
});

test('base réelle : régularisation, modification, suppression, et budget de l’année', async ({ page, request }) => {
  test.slow();
  await ensureSeedContracts(request);
  // 2027: independent from the module 2 journey, which declares 2026.
  await removeBase(request, CNRACL, 2027, 'reelle');
  await removeBase(request, CNRACL, 2027, 'previsionnelle');
  const headers = await apiLogin(request, ADMIN, COMMUNE);
  const contrats = await request.get('/api/contrats');
  const { items } = (await contrats.json()) as { items: { id: string; numero: string }[] };
  const contratId = items.find((c) => c.numero === CNRACL)!.id;
  // The prévisionnelle 2027 through the API: 100 000,00 € of TBI at 6,500 % → 6 500,00 €.
  const prev = await request.post('/api/bases', {
    headers,
    data: { contratId, annee: 2027, type: 'previsionnelle', effectif: 5, tbi: 10_000_000 },
  });
  expect(prev.status(), await prev.text()).toBe(201);

  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);

  await test.step('la base réelle 2027, saisie au clavier', async () => {
    await page.goto('/espace-contractuel/base-assurance/nouvelle');
    await chooseContrat(page, CNRACL);
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2027');
    await page.getByRole('radio', { name: 'Réelle' }).check();
    await page.getByLabel('Effectif').fill('5');
    await page.getByLabel('Traitement brut indiciaire (TBI)').fill('108 150');
    await page.getByLabel('Traitement brut indiciaire (TBI)').press('Enter');
    await page.getByRole('button', { name: 'Confirmer la déclaration' }).press('Enter');
    await expect(heading(page, 'Base de l’assurance')).toBeVisible();
  });

  const reelle = page
    .getByRole('table', { name: 'Liste des bases de l’assurance' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '2027', exact: true }) })
    .filter({ hasText: 'Réelle' });

  await test.step('la régularisation figure sur la ligne de la base réelle', async () => {
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2027');
    // 108 150 € × 6,5 % = 7 029,75 €, minus 6 500,00 € declared in the prévisionnelle.
    await expect(reelle).toContainText('+ 529,75 €');
  });

  await test.step('« Modifier » le jour même : la régularisation suit', async () => {
    await reelle.getByRole('button', { name: `Modifier la base réelle 2027 du contrat ${CNRACL}` }).click();
    await expect(heading(page, `Modifier la base réelle 2027 du contrat ${CNRACL}`)).toBeVisible();
    await page.getByLabel('Traitement brut indiciaire (TBI)').fill('84 615,38');
    await expect(page.getByRole('status').filter({ hasText: 'Cotisation estimée' })).toContainText('5 500,00 €');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(
      page.getByText(`Les modifications de la base réelle 2027 du contrat ${CNRACL} sont enregistrées.`),
    ).toBeVisible();
    await expect(reelle).toContainText('− 1 000,00 €');
  });

  await test.step('le budget 2027 : écart et contrat sans base', async () => {
    await openFromMenu(page, 'Budget');
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2027');
    await expect(page.getByRole('heading', { name: 'Budget 2027' })).toBeVisible();
    await page.getByLabel('Budget des cotisations').fill('6 000');
    await page.getByLabel('Budget des absences').fill('1 234,56');
    await page.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await expect(page.getByText('Le budget 2027 est enregistré.')).toBeVisible();
    const comparison = page.getByRole('table', { name: 'Cotisations 2027 : budget et estimation' });
    // The réelle base counts once declared: 5 500,00 € estimated against 6 000,00 € budgeted.
    await expect(comparison).toContainText('5 500,00 €');
    await expect(comparison).toContainText('+ 500,00 €');
    // Beside the contributions, what was called and what the insurance paid back that year (no call and no
    // règlement yet for this tenant): nothing left to bear.
    const bilan = page.getByRole('table', {
      name: 'Cotisations appelées, remboursements reçus et reste à charge 2027',
    });
    await expect(bilan.getByRole('row', { name: /Cotisations appelées/ })).toContainText('0,00 €');
    await expect(bilan.getByRole('row', { name: /Remboursements reçus/ })).toContainText('0,00 €');
    await expect(bilan.getByRole('row', { name: /Reste à charge/ })).toContainText('0,00 €');
    await expectNoA11yViolations(page, 'budget');
    await page.getByRole('link', { name: `Déclarer la base 2027 du contrat ${IRCANTEC}` }).click();
    await expect(heading(page, 'Déclarer une base de l’assurance')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Contrat', exact: true })).toHaveValue(
      items.find((c) => c.numero === IRCANTEC)!.id,
    );
    await expect(page.getByRole('combobox', { name: 'Année' })).toHaveValue('2027');
  });

  await test.step('« Supprimer » la base réelle, le jour de sa création', async () => {
    await openFromMenu(page, 'Base de l’assurance');
    await page.getByRole('combobox', { name: 'Année' }).selectOption('2027');
    await reelle.getByRole('button', { name: `Supprimer la base réelle 2027 du contrat ${CNRACL}` }).click();
    const dialog = page.getByRole('dialog', { name: `Supprimer la base réelle 2027 du contrat ${CNRACL} ?` });
    await expectNoA11yViolations(page, 'supprimer une base');
    await dialog.getByRole('button', { name: 'Supprimer la base' }).click();
    await expect(dialog).toBeHidden();
    await expect(reelle).toHaveCount(0);
  });

  await test.step('« Exporter (CSV) » emporte les filtres', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('bases-assurance.csv');
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain(`${CNRACL};CNRACL;2027;Prévisionnelle`);
    expect(csv).not.toContain(';2026;');
  });
});

test('un lecteur consulte contrats, bases et budget sans pouvoir déclarer', async ({ page, request }) => {
  await ensureSeedContracts(request);
  await login(page, LECTEUR);
  await openFromMenu(page, 'Base de l’assurance');
  await expect(page.getByRole('button', { name: 'Exporter (CSV)' })).toBeVisible();
  await expect(page.getByRole('link', { name: '+ Ajouter' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Modifier|Supprimer) la base/ })).toHaveCount(0);
  await page.goto('/espace-contractuel/base-assurance/nouvelle');
  await expect(page.getByText('Cette page est réservée aux publicateurs et aux administrateurs')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Contrat', exact: true })).toHaveCount(0);
  await openFromMenu(page, 'Budget');
  await expect(page.getByText('Budget des cotisations', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Budget des cotisations' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Enregistrer le budget' })).toHaveCount(0);
});

test.describe('zoom à 200 % (écran de 1280 px de large)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('la déclaration d’une base reste utilisable sans défilement horizontal', async ({ page, request }) => {
    await ensureSeedContracts(request);
    await login(page, ADMIN);
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await chooseCollectivite(page, COMMUNE);
    await mainMenu(page).getByRole('link', { name: 'Base de l’assurance' }).click();
    await expect(heading(page, 'Base de l’assurance')).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), 'la liste des bases défile horizontalement').toBe(true);
    await page.getByRole('link', { name: '+ Ajouter' }).click();
    await chooseContrat(page, CNRACL);
    await fillSeedFigures(page);
    const estimate = page.getByRole('status').filter({ hasText: 'Cotisation estimée' });
    await estimate.scrollIntoViewIfNeeded();
    await expect(estimate).toBeInViewport();
    expect(await hasNoHorizontalOverflow(page), 'le formulaire de déclaration défile horizontalement').toBe(true);
    await expectNoA11yViolations(page, 'déclarer une base à 200 %');
  });
});

test('back-office : le gestionnaire crée un contrat, joint un document et rattache une collectivité', async ({
  page,
}) => {
  test.slow();
  const numero = `E2E-${Date.now()}`;
  await login(page, GESTIONNAIRE);

  await test.step('Gestion › Contrats', async () => {
    await menuGroupLinks(page, 'Gestion').filter({ hasText: 'Contrats' }).click();
    await expect(heading(page, 'Gestion des contrats')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Liste des contrats gérés' })).toContainText(CNRACL);
  });
  await expectNoA11yViolations(page, 'gestion des contrats');
  await page.getByRole('link', { name: '+ Ajouter' }).click();
  await expect(heading(page, 'Nouveau contrat')).toBeVisible();

  await test.step('le formulaire refuse ce qui manque, avec les messages du domaine', async () => {
    await page.getByRole('button', { name: 'Enregistrer le contrat' }).click();
    await expect(page.getByRole('textbox', { name: 'Numéro de contrat' })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Le numéro de contrat est obligatoire.')).toBeVisible();
    await expectNoA11yViolations(page, 'nouveau contrat (erreurs affichées)');
  });

  await test.step('un contrat IRCANTEC : CGM proposé, CLM absent ; taux « 1,1 » %', async () => {
    await page.getByRole('textbox', { name: 'Numéro de contrat' }).fill(numero);
    await page.getByRole('textbox', { name: 'Libellé' }).fill('Contrat de test IRCANTEC');
    await page.getByRole('combobox', { name: 'Régime' }).selectOption('IRCANTEC');
    await expect(page.getByRole('group', { name: 'Congé de grave maladie (CGM)' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Congé de longue maladie (CLM)' })).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Taux de cotisation' }).fill('1,1');
    await page.getByRole('textbox', { name: 'Assureur', exact: true }).fill('Assureur de test');
    await page.getByRole('textbox', { name: 'Date d’effet' }).fill('01/01/2025');
    await page.getByRole('textbox', { name: 'Date de fin' }).fill('31/12/2028');
    await page.getByRole('textbox', { name: 'Préavis assureur (mois)' }).fill('6');
    await page.getByRole('textbox', { name: 'Préavis assuré (mois)' }).fill('4');
    await page.getByRole('checkbox', { name: 'Supplément familial de traitement (SFT)' }).check();
    const mo = page.getByRole('group', { name: 'Maladie ordinaire' });
    await mo.getByRole('textbox', { name: 'Franchise (jours)' }).fill('10');
    await page
      .getByRole('group', { name: 'Maternité, paternité, adoption' })
      .getByLabel('Risque couvert par le contrat')
      .uncheck();
    await page.getByRole('button', { name: 'Enregistrer le contrat' }).click();
    await expect(heading(page, `Contrat ${numero}`)).toBeVisible();
    await expect(page.getByText(`Le contrat ${numero} est créé.`)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Taux de cotisation' })).toHaveValue('1,1');
  });

  await test.step('un document PDF joint au contrat', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Document à joindre \(PDF\)/ }).click();
    await (await chooser).setFiles({ name: 'Conditions particulières.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Joindre le document' }).click();
    const documents = page.getByRole('table', { name: `Documents du contrat ${numero}` });
    await expect(documents.getByRole('link', { name: 'Conditions particulières.pdf' })).toBeVisible();
  });

  await test.step('la collectivité CCAS rattachée au contrat', async () => {
    await page.getByRole('button', { name: 'Rattacher une collectivité' }).click();
    const search = page.getByRole('dialog', { name: 'Rechercher une collectivité' });
    await search.getByRole('searchbox', { name: 'Rechercher' }).fill('CCAS');
    await search.getByRole('button', { name: `Choisir ${CCAS}` }).click();
    const dialog = page.getByRole('dialog', { name: `Adhésion du ${CCAS} au contrat ${numero}` });
    await expect(dialog.getByRole('textbox', { name: 'Date d’adhésion' })).toHaveValue('01/01/2025');
    await dialog.getByRole('textbox', { name: 'Date d’adhésion' }).fill('01/07/2025');
    await dialog.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();
    await expect(dialog).toBeHidden();
    const adhesions = page.getByRole('table', { name: `Collectivités adhérentes au contrat ${numero}` });
    await expect(adhesions.getByRole('row').filter({ hasText: CCAS })).toContainText('01/07/2025');
    await expectNoA11yViolations(page, 'contrat du back-office');
  });
});
