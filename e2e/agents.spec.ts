import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { tabTo } from './support/keyboard';
import {
  ADMIN,
  COMMUNE,
  chooseCollectivite,
  DEMO_PASSWORD,
  LECTEUR,
  login,
  mainMenu,
  openFromMenu,
} from './support/session';
import { expect, test } from './support/test';

/**
 * Module 3 of the seeds (« Gérer les agents »): create an agent in three steps (NIR, identity,
 * employment), read his file, record a change of employment and his départ; module 4's first step:
 * declare a maladie ordinaire for him; an agent of the roster, incomplete, is refused until completed.
 */

const CNRACL = 'ARV-CNRACL-2024';
/** A year the journeys of the bases leave alone (they declare 2026 and 2027). */
const ANNEE = 2025;

/**
 * NIRs nobody else uses: this run's own commune and order numbers (born in December 1984 in the
 * Seine-Maritime, as the seeds' example), so the journey also runs on a database kept from an earlier run.
 */
const run = Date.now() % 1_000_000;
function nir(sexe: 1 | 2, index: number): string {
  const commune = String(Math.floor(run / 1000)).padStart(3, '0');
  const ordre = String((run + index * 7) % 1000).padStart(3, '0');
  return `${sexe}841276${commune}${ordre}`;
}
/** « 1 84 12 76 451 089 46 »: as the application prints a NIR, grouped, with its key (97 − NIR mod 97). */
const printed = (n: string) =>
  `${n.slice(0, 1)} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)} ${String(97 - Number(BigInt(n) % 97n)).padStart(2, '0')}`;

const POLICIER = { nir: nir(1, 0), nom: 'Lambert', prenom: 'Julien', naissance: '03/12/1984' };
const POLICIER_NAME = 'Julien LAMBERT';

/** Logs a request context in through the API, in the commune, and returns the headers its writes need. */
async function apiLogin(request: APIRequestContext) {
  const login = await request.post('/api/auth/connexion', { data: { email: ADMIN, motDePasse: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const session = (await login.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === COMMUNE);
  const chosen = await request.put('/api/auth/session/collectivite', {
    data: { collectiviteId: commune!.id },
    headers,
  });
  expect(chosen.status(), await chosen.text()).toBe(200);
  return headers;
}

/** Whether the commune has declared a base of the CNRACL contract for `annee`. */
async function hasBase(request: APIRequestContext, annee: number): Promise<boolean> {
  await apiLogin(request);
  const found = await request.get('/api/bases', { params: { annee } });
  const { items } = (await found.json()) as { items: { contratNumero: string }[] };
  return items.some((b) => b.contratNumero === CNRACL);
}

/** The base prévisionnelle of the CNRACL contract for `annee`, declared through the API when missing. */
async function ensureBase(request: APIRequestContext, annee: number): Promise<void> {
  const headers = await apiLogin(request);
  const contrats = await request.get('/api/contrats');
  const { items } = (await contrats.json()) as { items: { id: string; numero: string }[] };
  const contratId = items.find((c) => c.numero === CNRACL)!.id;
  const created = await request.post('/api/bases', {
    headers,
    data: { contratId, annee, type: 'previsionnelle', effectif: 27, tbi: 49_500_000 },
  });
  // 409: declared meanwhile (by another journey): the sinistre only needs it to exist.
  expect([201, 409], await created.text()).toContain(created.status());
}

/** An agent of the roster (no birth date, no working time): imported through the API, as the seeds' module 2. */
async function importIncompleteAgent(request: APIRequestContext, agent: { nir: string; nom: string; prenom: string }) {
  const headers = await apiLogin(request);
  const csv = `\uFEFFNIR;Nom;Prénom;Régime;Statut;Date d’entrée;Emploi;Grade;Temps de travail\r\n${agent.nir};${agent.nom};${agent.prenom};CNRACL;titulaire;01/09/2015;Agent d’entretien;;\r\n`;
  const sent = await request.post('/api/agents/imports', {
    headers,
    multipart: { fichier: { name: 'liste-agents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(sent.status(), await sent.text()).toBe(202);
  const { id } = (await sent.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/agents/imports/${id}`)).json()) as { statut: string }).statut, {
      timeout: 20_000,
    })
    .toBe('termine');
  const found = await request.get('/api/agents/par-nir', { params: { nir: agent.nir } });
  expect(found.status(), await found.text()).toBe(200);
  return (await found.json()) as { id: string; incomplet: boolean };
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

function main(page: Page): Locator {
  return page.getByRole('main');
}

test('module 3 : créer un agent en trois étapes, sa fiche, son emploi, son départ ; module 4 : une maladie ordinaire', async ({
  page,
  request,
}) => {
  // A long journey with an accessibility check at each step, on a two-core machine.
  test.slow();
  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);

  await test.step('Vos déclarations › Agents : « Créer un agent »', async () => {
    await openFromMenu(page, 'Agents');
    await main(page).getByRole('link', { name: 'Créer un agent' }).click();
    await expect(heading(page, 'Créer un agent')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Étape 1 sur 3 : Numéro de sécurité sociale' })).toBeVisible();
    // The administrator has two collectivités: the page says where the agent goes, and lets him change it.
    await expect(main(page).getByRole('combobox', { name: 'Collectivité de l’agent' })).toHaveValue(/[0-9a-f-]{36}/);
    await expect(
      main(page).getByRole('combobox', { name: 'Collectivité de l’agent' }).locator('option:checked'),
    ).toHaveText(COMMUNE);
    await expectNoA11yViolations(page, 'créer un agent, NIR');
  });

  await test.step('étape 1 : un NIR faux est refusé, puis le NIR à 13 chiffres', async () => {
    const field = page.getByRole('textbox', { name: /^NIR/ });
    await field.fill('18412764510');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Le NIR comporte 13 chiffres (sans la clé) ou 15 avec la clé')).toBeVisible();
    // A wrong key is refused too, with the right one.
    await field.fill(`${POLICIER.nir}00`);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByText(/La clé du NIR est fausse/)).toBeVisible();
    await expectNoA11yViolations(page, 'créer un agent, NIR refusé');
    await field.fill(POLICIER.nir);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByRole('heading', { name: 'Étape 2 sur 3 : Identité de l’agent' })).toBeVisible();
  });

  await test.step('étape 2 : l’identité, contrôlée avec le NIR', async () => {
    // The first digit of the NIR gives the sex: it is shown, not asked.
    await expect(page.getByText('Sexe : Homme (donné par le premier chiffre du NIR).')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Homme' })).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(POLICIER.nom);
    await page.getByRole('textbox', { name: 'Prénom' }).fill(POLICIER.prenom);
    const naissance = page.getByRole('textbox', { name: 'Date de naissance' });
    await naissance.fill('03/12/1985');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(naissance).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Le NIR indique une naissance en 84 (chiffres 2 et 3)')).toBeVisible();
    await expectNoA11yViolations(page, 'créer un agent, identité en erreur');
    await naissance.fill(POLICIER.naissance);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByRole('heading', { name: 'Étape 3 sur 3 : Emploi de l’agent' })).toBeVisible();
  });

  await test.step('étape 3 : titulaire CNRACL, policier municipal à temps non complet, entré le 01/01/2018', async () => {
    await page.getByRole('combobox', { name: 'Régime' }).selectOption('CNRACL');
    await page.getByRole('combobox', { name: 'Statut' }).selectOption('titulaire');
    await page.getByRole('textbox', { name: 'Date d’entrée dans la collectivité' }).fill('01/01/2018');
    await page.getByRole('textbox', { name: 'Emploi' }).fill('Policier municipal');
    await page.getByRole('textbox', { name: 'Grade' }).fill('Brigadier');
    await page.getByRole('textbox', { name: 'Service' }).fill('Police municipale');
    await page.getByRole('radio', { name: 'Temps non complet' }).check();
    const heures = page.getByRole('textbox', { name: 'Heures par semaine' });
    await heures.fill('20');
    await page.getByRole('button', { name: 'Créer l’agent' }).click();
    await expect(heures).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('La CNRACL suppose au moins 28 heures par semaine')).toBeVisible();
    await expectNoA11yViolations(page, 'créer un agent, emploi en erreur');
    // Hours as people type them.
    await heures.fill('30h');
    await page.getByRole('button', { name: 'Créer l’agent' }).click();
  });

  await test.step('la fiche de l’agent : identité, emploi, historique', async () => {
    await expect(heading(page, POLICIER_NAME)).toBeVisible();
    await expect(page.getByText(`La fiche de ${POLICIER_NAME} est créée.`)).toBeVisible();
    const identite = page.getByRole('region', { name: 'Identité' });
    await expect(identite).toContainText(printed(POLICIER.nir));
    await expect(identite).toContainText(POLICIER.naissance);
    await expect(identite).toContainText('Homme');
    const emploi = page.getByRole('region', { name: 'Emploi', exact: true });
    for (const text of [
      'CNRACL',
      'Titulaire',
      '01/01/2018',
      'Policier municipal',
      'Brigadier',
      'Temps non complet (30 h par semaine)',
    ]) {
      await expect(emploi).toContainText(text);
    }
    const history = page.getByRole('table', { name: `Historique de l’emploi de ${POLICIER_NAME}` });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history.getByRole('rowheader')).toHaveText('01/01/2018');
    await expect(page.getByText('Aucun sinistre n’est déclaré pour cet agent.')).toBeVisible();
    await expectNoA11yViolations(page, 'fiche agent');
  });

  await test.step('le même NIR ne crée pas un second agent : on ouvre sa fiche', async () => {
    await page.goto('/declarations/agents/nouveau');
    await page.getByRole('textbox', { name: /^NIR/ }).fill(POLICIER.nir);
    await page.getByRole('button', { name: 'Continuer' }).click();
    const found = page.getByRole('alert').filter({ hasText: 'Cet agent existe déjà dans votre collectivité' });
    await expect(found).toContainText(POLICIER_NAME);
    await expectNoA11yViolations(page, 'créer un agent, NIR existant');
    await found.getByRole('link', { name: `Ouvrir la fiche de ${POLICIER_NAME}` }).click();
    await expect(heading(page, POLICIER_NAME)).toBeVisible();
  });

  await test.step('un changement d’emploi, à sa date d’effet, entre dans l’historique', async () => {
    await page.getByRole('button', { name: 'Modifier la fiche' }).click();
    const dialog = page.getByRole('dialog', { name: `Modifier la fiche de ${POLICIER_NAME}` });
    await expect(dialog.getByRole('textbox', { name: 'Heures par semaine' })).toHaveValue('30 h');
    await dialog.getByRole('textbox', { name: 'Heures par semaine' }).fill('32h30');
    await dialog.getByRole('textbox', { name: 'Date d’effet du changement d’emploi' }).fill('01/09/2026');
    await expectNoA11yViolations(page, 'modifier la fiche');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Emploi', exact: true })).toContainText(
      'Temps non complet (32 h 30 par semaine)',
    );
    const history = page.getByRole('table', { name: `Historique de l’emploi de ${POLICIER_NAME}` });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history.getByRole('row').filter({ hasText: '01/09/2026' })).toContainText('32 h 30');
  });

  await test.step('module 3, question 4 : « Déclarer un sinistre » mène d’abord aux agents', async () => {
    await openFromMenu(page, 'Déclarer un sinistre');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(POLICIER.nir);
    const table = page.getByRole('table', { name: 'Agents de la collectivité' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expectNoA11yViolations(page, 'déclarer un sinistre, choix de l’agent');
    await table.getByRole('button', { name: `Déclarer un sinistre pour ${POLICIER_NAME}` }).click();
    await expect(heading(page, 'Déclarer un sinistre')).toBeVisible();
    await expect(page.getByText(`Pour ${POLICIER_NAME}`)).toBeVisible();
  });

  const baseExisted = await hasBase(request, ANNEE);
  await test.step('module 4 : une maladie ordinaire, sans tiers', async () => {
    await page.getByRole('textbox', { name: 'Date de survenance' }).fill(`03/03/${ANNEE}`);
    const categorie = page.getByRole('combobox', { name: 'Catégorie d’absence' });
    // Only what the CNRACL contract covers: CLM yes, CGM (IRCANTEC only) no.
    await expect(categorie.locator('option', { hasText: 'Congé de longue maladie (CLM)' })).toHaveCount(1);
    await expect(categorie.locator('option', { hasText: 'Congé de grave maladie (CGM)' })).toHaveCount(0);
    await categorie.selectOption({ label: 'Maladie ordinaire' });
    await page.getByRole('button', { name: 'Déclarer le sinistre' }).click();
    // The question of the third party must be answered.
    await expect(page.getByText('Indiquez si un tiers est impliqué.')).toBeVisible();
    await page.getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('button', { name: 'Déclarer le sinistre' }).click();
    await expect(page.getByRole('textbox', { name: 'Recours contre tiers' })).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, 'déclarer un sinistre, erreurs affichées');
    await page.getByRole('radio', { name: 'Non' }).check();
    await page.getByRole('textbox', { name: 'Commentaires' }).fill('Certificat médical du 03/03 : arrêt initial.');
  });

  if (!baseExisted) {
    await test.step(`sans base de l’assurance ${ANNEE}, la déclaration est refusée avec le lien pour la déclarer`, async () => {
      await page.getByRole('button', { name: 'Déclarer le sinistre' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'Base de l’assurance manquante' });
      await expect(refused).toContainText(`Déclarez d’abord la base de l’assurance ${ANNEE}`);
      const link = refused.getByRole('link', { name: `Déclarer la base de l’assurance ${ANNEE}` });
      await expect(link).toHaveAttribute(
        'href',
        new RegExp(`^/espace-contractuel/base-assurance/nouvelle\\?contrat=[0-9a-f-]+&annee=${ANNEE}$`),
      );
      await expectNoA11yViolations(page, 'déclarer un sinistre, base manquante');
    });
  }

  let sinistreUrl = '';
  await test.step('la base déclarée, le sinistre est enregistré et sa page s’ouvre', async () => {
    await ensureBase(request, ANNEE);
    await page.getByRole('button', { name: 'Déclarer le sinistre' }).click();
    await expect(page).toHaveURL(/\/declarations\/sinistres\/[0-9a-f-]{36}$/);
    sinistreUrl = new URL(page.url()).pathname;
  });

  await test.step('Rechercher un sinistre : filtres, lien vers le sinistre', async () => {
    await openFromMenu(page, 'Rechercher un sinistre');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(POLICIER.nom);
    // The search is applied a moment after the typing: then the filters.
    await expect(page).toHaveURL(/q=Lambert/);
    await page.getByRole('combobox', { name: 'Catégorie' }).selectOption('maladie_ordinaire');
    await page.getByRole('textbox', { name: 'Survenu du' }).fill(`01/03/${ANNEE}`);
    await page.getByRole('textbox', { name: 'au', exact: true }).fill(`31/03/${ANNEE}`);
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(
      new RegExp(`du=${ANNEE}-03-01.*au=${ANNEE}-03-31|au=${ANNEE}-03-31.*du=${ANNEE}-03-01`),
    );
    const table = page.getByRole('table', { name: 'Liste des sinistres' });
    const row = table.getByRole('row').filter({ hasText: POLICIER_NAME });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Maladie ordinaire');
    await expect(row).toContainText(`03/03/${ANNEE}`);
    await expect(row).toContainText('Brouillon');
    await expectNoA11yViolations(page, 'rechercher un sinistre');
    // « Exporter (CSV) » takes the same search and filters.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('sinistres.csv');
    const csv = await readFile((await file.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Numéro;Nom;Prénom;Catégorie;Date de survenance');
    expect(lines.filter((l) => l.includes(`LAMBERT;Julien;Maladie ordinaire;03/03/${ANNEE};Brouillon`))).toHaveLength(
      1,
    );
    expect(lines.every((l, i) => i === 0 || l.includes('Maladie ordinaire'))).toBe(true);
    await page.getByRole('combobox', { name: 'Statut' }).selectOption('clos');
    await expect(page.getByText('Aucun élément ne correspond à votre recherche.')).toBeVisible();
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(POLICIER.nom);
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('rowheader').getByRole('link')).toHaveAttribute('href', sinistreUrl);
  });

  await test.step('le départ de l’agent : il garde son sinistre', async () => {
    await page.getByRole('table', { name: 'Liste des sinistres' }).getByRole('link', { name: POLICIER_NAME }).click();
    await expect(heading(page, POLICIER_NAME)).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer le départ' }).click();
    const dialog = page.getByRole('dialog', { name: `Enregistrer le départ de ${POLICIER_NAME}` });
    await dialog.getByRole('textbox', { name: 'Date de départ' }).fill('30/09/2026');
    await dialog.getByRole('combobox', { name: 'Motif du départ' }).selectOption({ label: 'Mutation' });
    await expectNoA11yViolations(page, 'enregistrer le départ');
    await dialog.getByRole('button', { name: 'Enregistrer le départ' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Parti le 30/09/2026')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Emploi', exact: true })).toContainText('30/09/2026 (Mutation)');
    await expect(page.getByRole('button', { name: 'Enregistrer le départ' })).toHaveCount(0);
    const sinistres = page.getByRole('table', { name: `Sinistres de ${POLICIER_NAME}` });
    await expect(sinistres.getByRole('row').filter({ hasText: 'Maladie ordinaire' })).toHaveCount(1);
    await expectNoA11yViolations(page, 'fiche agent parti');
  });

  await test.step('Agents : recherche par NIR, filtre des partis, la loupe ouvre la fiche', async () => {
    await openFromMenu(page, 'Agents');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(POLICIER.nir.slice(0, 10));
    await expect(page).toHaveURL(new RegExp(`q=${POLICIER.nir.slice(0, 10)}`));
    await page.getByRole('combobox', { name: 'Présence' }).selectOption('parti');
    const table = page.getByRole('table', { name: 'Liste des agents' });
    const row = table.getByRole('row').filter({ hasText: printed(POLICIER.nir) });
    await expect(row).toContainText('Parti le 30/09/2026');
    await row.getByRole('button', { name: `Consulter la fiche de ${POLICIER_NAME}` }).click();
    await expect(heading(page, POLICIER_NAME)).toBeVisible();
  });
});

test('un agent importé, incomplet, ne reçoit pas de sinistre avant d’être complété', async ({ page, request }) => {
  test.slow();
  const agent = { nir: nir(2, 1), nom: 'Rousseau', prenom: 'Hélène' };
  const name = 'Hélène ROUSSEAU';
  const imported = await importIncompleteAgent(request, agent);
  expect(imported.incomplet).toBe(true);
  // The server refuses it too (code agent_incomplet), whatever the page offers.
  const headers = await apiLogin(request);
  const refused = await request.post('/api/sinistres', {
    headers,
    data: {
      agentId: imported.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: `${ANNEE}-03-03`,
      tiersImplique: false,
    },
  });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { code: string }).code).toBe('agent_incomplet');

  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);

  await test.step('sa fiche le dit : « Fiche incomplète »', async () => {
    await openFromMenu(page, 'Agents');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(agent.nir);
    await expect(page).toHaveURL(new RegExp(`q=${agent.nir}`));
    await page.getByRole('combobox', { name: 'Fiche incomplète' }).selectOption('oui');
    await page.getByRole('table', { name: 'Liste des agents' }).getByRole('link', { name: 'ROUSSEAU' }).click();
    await expect(heading(page, name)).toBeVisible();
    const banner = page.getByRole('note').filter({ hasText: 'Fiche incomplète' });
    // The NIR gives the sex: only the birth date and the working time are missing.
    await expect(banner).toContainText('il manque la date de naissance, le temps de travail');
    await expectNoA11yViolations(page, 'fiche agent incomplète');
  });

  await test.step('« Ajouter un sinistre » : refusé, avec le lien pour compléter la fiche', async () => {
    await page.getByRole('link', { name: 'Ajouter un sinistre' }).click();
    await expect(heading(page, 'Déclarer un sinistre')).toBeVisible();
    const alert = page.getByRole('alert').filter({ hasText: 'Fiche agent incomplète' });
    await expect(alert).toContainText(`La fiche d’${name} est incomplète`);
    await expect(page.getByRole('button', { name: 'Déclarer le sinistre' })).toHaveCount(0);
    await expectNoA11yViolations(page, 'déclarer un sinistre, agent incomplet');
    await alert.getByRole('link', { name: `Compléter la fiche d’${name}` }).click();
  });

  await test.step('la fiche complétée, le sinistre peut être déclaré', async () => {
    const dialog = page.getByRole('dialog', { name: `Compléter la fiche d’${name}` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Date de naissance' }).fill('14/12/1984');
    await expect(dialog.getByText('Sexe : Femme (donné par le premier chiffre du NIR).')).toBeVisible();
    await dialog.getByRole('radio', { name: 'Temps complet' }).check();
    await expectNoA11yViolations(page, 'compléter la fiche');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('note').filter({ hasText: 'Fiche incomplète' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Ajouter un sinistre' }).click();
    await expect(page.getByRole('button', { name: 'Déclarer le sinistre' })).toBeVisible();
  });
});

test('clavier seul : les deux premières étapes de la création d’un agent', async ({ page }) => {
  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);
  await page.goto('/declarations/agents/nouveau');
  await expect(heading(page, 'Créer un agent')).toBeVisible();
  const field = page.getByRole('textbox', { name: /^NIR/ });
  await tabTo(page, field, 60);
  await page.keyboard.type(nir(1, 2));
  await page.keyboard.press('Enter');
  const step2 = page.getByRole('heading', { name: 'Étape 2 sur 3 : Identité de l’agent' });
  // The new step announces itself: the focus is on its title.
  await expect(step2).toBeFocused();
  await tabTo(page, page.getByRole('textbox', { name: 'Nom', exact: true }), 10);
  await page.keyboard.type('Girard');
  await tabTo(page, page.getByRole('textbox', { name: 'Prénom' }), 3);
  await page.keyboard.type('Noé');
  await tabTo(page, page.getByRole('textbox', { name: 'Date de naissance' }), 3);
  await page.keyboard.type('20/12/1984');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  const step3 = page.getByRole('heading', { name: 'Étape 3 sur 3 : Emploi de l’agent' });
  await expect(step3).toBeFocused();
  // « Retour » leads back, the typed identity kept.
  await tabTo(page, page.getByRole('button', { name: 'Retour' }), 30);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Prénom' })).toHaveValue('Noé');
});

test('un lecteur consulte les agents et les sinistres sans pouvoir créer ni déclarer', async ({ page }) => {
  await login(page, LECTEUR);
  await openFromMenu(page, 'Agents');
  await expect(main(page).getByRole('link', { name: 'Créer un agent' })).toHaveCount(0);
  await expect(mainMenu(page).getByRole('link', { name: 'Déclarer un sinistre' })).toHaveCount(0);
  await openFromMenu(page, 'Rechercher un sinistre');
  await expect(main(page).getByRole('link', { name: 'Déclarer un sinistre' })).toHaveCount(0);
  await expectNoA11yViolations(page, 'rechercher un sinistre (lecteur)');
});
