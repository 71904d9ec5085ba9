import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expectNoA11yViolations } from './support/a11y';
import { LECTEUR, login, mainMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 12: the Lecteur of the Commune de Belleville-sur-Arvelle (demo: 40 agents, three years of arrêts)
 * reads its absenteeism dashboard, opens how the taux is computed, switches to the year 2024, reads the
 * monthly curve's table, reads the 90-day forecast (who passes to half pay, whose rights end), exports the
 * tables as XLSX and downloads the annual report (PDF).
 */
test('la collectivité lit ses statistiques d’absentéisme, ouvre une explication, change de période et les exporte', async ({
  page,
}) => {
  test.slow();
  await login(page, LECTEUR);
  await mainMenu(page).getByRole('link', { name: 'Statistiques', exact: true }).click();
  // The page and its charts come as a separate chunk, loaded on this first visit.
  await expect(page.getByRole('heading', { level: 1, name: 'Statistiques' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('navigation', { name: 'Fil d’Ariane' })).toContainText('Accueil');
  const annee = new Date().getFullYear();
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(`^Indicateurs — année ${annee}`) }),
  ).toBeVisible();
  const taux = page.getByRole('article', { name: 'Taux d’absentéisme' });
  await expect(taux).toContainText(/\d+,\d\d\s%/);
  await expect(taux).toContainText(/Référence nationale : 9,8\s%.*Relyens/);
  await expectNoA11yViolations(page, 'statistiques de l’année en cours');

  await test.step('« Comment est-ce calculé ? » du taux, au clavier', async () => {
    const bouton = taux.getByRole('button', { name: 'Comment est-ce calculé ?' });
    await bouton.focus();
    await page.keyboard.press('Enter');
    await expect(bouton).toHaveAttribute('aria-expanded', 'true');
    await expect(taux).toContainText(/jours? d’arrêt × 100 \/ \d[\d\s]* jours de présence des agents = \d+,\d\d\s%/);
  });

  await test.step('l’année 2024, comparée à 2023', async () => {
    await page.getByRole('combobox', { name: 'Année' }).click();
    await page.getByRole('option', { name: '2024' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Indicateurs — année 2024' })).toBeVisible();
    await expect(taux).toContainText('Période précédente (du 01/01/2023 au 31/12/2023)');
    // The CDG's stratum, from the aggregates the job computes at start-up (or said not computed yet).
    await expect(taux).toContainText(
      /Moyenne des collectivités de la même strate du CDG \(.*\) : .* ; rang : |pas encore été agrégés/,
    );
    const motifs = page.getByRole('table', {
      name: /^Par motif : jours d’arrêt, arrêts et agents absents, année 2024/,
    });
    await expect(motifs.getByRole('row', { name: /Maladie ordinaire/ })).toContainText(/\d+,\d\s%/);
    await expectNoA11yViolations(page, 'statistiques 2024');
  });

  await test.step('la courbe mensuelle et son tableau', async () => {
    const courbe = page.getByRole('region', { name: 'Taux d’absentéisme mois par mois' });
    await courbe.getByRole('button', { name: 'Voir le tableau' }).click();
    const tableau = courbe.getByRole('table', { name: /Taux d’absentéisme mensuel, année 2024/ });
    await expect(tableau).toBeVisible();
    await expect(tableau.getByRole('row')).toHaveCount(13);
    await expect(tableau.getByRole('rowheader').first()).toHaveText('janv. 2024');
    await expectNoA11yViolations(page, 'courbe mensuelle et son tableau');
  });

  await test.step('export XLSX des tableaux', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter (XLSX)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('statistiques-2024-01-01-2024-12-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await file.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Statistiques')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Tableau');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const ligneTaux = rows.find((r) => r[1] === 'Taux d’absentéisme')!;
    expect(typeof ligneTaux[2]).toBe('number');
    expect(rows.some((r) => r[0] === 'Par motif')).toBe(true);
    expect(rows.filter((r) => r[0] === 'Taux mensuel')).toHaveLength(12);
  });

  await test.step('le rapport annuel 2024 en PDF', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Rapport annuel (PDF)' }).click();
    const file = await download;
    // The server's name: the year and the collectivité, in ASCII.
    expect(file.suggestedFilename()).toBe('rapport-absenteisme-2024-commune-de-belleville-sur-arvelle.pdf');
    const pdf = await readFile((await file.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByRole('button', { name: 'Rapport annuel (PDF)' })).toBeEnabled();
  });

  await test.step('les prévisions à 90 jours : qui passe à demi-traitement, quels droits finissent', async () => {
    const prevision = page.getByRole('region', { name: 'Prévisions à 90 jours' });
    await expect(prevision).toContainText('les arrêts connus aujourd’hui vont jusqu’à leur fin prévue');
    await expect(prevision).toContainText(/Traitement maintenu attendu\s*\d[\d\s]*,\d\d\s€/);
    // The demo places three arrêts around the day it is loaded (packages/server/src/demo/statistiques.ts).
    const tableau = prevision.getByRole('table', {
      name: /^Agents dont le traitement change d’ici au \d\d\/\d\d\/\d{4}/,
    });
    await expect(tableau.getByRole('row', { name: /PRÉVOST Sophie/ })).toContainText('Maladie ordinaire');
    const roussel = tableau.getByRole('row', { name: /ROUSSEL Marc/ });
    await expect(roussel).toContainText('Demi-traitement');
    await expect(roussel).toContainText(/\d\d\/\d\d\/\d{4}\s*si l’arrêt est prolongé/);
    const bouton = prevision.getByRole('button', { name: 'Comment est-ce calculé ?' });
    await bouton.focus();
    await page.keyboard.press('Enter');
    await expect(bouton).toHaveAttribute('aria-expanded', 'true');
    await expect(prevision).toContainText('90 jours de plein traitement sur l’année glissante');
    await expectNoA11yViolations(page, 'prévisions à 90 jours');
    // Each line leads to its sinistre; back to the dashboard after.
    await tableau
      .getByRole('row', { name: /PRÉVOST Sophie/ })
      .getByRole('link')
      .click();
    await expect(page).toHaveURL(/\/sinistres\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('main')).toContainText('PRÉVOST');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Statistiques' })).toBeVisible();
  });
});
