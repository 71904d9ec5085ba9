import type { APIRequestContext } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN_CC, DEMO_PASSWORD, login } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 10: the employer corrects a payslip of a month whose décompte is validated (demo: Mme BŒUF's
 * October); the handler's file says why its décomptes must be computed again, and « Recalculer »
 * records the regularisation. The payslip is then put back: recomputed again, nothing is owed.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CC = 'Communauté de communes du Val d’Arvelle';

type Mois = { mois: string; tbi: number | null; nbi: number | null; sft: number | null; ir: number | null };

async function employeur(request: APIRequestContext) {
  const connexion = await request.post('/api/auth/connexion', { data: { email: ADMIN_CC, motDePasse: DEMO_PASSWORD } });
  expect(connexion.status(), await connexion.text()).toBe(200);
  const session = (await connexion.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === CC)!;
  await request.put('/api/auth/session/collectivite', { data: { collectiviteId: commune.id }, headers });
  const found = await request.get('/api/sinistres', { params: { statut: 'ouvert', categorie: 'maladie_ordinaire' } });
  const items = ((await found.json()) as { items: { id: string; agentNom: string }[] }).items;
  const boeuf = items.find((s) => s.agentNom === 'BŒUF');
  expect(boeuf, JSON.stringify(items)).toBeDefined();
  const salaires = await request.get(`/api/sinistres/${boeuf!.id}/salaires`);
  const octobre = ((await salaires.json()) as { mois: Mois[] }).mois.find((m) => m.mois === '2026-10')!;
  const enregistrer = async (tbi: number) => {
    const { mois, nbi, sft, ir } = octobre;
    const r = await request.put(`/api/sinistres/${boeuf!.id}/salaires`, {
      data: { mois: [{ mois, tbi, nbi, sft, ir }] },
      headers,
    });
    expect(r.status(), await r.text()).toBe(200);
  };
  return { id: boeuf!.id, tbi: octobre.tbi!, enregistrer };
}

test('une fiche de paie corrigée après un décompte validé : le dossier le dit, « Recalculer » régularise', async ({
  browser,
  request,
}) => {
  test.slow();
  const dossier = await employeur(request);
  await dossier.enregistrer(dossier.tbi + 10_000);

  const gestion = await (await browser.newContext()).newPage();
  await login(gestion, GESTIONNAIRE);
  await gestion.goto(`/gestion/sinistres/${dossier.id}#decomptes`);
  const section = gestion.getByRole('region', { name: 'Décomptes' });
  const alerte = section.getByRole('alert');
  await expect(alerte).toContainText('Décomptes à recalculer');
  await expect(alerte).toContainText(/Données salariales d’octobre 2026 modifiées après le décompte n° D-\d{4}-\d+\./);
  await expect(alerte).toContainText('doivent être recalculés');
  await expectNoA11yViolations(gestion, 'dossier à recalculer');
  await alerte.getByRole('button', { name: 'Recalculer les décomptes' }).click();
  await expect(section.getByRole('alert')).toHaveCount(0);
  await expect(section.getByRole('heading', { name: /version 2 — Calculé$/ }).first()).toBeVisible();

  // Put back: the pending version is abandoned, nothing is owed.
  await dossier.enregistrer(dossier.tbi);
  await gestion.reload();
  await expect(section.getByRole('alert')).toContainText('Données salariales d’octobre 2026');
  await section.getByRole('button', { name: 'Recalculer les décomptes' }).click();
  await expect(section.getByRole('alert')).toHaveCount(0);
  await expect(section.getByRole('heading', { name: /version 2 — / })).toHaveCount(0);
});
