import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { ADMIN_CC, DEMO_PASSWORD, login, openFromMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 11: the CDG's gestionnaire prepares, checks and issues the 2026 call of the demo's Val
 * d'Arvelle on its CNRACL contract (through the API); its administrator finds it in « Vos
 * cotisations », opens it and downloads its avis. Base prévisionnelle 2026: TBI 320 000 € + NBI
 * 8 500 € = 328 500 € at 6,500 % = 21 352,50 €.
 */
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

async function session(request: APIRequestContext, email: string) {
  const r = await request.post('/api/auth/connexion', { data: { email, motDePasse: DEMO_PASSWORD } });
  expect(r.status(), await r.text()).toBe(200);
  const s = (await r.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  return { headers: { 'X-CSRF-Token': s.csrfToken }, collectivites: s.collectivites };
}

/** The issued call of the CNRACL contract for 2026, made once (a second run finds it). */
async function appelEmis(request: APIRequestContext): Promise<string> {
  const cc = await session(request, ADMIN_CC);
  const contrats = (await (await request.get('/api/contrats')).json()) as {
    items: { id: string; regime: string }[];
  };
  const cnracl = contrats.items.find((c) => c.regime === 'CNRACL')!;
  const collectiviteId = cc.collectivites[0]!.id;
  await request.post('/api/auth/deconnexion', { headers: cc.headers });
  const g = await session(request, GESTIONNAIRE);
  // The control screen's journey may have prepared it already, annual by default: a draft is cancelled
  // and made again quarterly (an issued one is kept).
  const existants = (await (
    await request.get(`/api/gestion/cotisations/appels?annee=2026&collectiviteId=${collectiviteId}`)
  ).json()) as {
    items: {
      id: string;
      nature: string;
      objet: string;
      contrat: { id: string };
      statut: string;
      periodicite: string;
    }[];
  };
  // The contribution call only: the CDG's fee, called separately, has a call of its own (left as it is).
  for (const a of existants.items)
    if (
      a.nature === 'appel' &&
      a.objet === 'cotisation' &&
      a.contrat.id === cnracl.id &&
      ['brouillon', 'controle'].includes(a.statut)
    )
      if (a.periodicite !== 'trimestrielle')
        await request.post(`/api/gestion/cotisations/appels/${a.id}/annulation`, {
          data: { motif: 'Échéancier trimestriel' },
          headers: g.headers,
        });
  const created = await request.post('/api/gestion/cotisations/appels', {
    data: { contratId: cnracl.id, collectiviteId, annee: 2026, periodicite: 'trimestrielle' },
    headers: g.headers,
  });
  let id: string;
  if (created.status() === 201) id = ((await created.json()) as { id: string }).id;
  else {
    expect(created.status(), await created.text()).toBe(409);
    const list = (await (
      await request.get(`/api/gestion/cotisations/appels?annee=2026&collectiviteId=${collectiviteId}`)
    ).json()) as { items: { id: string; nature: string; objet: string; contrat: { id: string }; statut: string }[] };
    id = list.items.find(
      (a) => a.nature === 'appel' && a.objet === 'cotisation' && a.contrat.id === cnracl.id && a.statut !== 'annule',
    )!.id;
  }
  for (const step of ['controle', 'emission'])
    await request.post(`/api/gestion/cotisations/appels/${id}/${step}`, { headers: g.headers });
  await request.post('/api/auth/deconnexion', { headers: g.headers });
  return id;
}

test('the employer reads the call the CDG issued, its lines, échéancier and avis', async ({ page, request }) => {
  const id = await appelEmis(request);
  await login(page, ADMIN_CC);
  await openFromMenu(page, 'Vos cotisations');
  const list = page.getByRole('region', { name: 'Vos appels de cotisation' });
  const row = list
    .getByRole('row')
    .filter({ hasText: '2026' })
    .filter({ hasText: 'CNRACL' })
    .filter({ hasText: 'Appel de cotisation' })
    .first();
  await expect(row).toContainText('21 352,50');
  await expect(row).toContainText('Émis');
  await expectNoA11yViolations(page, 'vos cotisations');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/espace-contractuel/cotisations/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: /^Appel de cotisation AC-2026-\d{6}$/ })).toBeVisible();
  const lignes = page.getByRole('region', { name: /Lignes de l’appel/ });
  await expect(lignes).toContainText('328 500,00');
  await expect(lignes).toContainText('6,50 %');
  // 2 135 250 c / 4 = 533 812,5 → 533 812 × 3 and 533 814 on the last
  const echeances = page.getByRole('region', { name: /Échéances de l’appel/ });
  await expect(echeances.getByRole('row')).toHaveCount(5);
  await expect(echeances).toContainText('5 338,14');
  await expectNoA11yViolations(page, 'appel de cotisation');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Avis d’appel (PDF)' }).click();
  const pdf = await readFile((await (await download).path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
