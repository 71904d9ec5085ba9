import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { expectNoA11yViolations } from './support/a11y';
import { hasNoHorizontalOverflow } from './support/keyboard';
import { ADMIN, COMMUNE, chooseCollectivite, LECTEUR, login, mainMenu, openFromMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Module 2 of the seeds, exercise 7: the roster (liste nominative des agents) saved from a
 * spreadsheet as CSV with « ; » in Windows-1252, imported all or nothing, then found in « Agents ».
 */

const HEADER = ['NIR', 'Nom', 'Prénom', 'Régime', 'Statut', 'Date d’entrée', 'Emploi', 'Grade', 'Temps de travail'];

/** What French Excel writes for « CSV (séparateur : point-virgule) »: Windows-1252, CRLF. */
function windows1252Csv(lines: string[][]): Buffer {
  return iconv.encode(`${[HEADER, ...lines].map((cells) => cells.join(';')).join('\r\n')}\r\n`, 'win1252');
}

/**
 * NIRs nobody else uses: this run's own commune and order numbers, so that the journey creates its
 * agents even on a database that already holds those of an earlier run.
 */
const run = Date.now() % 900_000;
function nir(sexe: 1 | 2, annee: number, index: number): string {
  const commune = String(100 + Math.floor(run / 1000)).slice(-3);
  const ordre = String((run + index) % 1000).padStart(3, '0');
  return `${sexe}${String(annee).padStart(2, '0')}0375${commune}${ordre}`;
}
/** « 1 84 12 76 451 089 46 »: as the application prints a NIR, grouped, with its key (97 − NIR mod 97). */
const printed = (n: string) =>
  `${n.slice(0, 1)} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)} ${String(97 - Number(BigInt(n) % 97n)).padStart(2, '0')}`;

const AGENTS = [
  { nir: nir(2, 85, 0), nom: 'Dupont', prenom: 'Émilie', emploi: 'Policière municipale' },
  { nir: nir(2, 79, 1), nom: 'Lefèvre', prenom: 'Françoise', emploi: 'Agent d’accueil' },
  { nir: nir(2, 92, 2), nom: 'Bœuf', prenom: 'Lœtitia', emploi: 'Adjointe technique' },
];

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Fichier de la liste nominative \(CSV\)/ }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer });
}

test('importer la liste nominative, retrouver les agents, puis un fichier refusé', async ({ page }) => {
  test.slow();
  await login(page, ADMIN);
  await chooseCollectivite(page, COMMUNE);

  await test.step('Espace contractuel › Liste nominative des agents : le fichier attendu', async () => {
    await openFromMenu(page, 'Liste nominative des agents');
    const columns = page.getByRole('table', { name: 'Colonnes de la liste nominative' });
    await expect(columns.getByRole('row').filter({ hasText: 'NIR' })).toContainText('13 chiffres, clé facultative');
    await expect(page.getByText('13 chiffres pour le NIR, clé facultative')).toBeVisible();
    await expect(page.getByText('Ne renseignez pas la date de sortie de la collectivité')).toBeVisible();
    await expectNoA11yViolations(page, 'liste nominative');
  });

  await test.step('trois agents en Windows-1252 : progression puis « 3 agents créés »', async () => {
    await chooseFile(
      page,
      'liste-nominative.csv',
      windows1252Csv([
        [
          AGENTS[0]!.nir,
          AGENTS[0]!.nom,
          AGENTS[0]!.prenom,
          'CNRACL',
          'titulaire',
          '01/01/2018',
          AGENTS[0]!.emploi,
          'Brigadier',
          'complet',
        ],
        [
          AGENTS[1]!.nir,
          AGENTS[1]!.nom,
          AGENTS[1]!.prenom,
          'IRCANTEC',
          'contractuel',
          '15/09/2022',
          AGENTS[1]!.emploi,
          '',
          '17,5',
        ],
        [
          AGENTS[2]!.nir,
          AGENTS[2]!.nom,
          AGENTS[2]!.prenom,
          'CNRACL',
          'stagiaire',
          '01/03/2025',
          AGENTS[2]!.emploi,
          '',
          '28',
        ],
      ]),
    );
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    // The server's progress is shown from its first answer, then polled every second.
    const processing = page.getByRole('progressbar', { name: 'Traitement du fichier' });
    const outcome = page.getByRole('alert').filter({ hasText: 'Import terminé' });
    await expect(processing.or(outcome).first()).toBeVisible();
    await expect(outcome).toContainText('3 agents créés, 0 mis à jour, 0 inchangé');
    // What they really lack: the file gave their working time, not their birth date.
    await expect(outcome).toContainText(
      'Parmi les agents du fichier, 3 n’ont pas de date de naissance : complétez leur fiche avant de leur déclarer un sinistre.',
    );
    await expect(outcome).not.toContainText('temps de travail');
    await expect(processing).toHaveCount(0);
    const history = page.getByRole('table', { name: 'Historique des imports' });
    await expect(history.getByRole('row').filter({ hasText: 'liste-nominative.csv' }).first()).toContainText('Terminé');
    await expectNoA11yViolations(page, 'liste nominative, import terminé');
  });

  await test.step('Vos déclarations › Agents : les agents et leurs accents', async () => {
    await openFromMenu(page, 'Agents');
    const table = page.getByRole('table', { name: 'Liste des agents' });
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    for (const agent of AGENTS) {
      await search.fill(agent.prenom);
      const row = table.getByRole('row').filter({ hasText: printed(agent.nir) });
      await expect(row).toContainText(agent.prenom);
      await expect(row.getByRole('rowheader')).toHaveText(agent.nom.toLocaleUpperCase('fr-FR'));
      await expect(row).toContainText(agent.emploi);
      // The roster has no birth date: every imported agent waits to be completed.
      await expect(row).toContainText('Incomplet');
    }
    await search.fill(AGENTS[1]!.nir.slice(0, 7));
    await expect(table.getByRole('row').filter({ hasText: printed(AGENTS[1]!.nir) })).toContainText('LEFÈVRE');
    await expectNoA11yViolations(page, 'agents');
  });

  await test.step('« Exporter (CSV) » emporte la recherche et les filtres', async () => {
    await page.getByRole('combobox', { name: 'Fiche incomplète' }).selectOption('oui');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter (CSV)' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv).toContain(`${printed(AGENTS[1]!.nir)};LEFÈVRE;Françoise;IRCANTEC`);
    expect(csv).not.toContain(printed(AGENTS[0]!.nir));
  });

  await test.step('un fichier avec deux lignes fausses : rien n’est enregistré, chaque erreur est listée', async () => {
    await openFromMenu(page, 'Liste nominative des agents');
    // Enough lines for the upload to take a moment on a slowed-down line: its progress is shown.
    const valid = Array.from({ length: 3000 }, (_, i) => [
      `1700375${String(200 + Math.floor(i / 1000))}${String(i % 1000).padStart(3, '0')}`,
      'Martin',
      'Jérôme',
      'CNRACL',
      'titulaire',
      '01/09/2010',
      'Agent d’entretien',
      '',
      'complet',
    ]);
    valid.splice(1, 0, ['12345', 'Petit', 'Noël', 'CNRACL', 'titulaire', '01/01/2019', '', '', '']);
    valid.splice(4, 0, ['1990375123456', 'Durand', 'Hélène', 'CNRACL', 'titulaire', '31/02/2020', '', '', '']);
    await chooseFile(page, 'liste-avec-erreurs.csv', windows1252Csv(valid));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 64 * 1024,
    });
    await page.getByRole('button', { name: 'Importer le fichier' }).click();
    const sending = page.getByRole('progressbar', { name: 'Envoi du fichier' });
    await expect(sending).toBeVisible();
    await expect(sending).toHaveAttribute('aria-valuenow', /^\d+$/);
    await expect(sending).toHaveCount(0, { timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    const refused = page.getByRole('alert').filter({ hasText: 'Fichier refusé' });
    await expect(refused).toContainText('Aucun agent n’a été enregistré : le fichier contient 2 erreurs');
    const errors = page.getByRole('table', { name: 'Erreurs du fichier liste-avec-erreurs.csv' });
    await expect(errors.getByRole('row')).toHaveCount(3);
    // Line numbers as the spreadsheet shows them: the header is line 1.
    for (const [index, ligne, colonne, message] of [
      [1, '3', 'NIR', 'Le NIR comporte 13 chiffres'],
      [2, '6', 'Date d’entrée', 'Date « 31/02/2020 » invalide'],
    ] as const) {
      const row = errors.getByRole('row').nth(index);
      await expect(row.getByRole('rowheader')).toHaveText(ligne);
      await expect(row.getByRole('cell').nth(0)).toHaveText(colonne);
      await expect(row.getByRole('cell').nth(1)).toContainText(message);
    }
    await expectNoA11yViolations(page, 'liste nominative, fichier refusé');
  });

  await test.step('l’historique garde le résultat, erreurs comprises', async () => {
    const history = page.getByRole('table', { name: 'Historique des imports' });
    const row = history.getByRole('row').filter({ hasText: 'liste-avec-erreurs.csv' }).first();
    await expect(row).toContainText('Refusé');
    await expect(row).toContainText('2 erreurs : aucun agent enregistré');
    await row.getByRole('button', { name: /^Consulter l’import de liste-avec-erreurs\.csv/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Résultat de l’import de liste-avec-erreurs\.csv/ });
    await expect(dialog.getByRole('table', { name: 'Erreurs du fichier liste-avec-erreurs.csv' })).toBeVisible();
    await expectNoA11yViolations(page, 'liste nominative, détail d’un import');
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
    await expect(dialog).toBeHidden();
  });
});

test('un lecteur télécharge le modèle mais n’importe pas', async ({ page }) => {
  await login(page, LECTEUR);
  await openFromMenu(page, 'Liste nominative des agents');
  await expect(page.getByRole('heading', { name: 'Importer le fichier' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Importer le fichier' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger le modèle' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('modele-liste-nominative.csv');
  const template = await readFile((await file.path())!, 'utf8');
  // The roster's columns, then those that complete the agents (the export's, read back by the import).
  expect(template.replace(/^\uFEFF/, '').trim()).toBe(
    [...HEADER, 'Nom d’usage', 'Date de naissance', 'Service'].join(';'),
  );
  await openFromMenu(page, 'Agents');
  await expect(page.getByRole('link', { name: 'Importer une liste nominative' })).toHaveCount(0);
});

test.describe('zoom à 200 % (écran de 1280 px de large)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('la liste nominative et les agents restent utilisables, sans défilement horizontal', async ({ page }) => {
    await login(page, ADMIN);
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await chooseCollectivite(page, COMMUNE);
    await mainMenu(page).getByRole('link', { name: 'Liste nominative des agents' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Liste nominative des agents' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Importer le fichier' })).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), 'la liste nominative défile horizontalement').toBe(true);
    await expectNoA11yViolations(page, 'liste nominative à 200 %');
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await mainMenu(page).getByRole('link', { name: 'Agents', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), 'la liste des agents défile horizontalement').toBe(true);
    await expectNoA11yViolations(page, 'agents à 200 %');
  });
});
