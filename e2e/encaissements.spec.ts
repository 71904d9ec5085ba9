import { expectNoA11yViolations } from './support/a11y';
import { login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the CDG's gestionnaire deposits a bank statement (CSV), reads how each line was matched
 * with the contribution calls — here a transfer citing no call, « Inconnue », and a debit left aside —
 * and finds the import in the history.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

test('le gestionnaire dépose un relevé bancaire et lit le rapprochement de chaque ligne', async ({ page }) => {
  await login(page, GESTIONNAIRE);
  await page.getByRole('navigation').getByRole('link', { name: 'Encaissements' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Encaissements des cotisations' })).toBeVisible();
  const csv = 'Date;Libellé;Montant\n02/02/2026;VIR MAIRIE SANS REFERENCE;1250,00\n03/02/2026;Frais bancaires;-12,00\n';
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Relevé bancaire \(CSV ou CAMT\.053\)/ }).click();
  await (await chooser).setFiles({ name: 'releve-fevrier.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Rapprocher le relevé' }).click();
  const table = page.getByRole('table', { name: 'Lignes du relevé releve-fevrier.csv' });
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toContainText('VIR MAIRIE SANS REFERENCE');
  await expect(table.locator('tbody tr').first()).toContainText('Inconnue');
  await expect(page.getByText('1 débit ignoré')).toBeVisible();
  // Nothing to record: the button says so by being disabled.
  await expect(page.getByRole('button', { name: 'Enregistrer les paiements rapprochés' })).toBeDisabled();
  await expect(page.getByRole('table', { name: 'Historique des relevés importés' })).toContainText(
    'releve-fevrier.csv',
  );
  await expectNoA11yViolations(page);
});
