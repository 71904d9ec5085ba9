import { readFile } from 'node:fs/promises';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN_CC, login, logoutButton } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 10: the back office pays the demo's waiting décompte (Gaëlle BŒUF's illness, October) in a
 * run of November, validates it, puts it in payment with its SEPA file and marks it paid; the
 * communauté de communes then finds it beside the demo's earlier payment and exports them.
 * The engine costs October at 724,68 € (201 300 × 12/30 × 0,9, after the carence and the franchise);
 * with the demo accident's medical fee (30,00 €) the run pays 754,68 €; when the décomptes journey has
 * validated November (245,84 €) first, 1 000,52 €.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

test('a run is prepared, validated, put in payment and paid; the employer reads and exports it', async ({ page }) => {
  test.slow();
  await login(page, GESTIONNAIRE);
  await page.goto('/gestion/reglements');
  await expect(page.getByRole('heading', { level: 1, name: 'Règlements' })).toBeVisible();
  await expectNoA11yViolations(page, 'règlements du back-office');

  await test.step('prepare the run of the previous month', async () => {
    await page.getByRole('button', { name: 'Préparer les règlements' }).click();
    await expect(page.getByText(/1 règlement créé/)).toBeVisible();
  });
  const table = page.getByRole('region', { name: 'Règlements des collectivités' });
  const row = table.getByRole('row').filter({ hasText: 'Calculé' }).first();
  const numero = (await row.getByRole('link').first().textContent())!.trim();
  expect(numero).toMatch(/^R-\d{4}-\d{6}$/);
  // The demo's validated, unpaid décomptes: Mme BŒUF's October (724,68 €) and the accident's medical
  // fee (30,00 €), plus her November (245,84 €) when the décomptes journeys validated it first.
  await expect(row).toContainText(/754,68|1\s000,52/);

  await test.step('validate, put in payment, download the SEPA file, mark paid', async () => {
    await row.getByRole('button', { name: `Valider ${numero}` }).click();
    await expect(page.getByText(`Le règlement ${numero} est validé.`)).toBeVisible();
    const line = table.getByRole('row').filter({ hasText: numero });
    await line.getByRole('checkbox', { name: `Sélectionner le règlement ${numero}` }).check();
    await page.getByRole('button', { name: /Mettre en paiement \(1 règlement\)/ }).click();
    const status = page.getByRole('status').filter({ hasText: 'télécharger le fichier SEPA' });
    await expect(status).toBeVisible();
    const download = page.waitForEvent('download');
    await status.getByRole('link').click();
    const xml = await readFile((await (await download).path())!, 'utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(xml).toContain(`<EndToEndId>${numero}</EndToEndId>`);
    expect(xml).toMatch(/<InstdAmt Ccy="EUR">(754\.68|1000\.52)<\/InstdAmt>/);
    await line.getByRole('button', { name: `Marquer ${numero} payé` }).click();
    await expect(line).toContainText('Payé');
    await expectNoA11yViolations(page, 'règlement payé');
  });

  await logoutButton(page).click();
  await login(page, ADMIN_CC);
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Derniers règlements' })).toContainText(numero);
  await page.goto('/reglements');
  const list = page.getByRole('region', { name: 'Vos règlements' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expectNoA11yViolations(page, 'vos règlements');

  await test.step('export as CSV: amounts are numbers', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('reglements.csv');
    const csv = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split(/\r\n/)[0]).toContain('Règlement;Statut;Payé le');
    expect(csv).toContain(`${numero};Payé;`);
    // One line per décompte paid, amounts as numbers.
    expect(csv).toMatch(/;Indemnités journalières;01\/10\/2026;31\/10\/2026;724,68;0,00;724,68\r\n/);
    expect(csv).toMatch(/;Frais médicaux;[^;]+;[^;]+;30,00;0,00;30,00\r\n/);
  });

  await test.step('the règlement’s décomptes', async () => {
    await list.getByRole('link', { name: numero }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Règlement ${numero}` })).toBeVisible();
    await expect(page.getByRole('region', { name: `Décomptes du règlement ${numero}` })).toContainText('BŒUF');
    await expectNoA11yViolations(page, 'détail d’un règlement');
  });
});
