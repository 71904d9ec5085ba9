import type { Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { waitForMail } from './support/mailbox';
import { ADMIN_CC, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 10, medical fees: the employer enters a physiotherapy invoice with its file on the demo's
 * accident de service (Pierre MARTIN, communauté de communes), the CDG's gestionnaire validates it in
 * his file page, and the employer finds it validated — with the mail.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function asUser(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

/** Today in France, as the form takes it: « 07/12/2026 ». */
const aujourdhui = () =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());

test('l’employeur saisit une facture de soins, le gestionnaire la valide, l’employeur la voit validée', async ({
  browser,
}) => {
  test.slow();
  // A name of this run only: the demo's fees and earlier runs' stay apart.
  const cabinet = `Cabinet Kiné ${Date.now().toString(36)}`;
  const employeur = await asUser(browser, ADMIN_CC);
  const found = await employeur.request.get('/api/sinistres', { params: { categorie: 'accident_service' } });
  const sinistres = ((await found.json()) as { items: { id: string; numero: string; agentNom: string }[] }).items;
  const accident = sinistres.find((s) => s.agentNom === 'MARTIN')!;
  expect(accident, JSON.stringify(sinistres)).toBeDefined();

  await test.step('l’employeur saisit la facture avec son fichier', async () => {
    await employeur.goto(`/declarations/sinistres/${accident.id}#frais-medicaux`);
    const section = employeur.getByRole('region', { name: 'Frais médicaux' });
    await expect(section).toBeVisible();
    await expectNoA11yViolations(employeur, 'frais médicaux, page du sinistre');
    // Sent empty: each field says what it needs, nothing leaves the browser.
    await section.getByRole('button', { name: 'Enregistrer la facture' }).click();
    await expect(section.getByText('Praticien ou établissement : champ obligatoire.')).toBeVisible();
    await expect(section.getByText('Choisissez un fichier.')).toBeVisible();

    await section.getByRole('textbox', { name: 'Date des soins' }).fill(aujourdhui());
    await employeur.keyboard.press('Escape');
    await section.getByRole('combobox', { name: 'Nature des soins' }).selectOption({ label: 'Kinésithérapie' });
    await section.getByRole('textbox', { name: 'Praticien ou établissement' }).fill(cabinet);
    await section.getByRole('textbox', { name: 'Montant facturé' }).fill('1 234,56');
    await section.getByRole('radio', { name: 'Le praticien directement' }).check();
    await section.getByRole('textbox', { name: 'Nom du praticien à payer' }).fill(cabinet);
    await section.getByRole('textbox', { name: 'IBAN du praticien' }).fill('FR76 3000 6000 0112 3456 7890 188');
    const chooser = employeur.waitForEvent('filechooser');
    await section.getByRole('button', { name: 'Facture (fichier)' }).click();
    await (await chooser).setFiles({ name: 'facture-kine.pdf', mimeType: 'application/pdf', buffer: PDF });
    await section.getByRole('button', { name: 'Enregistrer la facture' }).click();
    await expect(
      section.getByText(
        'IBAN du praticien invalide : recopiez-le depuis son RIB (en France, 27 caractères commençant par FR76…).',
      ),
    ).toBeVisible();
    await expectNoA11yViolations(employeur, 'frais médicaux, IBAN refusé');
    await section.getByRole('textbox', { name: 'IBAN du praticien' }).fill('FR76 3000 6000 0112 3456 7890 189');
    await section.getByRole('button', { name: 'Enregistrer la facture' }).click();
    const carte = section.getByRole('listitem').filter({ hasText: cabinet });
    await expect(carte.getByText('En attente de validation', { exact: true })).toBeVisible();
    await expect(carte.getByRole('link', { name: 'facture-kine.pdf' })).toBeVisible();
    await expect(carte).toContainText('IBAN FR76 3000 6000 0112 3456 7890 189');
  });

  await test.step('le gestionnaire valide la facture dans son dossier', async () => {
    const gestion = await asUser(browser, GESTIONNAIRE);
    await gestion.goto(`/gestion/sinistres/${accident.id}`);
    await expect(gestion.getByRole('heading', { level: 1, name: `Sinistre n° ${accident.numero}` })).toBeVisible();
    const section = gestion.getByRole('region', { name: 'Frais médicaux' });
    const carte = section.getByRole('listitem').filter({ hasText: cabinet });
    await expect(carte).toBeVisible();
    await expectNoA11yViolations(gestion, 'frais médicaux, dossier du gestionnaire');
    await carte.getByRole('button', { name: /^Valider la facture Kinésithérapie du / }).click();
    await expect(carte.getByText('Validée', { exact: true })).toBeVisible();
    await expect(carte).toContainText('par Centre de gestion — Nadia MOREAU');
    await expect(carte.getByRole('button', { name: /^Valider/ })).toHaveCount(0);
  });

  await test.step('l’employeur la voit validée, et il en est prévenu', async () => {
    const mail = await waitForMail(ADMIN_CC, `Frais médicaux validés : sinistre n° ${accident.numero}`);
    expect(mail.text).toContain('a été validée par Centre de gestion — Nadia MOREAU');
    await employeur.reload();
    const section = employeur.getByRole('region', { name: 'Frais médicaux' });
    const carte = section.getByRole('listitem').filter({ hasText: cabinet });
    await expect(carte.getByText('Validée', { exact: true })).toBeVisible();
    await expectNoA11yViolations(employeur, 'frais médicaux validés');
  });
});
