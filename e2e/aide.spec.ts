import { expectNoA11yViolations } from './support/a11y';
import { LECTEUR, login } from './support/session';

const PLATEFORME = 'plateforme@demo.statutis.fr';

import { expect, test } from './support/test';

test('un lecteur cherche dans la FAQ sans accents et ouvre le guide depuis le « ? » d’une page', async ({ page }) => {
  await login(page, LECTEUR);

  await test.step('« ? » de la liste des agents mène à la partie « Agents » du guide', async () => {
    await page.goto('/declarations/agents');
    await page.getByRole('link', { name: 'Aide sur cette page' }).click();
    await expect(page).toHaveURL(/\/guides\/aide#aide-agents$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Aide' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Agents' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 4, name: 'Les agents' })).toBeVisible();
  });

  await test.step('« arret » trouve « Arrêt », et le nombre de réponses est annoncé', async () => {
    await page.getByLabel('Rechercher dans la FAQ').fill('prolongation ou RECHUTE');
    await expect(
      page.getByRole('heading', { level: 3, name: 'Prolongation ou rechute : comment choisir ?' }),
    ).toBeVisible();
    await page.getByLabel('Rechercher dans la FAQ').fill('VOLET 1');
    await expect(page.getByRole('status').filter({ hasText: /question/ })).toHaveText(/^\d+ questions?$/);
    await expect(
      page.getByRole('heading', {
        level: 3,
        name: 'Pourquoi ne faut-il pas envoyer le volet 1 de l’arrêt de travail ?',
      }),
    ).toBeVisible();
    await expectNoA11yViolations(page, 'aide');
  });
});

test('l’administrateur de la plateforme rédige une question ; le HTML saisi reste du texte', async ({ page }) => {
  // A unique word keeps the journey independent of what earlier runs left in the shared demo database.
  const mot = `Essai${Date.now()}`;
  await login(page, PLATEFORME);
  await page.goto('/guides/aide');
  await page.getByRole('button', { name: '+ Ajouter une question' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter une question' });
  await dialog.getByRole('textbox', { name: 'Question' }).fill(`Question ${mot} sur l’Arrêt`);
  await dialog
    .getByRole('textbox', { name: 'Réponse' })
    .fill('Réponse **importante** <img src=x onerror="window.piege=1"> [clic](javascript:window.piege=2)');
  const apercu = dialog.getByRole('region', { name: 'Aperçu de la réponse' });
  await expect(apercu.locator('strong')).toHaveText('importante');
  await expect(apercu).toContainText('<img src=x onerror="window.piege=1">');
  await expectNoA11yViolations(page, 'aide, rédaction d’une question');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Rechercher dans la FAQ').fill(`${mot.toLowerCase()} sur l'arret`.replace("'", '’'));
  const article = page.getByRole('article', { name: `Question ${mot} sur l’Arrêt` });
  await expect(article).toContainText('onerror');
  await expect(article.locator('img')).toHaveCount(0);
  await expect(article.getByRole('link')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { piege?: number }).piege)).toBeUndefined();

  await article.getByRole('button', { name: `Modifier la question « Question ${mot} sur l’Arrêt »` }).click();
  const edition = page.getByRole('dialog', { name: 'Modifier la question' });
  await edition.getByRole('textbox', { name: 'Réponse' }).fill('Réponse corrigée.');
  await edition.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(article).toContainText('Réponse corrigée.');
});
