import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Download, Locator, Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { hasNoHorizontalOverflow } from './support/keyboard';
import { ADMIN, COMMUNE, chooseCollectivite, DEMO_PASSWORD, LECTEUR, login, mainMenu } from './support/session';
import { expect, test } from './support/test';

/**
 * Modules 4 and 5 of the seeds: follow a sinistre on its page. An accident de service (enquête with
 * two lésions and a witness, its PDF, imputabilité, a 5-day arrêt with its TBI, the required pieces,
 * « Valider la déclaration » → Ouvert); a maladie ordinaire (initial arrêt 1st–7th of last month, a
 * 16-day prolongation, the arrêt deposited with the volets confirmation, an « Autre » document);
 * the missing documents leading back to the sinistre; what a Lecteur sees; the catalogue of pieces.
 */

const CNRACL = 'ARV-CNRACL-2024';
const PLATEFORME = 'plateforme@demo.statutis.fr';
const GESTIONNAIRE = 'gestionnaire@demo.statutis.fr';

/** A tiny valid PDF, as a scanner would send one. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** ISO dates computed from today (UTC), as the seeds speak of « last week » and « last month ». */
const iso = (d: Date) => d.toISOString().slice(0, 10);
const fr = (isoDate: string) => isoDate.split('-').reverse().join('/');
const addDays = (isoDate: string, n: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
const today = new Date();
/** Monday of last week. */
const LUNDI = addDays(iso(today), -((today.getUTCDay() + 6) % 7) - 7);
/** 1st and 7th of last month. */
const MOIS_DERNIER = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)));

/** A NIR of this run only (born in December 1984 in Paris), with its valid key. */
const run = Date.now() % 1_000_000;
function nir(index: number): string {
  const commune = String(Math.floor(run / 1000)).padStart(3, '0');
  const ordre = String((run + index * 13) % 1000).padStart(3, '0');
  const n13 = `1841275${commune}${ordre}`;
  const cle = String(97 - Number(BigInt(n13) % 97n)).padStart(2, '0');
  return `${n13}${cle}`;
}

type Headers = Record<string, string>;

/** Logs a request context in through the API, in the commune, and returns the headers its writes need. */
async function apiLogin(request: APIRequestContext, email = ADMIN): Promise<Headers> {
  const login = await request.post('/api/auth/connexion', { data: { email, motDePasse: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const session = (await login.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === COMMUNE);
  expect(commune, `${email} devrait avoir accès à ${COMMUNE}`).toBeDefined();
  const chosen = await request.put('/api/auth/session/collectivite', {
    data: { collectiviteId: commune!.id },
    headers,
  });
  expect(chosen.status(), await chosen.text()).toBe(200);
  return headers;
}

/** The base de l’assurance of the CNRACL contract for `annee`, declared (TBI only) when missing. */
async function ensureBase(request: APIRequestContext, headers: Headers, annee: number): Promise<void> {
  const found = await request.get('/api/bases', { params: { annee } });
  const { items } = (await found.json()) as { items: { contratNumero: string }[] };
  if (items.some((b) => b.contratNumero === CNRACL)) return;
  const contrats = await request.get('/api/contrats');
  const list = (await contrats.json()) as { items: { id: string; numero: string }[] };
  const contratId = list.items.find((c) => c.numero === CNRACL)!.id;
  const created = await request.post('/api/bases', {
    headers,
    data: { contratId, annee, type: 'previsionnelle', effectif: 27, tbi: 49_500_000 },
  });
  expect([201, 409], await created.text()).toContain(created.status());
}

/** The seeds’ agent: CNRACL titulaire, policier municipal, brigadier, 30 h a week, entered 01/01/2018. */
async function createAgent(request: APIRequestContext, headers: Headers, index: number, nom: string) {
  const created = await request.post('/api/agents', {
    headers,
    data: {
      nir: nir(index),
      nom,
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
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as { id: string };
}

async function declare(
  request: APIRequestContext,
  headers: Headers,
  agentId: string,
  categorie: string,
  dateSurvenance: string,
) {
  const created = await request.post('/api/sinistres', {
    headers,
    data: { agentId, categorie, dateSurvenance, tiersImplique: false },
  });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as { id: string; numero: string };
}

type Exigence = {
  code: string;
  libelle: string;
  obligatoire: boolean;
  medicale: boolean;
  volets: boolean;
  periode: string | null;
};

async function exigences(request: APIRequestContext, id: string): Promise<Exigence[]> {
  const answer = await request.get(`/api/sinistres/${id}/pieces`);
  expect(answer.status(), await answer.text()).toBe(200);
  return ((await answer.json()) as { exigences: Exigence[] }).exigences;
}

const nomExigence = (e: Exigence) => (e.periode ? `${e.libelle} — ${e.periode}` : e.libelle);

/** The block of one required piece, by its title. */
function exigenceBlock(page: Page, e: Exigence): Locator {
  return page.getByRole('article', { name: nomExigence(e), exact: true });
}

async function chooseFile(page: Page, scope: Locator, label: string, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await scope.getByRole('button', { name: label }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: PDF });
}

/** Deposits a tiny PDF for one required piece, confirming the volets when asked. */
async function deposit(page: Page, e: Exigence, fileName: string): Promise<void> {
  const block = exigenceBlock(page, e);
  await chooseFile(page, block, `Fichier : ${nomExigence(e)}`, fileName);
  if (e.volets) await block.getByRole('checkbox', { name: 'Je confirme déposer uniquement les volets 2 et 3' }).check();
  await block.getByRole('button', { name: 'Déposer la pièce' }).click();
  await expect(block.getByText('Déposée', { exact: true }).first()).toBeVisible();
  // A medical piece may show as « Pièce médicale » to whom may not read it.
  if (!e.medicale) await expect(block.getByRole('link', { name: fileName })).toBeVisible();
}

async function expectPdf(download: Promise<Download>): Promise<void> {
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const content = await readFile((await file.path())!);
  expect(content.subarray(0, 5).toString()).toBe('%PDF-');
}

async function openSinistre(page: Page, id: string, numero: string): Promise<void> {
  await page.goto(`/declarations/sinistres/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Sinistre n° ${numero}` })).toBeVisible();
}

test.describe('suivre un sinistre', () => {
  test('accident de service : enquête, imputabilité, arrêt de 5 jours, pièces, validation', async ({
    page,
    request,
  }) => {
    const headers = await apiLogin(request);
    await ensureBase(request, headers, Number(LUNDI.slice(0, 4)));
    const agent = await createAgent(request, headers, 0, 'Martin');
    const s = await declare(request, headers, agent.id, 'accident_service', LUNDI);
    const fin = addDays(LUNDI, 4);

    await login(page, ADMIN);
    await chooseCollectivite(page, COMMUNE);
    await openSinistre(page, s.id, s.numero);

    await test.step('l’en-tête et le bandeau du brouillon', async () => {
      await expect(page.getByRole('link', { name: 'Paul MARTIN' })).toHaveAttribute(
        'href',
        `/declarations/agents/${agent.id}`,
      );
      await expect(page.getByText('Accident de service / du travail').first()).toBeVisible();
      await expect(page.getByText(fr(LUNDI)).first()).toBeVisible();
      await expect(page.getByText('Votre dossier est incomplet : le sinistre reste au statut Brouillon')).toBeVisible();
      await expectNoA11yViolations(page, 'sinistre, accident en brouillon');
    });

    await test.step('l’enquête administrative : 2 lésions, un témoin, puis son PDF', async () => {
      await page.getByRole('radio', { name: 'Accident sur le lieu de travail' }).check();
      await expect(page.getByRole('textbox', { name: 'Date de l’accident' })).toHaveValue(fr(LUNDI));
      await page.getByRole('textbox', { name: 'Heure de l’accident' }).fill('9h');
      await page.getByRole('textbox', { name: 'Lieu exact' }).fill('Escalier menant aux locaux techniques');
      await page
        .getByRole('textbox', { name: 'Horaires de travail du jour' })
        .fill('8 h 00 – 12 h 00, 13 h 30 – 17 h 00');
      await page.getByRole('textbox', { name: 'Tâche effectuée' }).fill('Ronde de contrôle des locaux techniques');
      await page
        .getByRole('textbox', { name: 'Circonstances détaillées' })
        .fill('L’agent a chuté dans l’escalier en descendant vers les locaux techniques.');
      await page.getByRole('checkbox', { name: 'Cheville', exact: true }).check();
      await page.getByRole('checkbox', { name: 'Poignet', exact: true }).check();
      await page
        .getByRole('textbox', { name: 'Nature des lésions' })
        .fill('Entorse de la cheville, contusion du poignet');
      await page.getByRole('button', { name: 'Ajouter un témoin' }).click();
      await page.getByRole('textbox', { name: 'Nom du témoin 1', exact: true }).fill('Durand');
      await page.getByRole('textbox', { name: 'Prénom du témoin 1' }).fill('Élise');
      await page.getByRole('button', { name: 'Enregistrer l’enquête' }).click();
      // The hour typed the wrong way is refused beside its field, in French.
      const heure = page.getByRole('textbox', { name: 'Heure de l’accident' });
      await expect(heure).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Heure de l’accident : au format HH:MM, par exemple 14:30.')).toBeVisible();
      await heure.fill('09:30');
      await page.getByRole('button', { name: 'Enregistrer l’enquête' }).click();
      await expect(page.getByText('L’enquête administrative est enregistrée.')).toBeVisible();

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Télécharger l’enquête (PDF)' }).click();
      await expectPdf(download);
    });

    await test.step('l’imputabilité reconnue, avec arrêt de travail', async () => {
      await page.getByRole('radio', { name: 'Imputabilité reconnue' }).check();
      await page.getByRole('textbox', { name: 'Date de la décision' }).fill(fr(addDays(LUNDI, 1)));
      await page
        .getByRole('radiogroup', { name: 'L’agent est-il en arrêt de travail ?' })
        .getByRole('radio', { name: 'Oui' })
        .check();
      await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await expect(page.getByText('La décision est enregistrée. Ajoutez maintenant l’arrêt de travail.')).toBeVisible();

      for (const name of ['Attestation de prise en charge', 'Bon de remboursement']) {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name }).click();
        await expectPdf(download);
      }
    });

    await test.step('l’arrêt initial de 5 jours avec son TBI', async () => {
      const detail = (await (await request.get(`/api/sinistres/${s.id}`)).json()) as { elementsAssures: string[] };
      await page.getByRole('button', { name: 'Ajouter un arrêt' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ajouter un arrêt de travail' });
      await expect(dialog.getByRole('combobox', { name: 'Type d’arrêt' })).toHaveValue('initial');
      await expect(dialog.getByRole('textbox', { name: 'Début de l’arrêt' })).toHaveValue(fr(LUNDI));
      await dialog.getByRole('textbox', { name: 'Fin de l’arrêt' }).fill(fr(fin));
      await dialog.getByRole('textbox', { name: 'Début de l’arrêt' }).click();
      await expect(dialog.getByText('Durée : 5 jours.')).toBeVisible();
      await dialog.getByRole('textbox', { name: 'Traitement brut indiciaire (TBI)' }).fill('1 969,11');
      // Only the elements insured in the base may be typed.
      for (const [code, label] of [
        ['nbi', 'Nouvelle bonification indiciaire (NBI)'],
        ['ri', 'Régime indemnitaire (RI)'],
      ] as const) {
        const input = dialog.getByRole('textbox', { name: label });
        if (detail.elementsAssures.includes(code)) await expect(input).toBeEnabled();
        else await expect(input).toBeDisabled();
      }
      await expectNoA11yViolations(page, 'ajouter un arrêt');
      await dialog.getByRole('button', { name: 'Ajouter l’arrêt' }).click();
      await expect(dialog).toBeHidden();
      const row = page
        .getByRole('table', { name: `Arrêts du sinistre n° ${s.numero}` })
        .getByRole('row')
        .nth(1);
      await expect(row).toContainText('Arrêt initial');
      await expect(row).toContainText(fr(fin));
      await expect(row.getByRole('cell').nth(2)).toHaveText('5');
      await expect(row).toContainText(/1\s969,11/);
    });

    await test.step('les pièces obligatoires, puis « Valider la déclaration » → Ouvert', async () => {
      const valider = page.getByRole('button', { name: 'Valider la déclaration' });
      await expect(valider).toBeDisabled();
      const obligatoires = (await exigences(request, s.id)).filter((e) => e.obligatoire);
      expect(obligatoires.map((e) => e.libelle)).toContain('Enquête administrative signée');
      for (const [i, e] of obligatoires.entries()) await deposit(page, e, `piece-${i + 1}.pdf`);
      await expectNoA11yViolations(page, 'sinistre, pièces déposées');
      await expect(valider).toBeEnabled();
      await valider.click();
      await expect(page.getByText(`La déclaration du sinistre n° ${s.numero} est validée`)).toBeVisible();
      await expect(page.getByText('Votre dossier est incomplet')).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Le sinistre' })).toContainText('Ouvert');
      await expect(valider).toHaveCount(0);
    });

    await test.step('le commentaire du gestionnaire, « Nouveau » jusqu’à ce qu’il soit lu', async () => {
      const login = await request.post('/api/auth/connexion', {
        data: { email: GESTIONNAIRE, motDePasse: DEMO_PASSWORD },
      });
      expect(login.status(), await login.text()).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const texte = 'Merci de joindre le certificat de reprise dès que possible.';
      const comment = await request.post(`/api/gestion/sinistres/${s.id}/commentaires`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { texte },
      });
      expect(comment.status(), await comment.text()).toBe(201);
      await page.reload();
      const commentaires = page.getByRole('region', { name: 'Commentaires' });
      await expect(commentaires.getByText(texte)).toBeVisible();
      await expect(commentaires.getByText('Gestionnaire', { exact: true })).toBeVisible();
      await expect(commentaires.getByText('Nouveau', { exact: true })).toBeVisible();
      await expect(page.getByText('Le gestionnaire vous a laissé un nouveau commentaire.')).toBeVisible();
      await expectNoA11yViolations(page, 'sinistre ouvert, commentaire du gestionnaire');
      // Opened once: it is read.
      await page.reload();
      await expect(commentaires.getByText(texte)).toBeVisible();
      await expect(commentaires.getByText('Nouveau', { exact: true })).toHaveCount(0);
      await commentaires
        .getByRole('textbox', { name: 'Votre commentaire' })
        .fill('Le certificat suivra la semaine prochaine.');
      await commentaires.getByRole('button', { name: 'Ajouter le commentaire' }).click();
      await expect(
        commentaires.getByRole('listitem').filter({ hasText: 'Le certificat suivra la semaine prochaine.' }),
      ).toBeVisible();
      await expect(commentaires.getByRole('textbox', { name: 'Votre commentaire' })).toHaveValue('');
    });

    await test.step('la reprise du travail clôt le sinistre', async () => {
      const reprise = page.getByRole('region', { name: 'Reprise du travail' });
      await expect(reprise).toContainText('ne sont pas interrompus');
      await reprise.getByRole('textbox', { name: 'Date de reprise du travail' }).fill(fr(addDays(fin, 1)));
      await reprise.getByRole('button', { name: 'Enregistrer la reprise' }).click();
      await expect(page.getByText(`le sinistre n° ${s.numero} est clos`)).toBeVisible();
      await expect(page.getByRole('region', { name: 'Le sinistre' })).toContainText('Clos');
      await expect(reprise).toContainText(`l’agent a repris le travail le ${fr(addDays(fin, 1))}`);
    });
  });

  test('maladie ordinaire : arrêt initial puis prolongation de 16 jours, volets 2 et 3, document « Autre »', async ({
    page,
    request,
  }) => {
    const headers = await apiLogin(request);
    await ensureBase(request, headers, Number(MOIS_DERNIER.slice(0, 4)));
    const agent = await createAgent(request, headers, 1, 'Moreau');
    const s = await declare(request, headers, agent.id, 'maladie_ordinaire', MOIS_DERNIER);
    const septieme = addDays(MOIS_DERNIER, 6);
    const finProlongation = addDays(septieme, 16);

    await login(page, ADMIN);
    await chooseCollectivite(page, COMMUNE);
    await openSinistre(page, s.id, s.numero);
    // No enquête for an illness.
    await expect(page.getByRole('heading', { name: 'Enquête administrative et imputabilité' })).toHaveCount(0);

    await test.step('l’arrêt initial du 1er au 7', async () => {
      await page.getByRole('button', { name: 'Ajouter un arrêt' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ajouter un arrêt de travail' });
      await dialog.getByRole('textbox', { name: 'Fin de l’arrêt' }).fill(fr(septieme));
      await dialog.getByRole('textbox', { name: 'Traitement brut indiciaire (TBI)' }).fill('1 969,11');
      await dialog.getByRole('button', { name: 'Ajouter l’arrêt' }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('la prolongation de 16 jours, proposée le lendemain ; pas de rechute en maladie ordinaire', async () => {
      await page.getByRole('button', { name: 'Ajouter un arrêt' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ajouter un arrêt de travail' });
      const type = dialog.getByRole('combobox', { name: 'Type d’arrêt' });
      await expect(type).toHaveValue('prolongation');
      await expect(type.getByRole('option')).toHaveText(['Prolongation']);
      await expect(dialog.getByRole('textbox', { name: 'Début de l’arrêt' })).toHaveValue(fr(addDays(septieme, 1)));
      // The salary of the previous period is proposed again.
      await expect(dialog.getByRole('textbox', { name: 'Traitement brut indiciaire (TBI)' })).toHaveValue('1 969,11');
      await dialog.getByRole('textbox', { name: 'Fin de l’arrêt' }).fill(fr(finProlongation));
      await dialog.getByRole('textbox', { name: 'Début de l’arrêt' }).click();
      await expect(dialog.getByText('Durée : 16 jours.')).toBeVisible();
      await dialog.getByRole('button', { name: 'Ajouter l’arrêt' }).click();
      await expect(dialog).toBeHidden();
      const rows = page.getByRole('table', { name: `Arrêts du sinistre n° ${s.numero}` }).getByRole('row');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(2)).toContainText('Prolongation');
      await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText('16');
    });

    await test.step('l’arrêt de travail : volets 2 et 3 confirmés', async () => {
      const arret = (await exigences(request, s.id)).find((e) => e.code === 'arret_travail' && e.volets);
      expect(arret, 'un arrêt de travail attendu avec ses volets').toBeDefined();
      const block = exigenceBlock(page, arret!);
      await expect(block.getByText('Le volet 1 indique le motif médical de l’absence', { exact: false })).toBeVisible();
      await chooseFile(page, block, `Fichier : ${nomExigence(arret!)}`, 'arret-volets-2-3.pdf');
      await block.getByRole('button', { name: 'Déposer la pièce' }).click();
      const confirm = block.getByRole('checkbox', { name: 'Je confirme déposer uniquement les volets 2 et 3' });
      await expect(confirm).toHaveAttribute('aria-invalid', 'true');
      await expect(
        block.getByText('Confirmez que vous déposez uniquement les volets 2 et 3 de l’arrêt de travail.'),
      ).toBeVisible();
      await confirm.check();
      await block.getByRole('button', { name: 'Déposer la pièce' }).click();
      await expect(block.getByRole('link', { name: 'arret-volets-2-3.pdf' })).toBeVisible();
    });

    await test.step('un document « Autre » : le certificat pour soins de kiné', async () => {
      const pieces = page.getByRole('region', { name: 'Pièces justificatives' });
      // A wrong file first, removed while it is only « Déposée ».
      await pieces.getByRole('textbox', { name: 'Libellé du document' }).fill('Ordonnance');
      await chooseFile(page, pieces, 'Fichier du document', 'mauvais-fichier.pdf');
      await pieces.getByRole('button', { name: 'Ajouter un document' }).click();
      await pieces.getByRole('button', { name: 'Supprimer le fichier mauvais-fichier.pdf' }).click();
      const confirm = page.getByRole('dialog', { name: 'Supprimer le fichier « mauvais-fichier.pdf » ?' });
      await confirm.getByRole('button', { name: 'Supprimer le fichier' }).click();
      await expect(confirm).toBeHidden();
      await expect(pieces.getByRole('link', { name: 'mauvais-fichier.pdf' })).toHaveCount(0);

      await pieces
        .getByRole('textbox', { name: 'Libellé du document' })
        .fill('Certificat pour soins de kinésithérapie');
      await chooseFile(page, pieces, 'Fichier du document', 'certificat-kine.pdf');
      await pieces.getByRole('button', { name: 'Ajouter un document' }).click();
      await expect(
        page.getByText('Le document « Certificat pour soins de kinésithérapie » est ajouté au dossier.'),
      ).toBeVisible();
      await expect(pieces.getByRole('link', { name: 'certificat-kine.pdf' })).toBeVisible();
      await expectNoA11yViolations(page, 'sinistre, maladie ordinaire');
    });

    await test.step('le salaire de la prolongation corrigé', async () => {
      const periode = `du ${fr(addDays(septieme, 1))} au ${fr(finProlongation)}`;
      await page.getByRole('button', { name: `Modifier le salaire de l’arrêt ${periode}` }).click();
      const dialog = page.getByRole('dialog', { name: `Salaire de l’arrêt ${periode}` });
      await dialog.getByRole('textbox', { name: 'Traitement brut indiciaire (TBI)' }).fill('2 042,95');
      await dialog.getByRole('button', { name: 'Enregistrer le salaire' }).click();
      await expect(dialog).toBeHidden();
      const rows = page.getByRole('table', { name: `Arrêts du sinistre n° ${s.numero}` }).getByRole('row');
      await expect(rows.nth(2)).toContainText(/2\s042,95/);
    });

    await test.step('une demande de requalification en CLM, avec sa pièce', async () => {
      const region = page.getByRole('region', { name: 'Demandes de requalification' });
      await region
        .getByRole('combobox', { name: 'Nouvelle catégorie demandée' })
        .selectOption({ label: 'Congé de longue maladie (CLM)' });
      await region
        .getByRole('textbox', { name: 'Motif de la demande' })
        .fill('Le médecin traitant demande un congé de longue maladie.');
      await region.getByRole('button', { name: 'Demander la requalification' }).click();
      const row = region.getByRole('row', { name: /Congé de longue maladie \(CLM\)/ });
      await expect(row).toContainText('Demandée');
      await row
        .getByRole('button', { name: 'Joindre une pièce à la demande vers « Congé de longue maladie (CLM) »' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Pièce pour la demande vers « Congé de longue maladie (CLM) »' });
      await chooseFile(page, dialog, 'Pièce justifiant la requalification', 'demande-clm.pdf');
      await dialog.getByRole('button', { name: 'Joindre la pièce' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByRole('region', { name: 'Pièces justificatives' }).getByRole('link', { name: 'demande-clm.pdf' }),
      ).toBeVisible();
    });

    await test.step('« Enregistrer et revenir plus tard » : le sinistre reste en brouillon', async () => {
      await expect(page.getByRole('button', { name: 'Valider la déclaration' })).toBeDisabled();
      await page.getByRole('button', { name: 'Enregistrer et revenir plus tard' }).click();
      await expect(page).toHaveURL((url) => url.pathname === '/declarations/sinistres');
      await expect(page.getByText(`Le sinistre n° ${s.numero} reste au statut Brouillon`)).toBeVisible();
    });

    await test.step('les documents manquants mènent au sinistre', async () => {
      await mainMenu(page).getByRole('link', { name: 'Documents manquants' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Documents manquants' })).toBeVisible();
      await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Moreau');
      const table = page.getByRole('table', { name: 'Liste des documents manquants' });
      const link = table.getByRole('link', { name: /Bulletins de salaire de la période/ }).first();
      await expect(link).toBeVisible();
      await expect(table.getByText(`n° ${s.numero}`).first()).toBeVisible();
      await expectNoA11yViolations(page, 'documents manquants');
      await link.click();
      await expect(page).toHaveURL(
        (url) => url.pathname === `/declarations/sinistres/${s.id}` && url.hash === '#pieces',
      );
      await expect(page.getByRole('heading', { level: 1, name: `Sinistre n° ${s.numero}` })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Pièces justificatives' })).toBeInViewport();
    });

    await test.step('un Lecteur lit le sinistre sans bouton d’écriture', async () => {
      await page.getByRole('button', { name: 'Déconnexion' }).click();
      await login(page, LECTEUR);
      await chooseCollectivite(page, COMMUNE);
      // « À faire » counts the brouillons for him too, without offering to complete them.
      const aFaire = page.getByRole('region', { name: 'À faire' });
      await expect(aFaire.getByRole('link', { name: /^\d+\+? sinistres? en brouillon$/ })).toBeVisible();
      await expect(aFaire.getByRole('link', { name: 'Déclarer un sinistre' })).toHaveCount(0);
      await openSinistre(page, s.id, s.numero);
      await expect(page.getByRole('table', { name: `Arrêts du sinistre n° ${s.numero}` })).toBeVisible();
      // The head says what is missing and the next step, which is not his to take.
      const head = page.getByRole('region', { name: 'Le sinistre' });
      await expect(head).toContainText('Prochaine étape : déposer les pièces (réservée aux publicateurs');
      await expect(head.getByRole('link', { name: 'Déposer les pièces' })).toHaveCount(0);
      for (const name of ['Ajouter un arrêt', 'Déposer la pièce', 'Valider la déclaration', 'Ajouter le commentaire']) {
        await expect(page.getByRole('button', { name })).toHaveCount(0);
      }
      await expectNoA11yViolations(page, 'sinistre, lecteur');
    });
  });

  test('une déclaration en double est signalée avec le lien vers l’existante, le brouillon de trop supprimé', async ({
    page,
    request,
  }) => {
    const headers = await apiLogin(request);
    await ensureBase(request, headers, Number(MOIS_DERNIER.slice(0, 4)));
    const agent = await createAgent(request, headers, 3, 'Petit');
    const s = await declare(request, headers, agent.id, 'maladie_ordinaire', MOIS_DERNIER);

    await login(page, ADMIN);
    await chooseCollectivite(page, COMMUNE);
    await test.step('la même maladie ordinaire déclarée une seconde fois : avertissement et lien', async () => {
      await page.goto(`/declarations/agents/${agent.id}/sinistres/nouveau`);
      await page.getByRole('textbox', { name: 'Date de survenance' }).fill(fr(MOIS_DERNIER));
      // The calendar opened by the typing closes, as a user would close it, before the next field.
      await page.keyboard.press('Escape');
      await page.getByRole('combobox', { name: 'Catégorie d’absence' }).selectOption({ label: 'Maladie ordinaire' });
      await page.getByRole('radio', { name: 'Non' }).check();
      await page.getByRole('button', { name: 'Déclarer le sinistre' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Ce sinistre est peut-être déjà déclaré' });
      await expect(alert).toContainText(
        `Un sinistre « Maladie ordinaire » survenu le ${fr(MOIS_DERNIER)} est déjà déclaré pour Paul PETIT : n° ${s.numero}.`,
      );
      await expect(
        alert.getByRole('link', { name: `Voir le sinistre n° ${s.numero} (Maladie ordinaire)` }),
      ).toHaveAttribute('href', `/declarations/sinistres/${s.id}`);
      await expectNoA11yViolations(page, 'déclarer un sinistre, doublon');
    });

    await test.step('« Déclarer quand même », puis le brouillon de trop est supprimé', async () => {
      await page.getByRole('button', { name: 'Déclarer quand même' }).click();
      await expect(page).toHaveURL(/\/declarations\/sinistres\/[0-9a-f-]{36}$/);
      expect(page.url()).not.toContain(s.id);
      await expect(page.getByText('aucun arrêt n’est déclaré', { exact: false }).first()).toBeVisible();
      await page.getByRole('button', { name: 'Supprimer ce brouillon' }).click();
      const dialog = page.getByRole('dialog', { name: /^Supprimer le sinistre n° / });
      await expect(dialog).toContainText('la suppression est définitive');
      await expectNoA11yViolations(page, 'supprimer un brouillon');
      await dialog.getByRole('button', { name: 'Supprimer le sinistre' }).click();
      await expect(page).toHaveURL((url) => url.pathname === '/declarations/sinistres');
      await expect(page.getByText('est supprimé.', { exact: false })).toBeVisible();
      const list = await request.get('/api/sinistres', { params: { agentId: agent.id } });
      expect(((await list.json()) as { total: number }).total).toBe(1);
    });
  });

  test('une reprise pendant l’arrêt : ce qui change est dit et confirmé avant d’être fait', async ({
    page,
    request,
  }) => {
    const headers = await apiLogin(request);
    await ensureBase(request, headers, Number(MOIS_DERNIER.slice(0, 4)));
    const agent = await createAgent(request, headers, 4, 'Robert');
    const s = await declare(request, headers, agent.id, 'maladie_ordinaire', MOIS_DERNIER);
    const fin = addDays(MOIS_DERNIER, 15);
    const arret = await request.post(`/api/sinistres/${s.id}/arrets`, {
      headers,
      data: { type: 'initial', debut: MOIS_DERNIER, fin },
    });
    expect(arret.status(), await arret.text()).toBe(201);

    await login(page, ADMIN);
    await chooseCollectivite(page, COMMUNE);
    await test.step('une reprise pendant l’arrêt : ce qui change est dit avant d’être fait', async () => {
      await openSinistre(page, s.id, s.numero);
      const reprise = addDays(MOIS_DERNIER, 10);
      const region = page.getByRole('region', { name: 'Reprise du travail' });
      await region.getByRole('textbox', { name: 'Date de reprise du travail' }).fill(fr(reprise));
      await region.getByRole('button', { name: 'Enregistrer la reprise' }).click();
      const dialog = page.getByRole('dialog', { name: 'La reprise raccourcit l’arrêt' });
      await expect(dialog).toContainText(
        `l’arrêt finira le ${fr(addDays(reprise, -1))} au lieu du ${fr(fin)} (6 jours de moins). Le certificat d’arrêt de travail garde ses dates (du ${fr(MOIS_DERNIER)} au ${fr(fin)}).`,
      );
      await expectNoA11yViolations(page, 'confirmer la reprise');
      await dialog.getByRole('button', { name: 'Confirmer la reprise' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(`La reprise du ${fr(reprise)} est enregistrée.`)).toBeVisible();
      const row = page
        .getByRole('table', { name: `Arrêts du sinistre n° ${s.numero}` })
        .getByRole('row')
        .nth(1);
      await expect(row).toContainText(fr(addDays(reprise, -1)));
      await expect(row).toContainText(`Certificat : jusqu’au ${fr(fin)}`);
      await expect(row.getByRole('cell').nth(2)).toHaveText('10');
    });
  });

  test('catalogue des pièces : l’administrateur de la plateforme ajoute puis modifie une pièce', async ({ page }) => {
    const libelle = `Rapport de la médecine préventive ${run}`;
    await login(page, PLATEFORME);
    await page.goto('/gestion/catalogue-pieces');
    await expect(page.getByRole('heading', { level: 1, name: 'Catalogue des pièces' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Catégorie' }).selectOption('maladie_professionnelle');
    const table = page.getByRole('table', { name: 'Pièces de la catégorie « Maladie professionnelle »' });
    await expect(table.getByRole('rowheader', { name: 'Enquête administrative signée' })).toBeVisible();
    await expectNoA11yViolations(page, 'catalogue des pièces');

    await page.getByRole('button', { name: 'Ajouter une pièce' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une pièce au catalogue' });
    await expect(dialog.getByRole('combobox', { name: 'Catégorie' })).toHaveValue('maladie_professionnelle');
    await dialog.getByRole('textbox', { name: 'Libellé' }).fill(libelle);
    await dialog.getByRole('combobox', { name: 'Étape' }).selectOption('declaration');
    await dialog.getByRole('checkbox', { name: 'Pièce obligatoire' }).uncheck();
    await expectNoA11yViolations(page, 'ajouter une pièce au catalogue');
    await dialog.getByRole('button', { name: 'Ajouter la pièce' }).click();
    await expect(dialog).toBeHidden();
    const row = table.getByRole('row', { name: new RegExp(libelle) });
    await expect(row).toContainText('Déclaration');

    await row.getByRole('button', { name: `Modifier la pièce « ${libelle} »` }).click();
    const edit = page.getByRole('dialog', { name: 'Modifier la pièce' });
    await edit.getByRole('checkbox', { name: 'Pièce active' }).uncheck();
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText('Inactive');
  });
});

test.describe('zoom à 200 % (écran de 1280 px de large)', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('la page du sinistre et les documents manquants, sans défilement horizontal', async ({ page, request }) => {
    const headers = await apiLogin(request);
    await ensureBase(request, headers, Number(LUNDI.slice(0, 4)));
    const agent = await createAgent(request, headers, 2, 'Bernard');
    const s = await declare(request, headers, agent.id, 'accident_trajet', LUNDI);
    const arret = await request.post(`/api/sinistres/${s.id}/arrets`, {
      headers,
      data: { type: 'initial', debut: LUNDI, fin: addDays(LUNDI, 2), salaire: { tbi: 196_911 } },
    });
    expect(arret.status(), await arret.text()).toBe(201);

    await login(page, ADMIN);
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await chooseCollectivite(page, COMMUNE);
    await openSinistre(page, s.id, s.numero);
    await page.getByRole('button', { name: 'Ajouter un témoin' }).click();
    expect(await hasNoHorizontalOverflow(page), 'la page du sinistre défile horizontalement').toBe(true);
    await expectNoA11yViolations(page, 'sinistre à 200 %');

    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await mainMenu(page).getByRole('link', { name: 'Documents manquants' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Documents manquants' })).toBeVisible();
    expect(await hasNoHorizontalOverflow(page), 'les documents manquants défilent horizontalement').toBe(true);
    await expectNoA11yViolations(page, 'documents manquants à 200 %');
  });
});
