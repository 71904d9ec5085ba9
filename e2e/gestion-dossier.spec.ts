import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { nirDuParcours } from './support/nir';
import { ADMIN, COMMUNE, chooseCollectivite, DEMO_PASSWORD, login, PUBLICATEUR } from './support/session';
import { expect, test } from './support/test';

/**
 * Issue 9, pieces: the demo gestionnaire opens a file of the demo commune on his own page, reads the
 * automatic checks, validates two pieces from the keyboard and refuses one with a motif; the demo
 * publicateur reads the motif on the sinistre and deposits a replacement; the file is complete again.
 * Both read the file's « Échéances » (issue 13): the pieces' clock met, running again, met again.
 */

const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';
const CNRACL = 'ARV-CNRACL-2024';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = new Date();
/** 1st of last month: a maladie ordinaire of last month, 1st–7th, prolonged 8th–14th. */
const DEBUT = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)));
const jour = (n: number) => `${DEBUT.slice(0, 8)}${String(n).padStart(2, '0')}`;

const nir = () => nirDuParcours('1841275');

/** `31/12/2027` of an ISO day `n` days later (UTC arithmetic, as the domain's `addDays`). */
const frPlus = (isoDay: string, n: number) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10).split('-').reverse().join('/');
};

/** The « Échéances » block of a file and one of its lines, by the clock's label. */
const echeances = (page: Page) => page.getByRole('region', { name: 'Échéances', exact: true });
const echeance = (page: Page, libelle: string) => echeances(page).getByRole('row', { name: new RegExp(`^${libelle}`) });

type Exigence = { code: string; libelle: string; arretId: string | null; volets: boolean; periode: string | null };
const nomExigence = (e: Pick<Exigence, 'libelle' | 'periode'>) =>
  e.periode ? `${e.libelle} — ${e.periode}` : e.libelle;

/** The file: declared by the commune's administrator through the API, each required piece deposited. */
async function prepareFile(request: APIRequestContext) {
  const session = await request.post('/api/auth/connexion', { data: { email: ADMIN, motDePasse: DEMO_PASSWORD } });
  expect(session.status()).toBe(200);
  const info = (await session.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': info.csrfToken };
  const commune = info.collectivites.find((c) => c.nom === COMMUNE)!;
  expect(
    (await request.put('/api/auth/session/collectivite', { data: { collectiviteId: commune.id }, headers })).status(),
  ).toBe(200);
  const annee = Number(DEBUT.slice(0, 4));
  const bases = (await (await request.get('/api/bases', { params: { annee } })).json()) as {
    items: { contratNumero: string }[];
  };
  if (!bases.items.some((b) => b.contratNumero === CNRACL)) {
    const contrats = (await (await request.get('/api/contrats')).json()) as { items: { id: string; numero: string }[] };
    const created = await request.post('/api/bases', {
      headers,
      data: {
        contratId: contrats.items.find((c) => c.numero === CNRACL)!.id,
        annee,
        type: 'previsionnelle',
        effectif: 27,
        tbi: 49_500_000,
      },
    });
    expect([201, 409]).toContain(created.status());
  }
  const agent = await request.post('/api/agents', {
    headers,
    data: {
      nir: nir(),
      nom: 'Garnier',
      prenom: 'Paul',
      dateNaissance: '1984-12-03',
      sexe: 'M',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2018-01-01',
      emploi: 'Policier municipal',
      grade: 'Brigadier',
      tempsTravail: 'non_complet',
      heuresHebdo: 3000,
      service: 'Police municipale',
    },
  });
  expect(agent.status(), await agent.text()).toBe(201);
  const declared = await request.post('/api/sinistres', {
    headers,
    data: {
      agentId: (await agent.json()).id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: DEBUT,
      tiersImplique: false,
    },
  });
  expect(declared.status(), await declared.text()).toBe(201);
  const s = (await declared.json()) as { id: string; numero: string };
  for (const [type, debut, fin] of [
    ['initial', jour(1), jour(7)],
    ['prolongation', jour(8), jour(14)],
  ]) {
    const a = await request.post(`/api/sinistres/${s.id}/arrets`, { headers, data: { type, debut, fin } });
    expect(a.status(), await a.text()).toBe(201);
  }
  const exigences = (
    (await (await request.get(`/api/sinistres/${s.id}/pieces`)).json()) as {
      exigences: (Exigence & { obligatoire: boolean })[];
    }
  ).exigences.filter((e) => e.obligatoire);
  for (const e of exigences) {
    const r = await request.post(`/api/sinistres/${s.id}/pieces`, {
      headers,
      multipart: {
        code: e.code,
        ...(e.arretId ? { arretId: e.arretId } : {}),
        ...(e.volets ? { voletsConfirmes: 'oui' } : {}),
        fichier: { name: `${e.code}.pdf`, mimeType: 'application/pdf', buffer: PDF },
      },
    });
    expect(r.status(), await r.text()).toBe(201);
  }
  return { ...s, exigences };
}

async function asUser(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

test('le gestionnaire valide et refuse les pièces ; l’employeur lit le motif et remplace la pièce', async ({
  browser,
  request,
}) => {
  test.slow();
  const file = await prepareFile(request);
  expect(file.exigences.length).toBeGreaterThanOrEqual(3);
  const premiere = file.exigences[0]!;
  const deuxieme = file.exigences[1]!;
  const refusee = file.exigences[2]!;

  // The gestionnaire's own page of the file.
  const gestion = await asUser(browser, GESTIONNAIRE);
  await gestion.goto(`/gestion/sinistres/${file.id}`);
  await expect(gestion.getByRole('heading', { level: 1, name: `Sinistre n° ${file.numero}` })).toBeVisible();
  const controles = gestion.getByRole('region', { name: 'Contrôles automatiques' });
  await expect(controles.getByText('Agent assuré à la date du sinistre : Conforme')).toBeVisible();
  await expect(controles.getByText(/Données salariales de chaque mois d’arrêt : Bloquant/)).toBeVisible();
  // Issue 13: the file's clocks. Declared today for last month's 1st: within the seeds' 90 days.
  const declaration = echeance(gestion, 'Déclaration du sinistre');
  await expect(declaration.getByRole('cell', { name: frPlus(DEBUT, 90), exact: true })).toBeVisible();
  await expect(declaration.getByText('Respectée', { exact: true })).toBeVisible();
  await expect(echeance(gestion, 'Envoi des pièces justificatives').getByText('Respectée')).toBeVisible();
  // Two years from the chain's first day (a 1st of the month: the same day two years on); the file is complete.
  const prescription = echeance(gestion, 'Prescription des arrêts');
  const dans2Ans = `${DEBUT.slice(8)}/${DEBUT.slice(5, 7)}/${Number(DEBUT.slice(0, 4)) + 2}`;
  await expect(prescription.getByRole('cell', { name: dans2Ans, exact: true })).toBeVisible();
  await expect(prescription.getByText('Respectée', { exact: true })).toBeVisible();
  await expectNoA11yViolations(gestion);

  // Keyboard first: after a decision, focus is on the next piece to decide.
  await gestion.getByRole('button', { name: `Valider la pièce ${nomExigence(premiere)}` }).click();
  const suivante = gestion.getByRole('button', { name: `Valider la pièce ${nomExigence(deuxieme)}` });
  await expect(suivante).toBeFocused();
  await gestion.keyboard.press('Enter');
  await expect(gestion.getByRole('button', { name: `Valider la pièce ${nomExigence(refusee)}` })).toBeFocused();
  const pieces = gestion.getByRole('region', { name: 'Pièces justificatives' });
  await expect(
    pieces.getByRole('listitem', { name: nomExigence(premiere) }).getByText('Validée', { exact: true }),
  ).toBeVisible();
  await expect(
    pieces.getByRole('listitem', { name: nomExigence(deuxieme) }).getByText('Validée', { exact: true }),
  ).toBeVisible();

  await gestion.getByRole('button', { name: `Refuser la pièce ${nomExigence(refusee)}` }).click();
  const dialog = gestion.getByRole('dialog', { name: 'Refuser la pièce' });
  await dialog.getByRole('button', { name: 'Refuser la pièce' }).click();
  await expect(dialog.getByText('Choisissez le motif du refus.')).toBeVisible();
  await dialog.getByLabel('Motif du refus').selectOption({ label: 'Document illisible' });
  await dialog.getByLabel('Précision (facultative)').fill('la page 2 est floue');
  await expectNoA11yViolations(gestion);
  await dialog.getByRole('button', { name: 'Refuser la pièce' }).click();
  await expect(dialog).toBeHidden();
  const ligne = pieces.getByRole('listitem', { name: nomExigence(refusee) });
  await expect(ligne.getByText('Motif du refus : Document illisible : la page 2 est floue')).toBeVisible();
  await expect(pieces.getByText('Pièces obligatoires manquantes :')).toBeVisible();
  await expectNoA11yViolations(gestion);

  // The employer reads the motif and deposits a replacement.
  const employeur = await asUser(browser, PUBLICATEUR);
  await chooseCollectivite(employeur, COMMUNE);
  await employeur.goto(`/declarations/sinistres/${file.id}`);
  await expect(employeur.getByRole('heading', { level: 1, name: `Sinistre n° ${file.numero}` })).toBeVisible();
  const bloc = employeur.getByRole('article', { name: nomExigence(refusee), exact: true });
  await expect(bloc.getByText('Refusée — Document illisible : la page 2 est floue')).toBeVisible();
  // A refused mandatory piece: the pieces' clock runs again (90 days after the declaration).
  await expect(echeance(employeur, 'Envoi des pièces justificatives').getByText('À venir')).toBeVisible();
  await expect(echeance(employeur, 'Déclaration du sinistre').getByText('Respectée')).toBeVisible();
  await expectNoA11yViolations(employeur);
  const chooser = employeur.waitForEvent('filechooser');
  await bloc.getByRole('button', { name: `Fichier : ${nomExigence(refusee)}` }).click();
  await (await chooser).setFiles({ name: 'remplacement.pdf', mimeType: 'application/pdf', buffer: PDF });
  if (refusee.volets)
    await bloc.getByRole('checkbox', { name: 'Je confirme déposer uniquement les volets 2 et 3' }).check();
  await bloc.getByRole('button', { name: 'Déposer une pièce de remplacement' }).click();
  await expect(bloc.getByRole('link', { name: 'remplacement.pdf' })).toBeVisible();
  await expect(echeance(employeur, 'Envoi des pièces justificatives').getByText('Respectée')).toBeVisible();

  // The file is complete again for the gestionnaire.
  await gestion.reload();
  await expect(gestion.getByRole('heading', { level: 1, name: `Sinistre n° ${file.numero}` })).toBeVisible();
  await expect(gestion.getByText('Pièces obligatoires manquantes :')).toHaveCount(0);
  await expect(pieces.getByText('remplacement.pdf', { exact: false })).toBeVisible();
  await expectNoA11yViolations(gestion);
});
