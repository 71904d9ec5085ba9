import { expectNoA11yViolations } from './support/a11y';
import { COMMUNE, chooseCollectivite, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 12: the collectivité's Administrateur opens the formula simulator, keeps the current formula
 * pre-filled from the contracts (CNRACL and IRCANTEC, both in force), adds a second one (no MO
 * franchise, 10 days on accidents, 90 %, late declarations refused after 120 days, a rate per
 * regime), runs both over both regimes and reads the progress, the comparison (one line per
 * formula, the detail per year, the split per regime) and the chart. Then the CDG's gestionnaire runs
 * the same simulator over his whole CDG and follows its progress.
 */
const ADMIN = 'admin@demo.statutis.fr';
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const MONTANT = /\d[\d\s\u202f]*,\d\d\s€/;

// Two simulations and two axe runs each: more than the default on a loaded machine.
test.describe.configure({ timeout: 240_000 });

test('l’administrateur compare deux formules sur ses trois dernières années', async ({ page }) => {
  await login(page, ADMIN);
  // The commune: three years of arrêts, one of them received late (the demo's).
  await chooseCollectivite(page, COMMUNE);
  await page.getByRole('navigation').getByRole('link', { name: 'Simulateur de formules' }).click();
  // The page and its charts load on demand: on a loaded machine, more than the default.
  await expect(page.getByRole('heading', { level: 1, name: 'Simulateur de formules' })).toBeVisible({
    timeout: 60_000,
  });
  // The current formula comes from the contracts in force: both regimes are ticked, each with its rate.
  const premiere = page.getByRole('group', { name: /^Formule 1 :/ });
  await expect(premiere.getByRole('textbox', { name: 'Nom de la formule' })).toHaveValue(/Formule actuelle/);
  await expect(page.getByRole('checkbox', { name: 'CNRACL (fonctionnaires)' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'IRCANTEC (contractuels)' })).toBeChecked();
  await expect(premiere.getByRole('textbox', { name: /Taux de cotisation IRCANTEC/ })).toHaveValue('1,10');
  // Keep one formula, then add another: no franchise, 90 %, 7,95 %.
  const retirer = page.getByRole('button', { name: 'Retirer la formule 2' });
  if (await retirer.isVisible()) await retirer.click();
  await page.getByRole('button', { name: 'Ajouter une formule' }).click();
  const seconde = page.getByRole('group', { name: /^Formule 2 :/ });
  await seconde.getByRole('textbox', { name: 'Nom de la formule' }).fill('Sans franchise à 90 %');
  await seconde.getByRole('combobox', { name: 'Franchise en maladie ordinaire' }).click();
  await page.getByRole('option', { name: 'Aucune' }).click();
  await seconde.getByRole('radio', { name: '90 %' }).check();
  await seconde.getByRole('textbox', { name: /Taux de cotisation CNRACL/ }).fill('7,95');
  await seconde.getByRole('textbox', { name: /Taux de cotisation IRCANTEC/ }).fill('1,50');
  await seconde.getByRole('combobox', { name: 'Franchise : accident de service / du travail' }).click();
  await page.getByRole('option', { name: '10 jours' }).click();
  await seconde.getByRole('combobox', { name: 'Déclaration tardive' }).click();
  await page.getByRole('option', { name: 'Refus de prise en charge' }).click();
  await seconde.getByRole('combobox', { name: 'Délai de déclaration' }).click();
  await page.getByRole('option', { name: '120 jours' }).click();
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: 'Lancer la simulation' }).click();
  const table = page.getByRole('table', { name: 'Comparaison des formules sur les trois années' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const lignes = table.locator('tbody tr');
  await expect(lignes).toHaveCount(2);
  await expect(lignes.nth(0).locator('th')).toContainText('Formule actuelle');
  await expect(lignes.nth(1).locator('th')).toContainText('Sans franchise à 90 %');
  await expect(lignes.nth(1)).toContainText(MONTANT);
  await expect(lignes.nth(1)).toContainText(/%|—/);
  // The progress the server streamed, complete, and the split per regime.
  await expect(page.getByRole('progressbar', { name: 'Avancement de la simulation' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expect(page.getByText('Simulation terminée : 100 % — 1 collectivité rejouée sur 1.')).toBeVisible();
  await expect(page.getByText(/\(CNRACL et IRCANTEC\)/)).toBeVisible();
  // The second formula's rule: the demo's prolongation received 150 days after its start (past 120) is refused.
  await expect(
    page.getByText(
      /^Jours d’arrêt non pris en charge pour déclaration tardive : .* ; Sans franchise à 90 % : [1-9][\d\s\u202f]*\.$/,
    ),
  ).toBeVisible();
  const parRegime = page.getByRole('table', { name: 'Répartition par régime sur les trois années' });
  await expect(parRegime.locator('tbody tr')).toHaveCount(4);
  await expect(parRegime.locator('tbody tr').nth(3).locator('th')).toHaveText('Sans franchise à 90 % — IRCANTEC');

  // The detail per year of the second formula: three more lines.
  const detail = lignes.nth(1).getByRole('button', { name: /détail par année/i });
  await detail.click();
  await expect(detail).toHaveAttribute('aria-expanded', 'true');
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(page.getByRole('img', { name: /Graphique : primes, remboursements et reste à charge/ })).toBeVisible();
  await expect(page.getByText(/Reste à charge = salaire maintenu − remboursements \+ primes/)).toBeVisible();
  await expectNoA11yViolations(page);
});

test('le gestionnaire simule une formule sur tout son centre de gestion', async ({ page }) => {
  await login(page, GESTIONNAIRE);
  await page.goto('/gestion/simulateur');
  // The page and its charts load on demand: on a loaded machine, more than the default.
  await expect(page.getByRole('heading', { level: 1, name: 'Simulateur de formules' })).toBeVisible({
    timeout: 60_000,
  });
  await page.getByRole('radio', { name: 'Tout le centre de gestion' }).check();
  await expect(page.getByRole('group', { name: /^Formule 1 :/ })).toBeVisible();
  await page.getByRole('button', { name: 'Lancer la simulation' }).click();
  const table = page.getByRole('table', { name: 'Comparaison des formules sur les trois années' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/collectivités?, \d+ agents? arrêtés?/).first()).toBeVisible();
  // Every collectivité of the CDG was replayed, as the streamed progress says.
  await expect(page.getByText(/^Simulation terminée : 100 % — (\d+) collectivités rejouées sur \1\.$/)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Avancement de la simulation' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expectNoA11yViolations(page);
});
