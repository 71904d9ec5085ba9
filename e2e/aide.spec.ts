import { expectNoA11yViolations } from './support/a11y';
import { LECTEUR, login } from './support/session';
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
