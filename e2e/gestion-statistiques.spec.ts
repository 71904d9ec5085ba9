import { readFile } from 'node:fs/promises';
import { expectNoA11yViolations } from './support/a11y';
import { COMMUNE, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 12: the CDG's gestionnaire compares the absenteeism of its collectivités (figures precomputed by
 * the job that runs at start-up, their time on screen), sorts them and drills down to one collectivité's
 * own dashboard, whose annual report (PDF) he downloads.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

test('le gestionnaire du CDG compare ses collectivités et ouvre le tableau de bord de l’une', async ({ page }) => {
  await login(page, GESTIONNAIRE);
  // The collectivité's own « Statistiques » is in the menu too: the CDG's is under « Gestion ».
  await page
    .getByRole('navigation')
    .getByRole('list', { name: 'Gestion' })
    .getByRole('link', { name: 'Statistiques', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistiques d’absentéisme' })).toBeVisible();
  // The job computes the demo's aggregates at start-up: reload until their time is shown.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('status').filter({ hasText: /^Chiffres au \d\d\/\d\d\/\d{4} à \d\d:\d\d/ }),
    ).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 90_000 });

  // The CDG's tiles with the national reference, the strata table beside its chart.
  await expect(page.getByRole('article', { name: 'Taux d’absentéisme' })).toContainText('Référence nationale');
  await expect(page.getByRole('table', { name: /Taux d’absentéisme de chaque strate/ })).toBeVisible();
  const table = page.getByRole('table', { name: /Collectivités du centre de gestion/ });
  const rows = table.locator('tbody tr');
  // The demo's three collectivités, and those other journeys may have added to the CDG before this one.
  await expect(table).toContainText(COMMUNE);
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expectNoA11yViolations(page);

  // Maternity counted on demand, as on a collectivité's page: said beside the figures' time, and the
  // national reference is no longer the one « hors maternité ».
  const taux = page.getByRole('article', { name: 'Taux d’absentéisme' });
  await expect(taux).toContainText('hors maternité');
  await page.getByRole('checkbox', { name: 'Inclure maternité, paternité et adoption' }).check();
  await expect(
    page.getByRole('status').filter({ hasText: 'maternité, paternité et adoption comprises.' }),
  ).toBeVisible();
  await expect(taux).not.toContainText('hors maternité');

  // Sorted by collectivité: the header says so.
  const header = table.getByRole('columnheader', { name: 'Collectivité' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const noms = (await rows.locator('th').allInnerTexts()).map((n) => n.trim());
  expect(noms).toEqual([...noms].sort((a, b) => a.localeCompare(b, 'fr')));

  // Drill down: the collectivité becomes the current one and its own dashboard opens.
  await rows
    .first()
    .getByRole('button', { name: `Tableau de bord de ${noms[0]}` })
    .click();
  await expect(page).toHaveURL(/\/statistiques$/);
  await expect(page.getByText(`Vous consultez maintenant l’espace de « ${noms[0]} ».`)).toBeVisible();

  // The collectivité's annual report, built for him (small numbers hidden), from its page.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Rapport annuel (PDF)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    new RegExp(`^rapport-absenteisme-${new Date().getFullYear()}-[a-z0-9-]+\\.pdf$`),
  );
  expect((await readFile((await file.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('le personnel d’un assureur ne voit pas les statistiques réservées au centre de gestion', async ({ page }) => {
  await login(page, 'assureur@demo.statutis.fr');
  const menu = page.getByRole('navigation');
  // His other back-office pages are there, the CDG's statistics are not (the endpoint would answer 403).
  await expect(menu.getByRole('link', { name: 'Rapport S/P' })).toBeVisible();
  await expect(menu.locator('a[href="/gestion/statistiques"]')).toHaveCount(0);
});
