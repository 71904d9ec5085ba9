import { expectNoA11yViolations } from './support/a11y';
import { LECTEUR, login, mainMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 12, the Rapport social unique: the Lecteur of the Commune de Belleville-sur-Arvelle (demo: 40
 * agents, titulaires and contractuels, three years of arrêts) reads the absences tables of last year,
 * switches to the arrêts' table, copies it with the keyboard and gets in the clipboard the tab-separated
 * text a spreadsheet or the « Données sociales » portal takes.
 */
test('la collectivité lit les tableaux des absences de son RSU et les copie pour le portail', async ({
  page,
  context,
  baseURL,
}) => {
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await login(page, LECTEUR);
  await mainMenu(page).getByRole('link', { name: 'Statistiques', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistiques' })).toBeVisible({ timeout: 30_000 });
  const rsu = page.getByRole('region', { name: 'Rapport social unique : absences' });
  const annee = new Date().getFullYear() - 1;
  await expect(rsu.getByRole('combobox', { name: 'Exercice du RSU' })).toHaveValue(String(annee));

  const jours = rsu.getByRole('table', {
    name: `Rapport social unique, absences : nombre de jours d’absence (jours calendaires) par motif, statut et sexe, année ${annee}`,
  });
  await expect(jours).toBeVisible();
  await expect(jours.getByRole('columnheader', { name: 'Fonctionnaires (titulaires et stagiaires)' })).toBeVisible();
  await expect(jours.getByRole('row', { name: /^Autres raisons/ })).toContainText('non suivi par Statutis');
  // The demo's year holds ordinary illness: a number of days in the « Ensemble » column.
  const mo = jours.getByRole('row', { name: /^Maladie ordinaire/ });
  const totalMo = Number(((await mo.getByRole('cell').last().textContent()) ?? '').replace(/\s/g, ''));
  expect(totalMo).toBeGreaterThan(0);
  await expect(rsu).toContainText('Statutis ne distingue pas les contractuels sur emploi permanent');
  await expectNoA11yViolations(page, 'RSU : jours d’absence');

  await test.step('le tableau des jours, copié au clavier', async () => {
    const copier = rsu.getByRole('button', { name: /^Copier le tableau/ });
    await copier.focus();
    await page.keyboard.press('Enter');
    await expect(rsu.getByRole('status')).toContainText(
      `Tableau « Nombre de jours d’absence (jours calendaires) » ${annee} copié`,
    );
    const texte = await page.evaluate(() => navigator.clipboard.readText());
    const lignes = texte.split('\r\n');
    expect(lignes[0]?.split('\t')[0]).toBe('Motif');
    expect(lignes[1]).toContain('\tHommes\tFemmes\t');
    const ligneMo = lignes.find((l) => l.startsWith('Maladie ordinaire\t'))!.split('\t');
    // Numbers without separators, the same as on screen.
    expect(Number(ligneMo.at(-1))).toBe(totalMo);
    expect(lignes.find((l) => l.startsWith('Autres raisons\t'))).toContain('non suivi par Statutis');
  });

  await test.step('le tableau des arrêts de l’année précédente', async () => {
    await rsu.getByRole('combobox', { name: 'Tableau' }).click();
    await page.getByRole('option', { name: 'Nombre d’arrêts' }).click();
    await rsu.getByRole('combobox', { name: 'Exercice du RSU' }).click();
    await page.getByRole('option', { name: String(annee - 1), exact: true }).click();
    const arrets = rsu.getByRole('table', {
      name: new RegExp(`nombre d’arrêts par motif, statut et sexe, année ${annee - 1}$`),
    });
    await expect(arrets).toBeVisible();
    await expect(rsu.getByRole('status')).toBeEmpty();
    await rsu.getByRole('button', { name: 'Copier le tableau : nombre d’arrêts' }).click();
    await expect(rsu.getByRole('status')).toContainText(`Tableau « Nombre d’arrêts » ${annee - 1} copié`);
    const texte = await page.evaluate(() => navigator.clipboard.readText());
    const total = texte
      .split('\r\n')
      .find((l) => l.startsWith('Total (hors autres raisons)\t'))!
      .split('\t');
    const totalEcran = await arrets
      .getByRole('row', { name: /^Total/ })
      .getByRole('cell')
      .last()
      .textContent();
    expect(total.at(-1)).toBe((totalEcran ?? '').replace(/\s/g, ''));
    await expectNoA11yViolations(page, 'RSU : arrêts, copie confirmée');
  });
});
