import { expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Access } from '../src/http/context.js';
import { contratDocument } from '../src/modules/contrats/contrats.table.js';
import { createNotificationsRepository } from '../src/modules/notifications/notifications.repository.js';
import { emettre } from './cotisations-world.js';
import {
  createAssureur,
  createContrat,
  createUser,
  ENQUETE,
  login,
  staffMember,
  tenantWithUsers,
} from './factories.js';
import { describeEachDatabase, type TestContext, testConfig } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';
import { enregistrer, IBAN_COLLECTIVITE, tresorier as tresorierOf, validerDecompte } from './reglements-world.js';
import { saisirFrais } from './world.js';

type Route = { method: string; url: string; access: Access | undefined };
type Tenant = Awaited<ReturnType<typeof tenantWithUsers>> & { world: Awaited<ReturnType<typeof populate>> };

/** Gives tenant A one record of every kind, so that B has something to try to reach. */
async function populate(ctx: TestContext, t: Awaited<ReturnType<typeof tenantWithUsers>>) {
  const db = ctx.database.db;
  const c = await createContrat(db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    risques: ['maladie_ordinaire', 'accident_service', 'clm'],
  });
  const [document] = await db
    .insert(contratDocument)
    .values({ contratId: c.id, nom: 'cg.pdf', storageKey: 'contrats/0000/absent', sha256: '0'.repeat(64), taille: 1 })
    .returning();
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: c.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 3,
    tbi: 9_000_000,
  });
  expect(base.statusCode).toBe(201);
  await t.publicateur.request('PUT', '/api/budgets/2026', { montantCotisations: 123_456, montantAbsences: 654_321 });
  const roster = multipartBody({
    name: 'liste.csv',
    content: "NIR;Nom;Prénom;Régime;Statut;Date d'entrée\r\n1841276451089;DUPONT;Jean;CNRACL;titulaire;01/01/2020\r\n",
  });
  const upload = await t.publicateur.request('POST', '/api/agents/imports', roster.payload, roster.headers);
  expect(upload.statusCode, upload.body).toBe(202);
  await ctx.jobs.drain();
  const agents = await t.lecteur.request('GET', '/api/agents?q=1841276451089');
  expect(agents.json().total).toBe(1);
  const agentId = agents.json().items[0].id as string;
  const complete = await t.publicateur.request('PUT', `/api/agents/${agentId}`, {
    nom: 'DUPONT',
    prenom: 'Jean',
    dateNaissance: '1984-12-01',
    sexe: 'M',
    regime: 'CNRACL',
    statut: 'titulaire',
    dateEntree: '2020-01-01',
    emploi: 'Agent',
    tempsTravail: 'complet',
  });
  expect(complete.statusCode, complete.body).toBe(200);
  const sinistre = await t.publicateur.request('POST', '/api/sinistres', {
    agentId,
    categorie: 'maladie_ordinaire',
    dateSurvenance: '2026-03-01',
    tiersImplique: false,
  });
  expect(sinistre.statusCode, sinistre.body).toBe(201);
  const sinistreId = sinistre.json().id as string;
  const arret = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/arrets`, {
    type: 'initial',
    debut: '2026-03-01',
    fin: '2026-03-07',
  });
  expect(arret.statusCode, arret.body).toBe(201);
  const arretId = arret.json().arrets[0].id as string;
  const file = multipartBody({ name: 'arret.pdf', content: TINY_PDF }, 'fichier', {
    code: 'arret_travail',
    arretId,
    voletsConfirmes: 'oui',
  });
  const piece = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/pieces`, file.payload, file.headers);
  expect(piece.statusCode, piece.body).toBe(201);
  const accident = await t.publicateur.request('POST', '/api/sinistres', {
    agentId,
    categorie: 'accident_service',
    dateSurvenance: '2026-04-01',
    tiersImplique: false,
  });
  expect(accident.statusCode, accident.body).toBe(201);
  const accidentId = accident.json().id as string;
  expect((await t.publicateur.request('PUT', `/api/sinistres/${accidentId}/enquete`, ENQUETE)).statusCode).toBe(200);
  // A paid décompte: its règlement and the SEPA file that paid it.
  const iban = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
    iban: IBAN_COLLECTIVITE,
    titulaire: 'Commune A',
  });
  expect(iban.statusCode, iban.body).toBe(200);
  const { client: tresorier } = await tresorierOf(ctx, t.collectivite.cdgId);
  const decompte = await enregistrer(ctx, sinistreId, { du: '2026-03-01', au: '2026-03-07' }, 12_345);
  await validerDecompte(tresorier, decompte.id);
  const run = await tresorier.request('POST', '/api/gestion/reglements', { du: '2026-03-01', au: '2026-03-31' });
  const reglementId = run.json().crees[0].id as string;
  await tresorier.request('POST', `/api/gestion/reglements/${reglementId}/validation`);
  const virement = await tresorier.request('POST', '/api/gestion/reglements/paiements', {
    reglementIds: [reglementId],
    dateExecution: '2026-04-01',
  });
  expect(virement.statusCode, virement.body).toBe(201);
  const lot = await tresorier.request('POST', '/api/gestion/decomptes/calculs', { du: '2026-03-01', au: '2026-03-31' });
  expect(lot.statusCode, lot.body).toBe(202);
  // An issued contribution call (issue 11).
  const appel = await tresorier.request('POST', '/api/gestion/cotisations/appels', {
    contratId: c.id,
    collectiviteId: t.collectivite.id,
    annee: 2026,
  });
  expect(appel.statusCode, appel.body).toBe(201);
  const appelId = appel.json().id as string;
  await emettre(tresorier, appelId);
  const fraisCdg = await tresorier.request('POST', '/api/gestion/cotisations/frais', {
    du: '2030-01-01',
    modele: 'forfait_agent',
    montantParAgent: 7_000,
  });
  expect(fraisCdg.statusCode, fraisCdg.body).toBe(201);
  // A bank statement imported by the CDG (its review, not applied).
  const releve = multipartBody({ name: 'releve.csv', content: 'Date;Libellé;Montant\n2026-02-02;VIR;10,00\n' });
  const imp = await tresorier.request('POST', '/api/gestion/cotisations/releves', releve.payload, releve.headers);
  expect(imp.statusCode, imp.body).toBe(201);
  const frais = await saisirFrais(t.publicateur, accidentId);
  expect(frais.statusCode, frais.body).toBe(201);
  return {
    calculLotId: lot.json().id as string,
    appelId,
    releveId: imp.json().id as string,
    decompteId: decompte.id,
    reglementId,
    virementId: virement.json().id as string,
    fraisId: frais.json().id as string,
    fraisCdgId: fraisCdg.json().id as string,
    sinistreId,
    arretId,
    pieceId: piece.json().id as string,
    accidentId,
    agentId: agents.json().items[0].id as string,
    contratId: c.id,
    documentId: document!.id,
    baseId: base.json().id as string,
    importId: upload.json().id as string,
    nir: '1841276451089',
  };
}

const budgetOf = (a: Tenant) => a.admin.request('GET', '/api/budgets/2026');

/**
 * For every tenant route with a path parameter: an identifier of tenant A and a valid body, so that
 * the request from tenant B passes validation and reaches the tenant filter (404 expected). A route
 * whose parameter is not an identifier (a year) answers for B's own data: `expectStatus` says so,
 * and A's data is checked untouched at the end. A new route without an entry here fails the test,
 * so every new endpoint gets its isolation checked.
 */
const fixtures: Record<string, (a: Tenant) => { id?: string; url?: string; body?: unknown; expectStatus?: number }> = {
  'GET /api/comptes/:id': (a) => ({ id: a.users.lecteur.id }),
  'PATCH /api/comptes/:id': (a) => ({ id: a.users.lecteur.id, body: { role: 'publicateur' } }),
  'DELETE /api/comptes/:id': (a) => ({ id: a.users.lecteur.id }),
  'POST /api/comptes/:id/invitation': (a) => ({ id: a.users.lecteur.id }),
  'GET /api/contrats/:id': (a) => ({ id: a.world.contratId }),
  'GET /api/contrats/:id/documents/:documentId': (a) => ({
    url: `/api/contrats/${a.world.contratId}/documents/${a.world.documentId}`,
  }),
  'GET /api/bases/:id': (a) => ({ id: a.world.baseId }),
  'GET /api/cotisations/:id': (a) => ({ id: a.world.appelId }),
  'GET /api/cotisations/:id/avis.pdf': (a) => ({ id: a.world.appelId }),
  'GET /api/cotisations/:id/encaissements': (a) => ({ id: a.world.appelId }),
  'PUT /api/bases/:id': (a) => ({ id: a.world.baseId, body: { effectif: 1, tbi: 100 } }),
  'DELETE /api/bases/:id': (a) => ({ id: a.world.baseId }),
  'GET /api/budgets/:annee': () => ({ url: '/api/budgets/2026', expectStatus: 200 }),
  // B's own report (its name, its figures): the PDF is compressed, statistiques-rapport.test.ts reads its text.
  'GET /api/statistiques/rapport.pdf': () => ({ url: '/api/statistiques/rapport.pdf?annee=2026', expectStatus: 200 }),
  'PUT /api/budgets/:annee': () => ({
    url: '/api/budgets/2026',
    body: { montantCotisations: 1, montantAbsences: 1 },
    expectStatus: 200,
  }),
  // The year of A's arrêt: B gets its own RSU, none of A's figures.
  'GET /api/statistiques/rsu': () => ({ url: '/api/statistiques/rsu?annee=2026', expectStatus: 200 }),
  'GET /api/agents/imports/:id': (a) => ({ id: a.world.importId }),
  'GET /api/agents/par-nir': (a) => ({ url: `/api/agents/par-nir?nir=${a.world.nir}` }),
  'GET /api/agents/:id': (a) => ({ id: a.world.agentId }),
  'PUT /api/agents/:id': (a) => ({
    id: a.world.agentId,
    body: {
      nom: 'X',
      prenom: 'Y',
      dateNaissance: '1984-12-01',
      sexe: 'M',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2020-01-01',
      emploi: 'Agent',
      tempsTravail: 'complet',
    },
  }),
  'GET /api/sinistres/:id': (a) => ({ id: a.world.sinistreId }),
  'DELETE /api/sinistres/:id': (a) => ({ id: a.world.sinistreId }),
  'POST /api/sinistres/:id/arrets': (a) => ({
    id: a.world.sinistreId,
    body: { type: 'initial', debut: '2026-03-01', fin: '2026-03-02' },
  }),
  'POST /api/sinistres/:id/validation': (a) => ({ id: a.world.sinistreId }),
  'PUT /api/sinistres/:id/arrets/:arretId/salaire': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/arrets/${a.world.arretId}/salaire`,
    body: { tbi: 100 },
  }),
  'POST /api/sinistres/:id/reprise': (a) => ({ id: a.world.sinistreId, body: { date: '2026-03-05' } }),
  'PUT /api/sinistres/:id/enquete': (a) => ({ id: a.world.accidentId, body: ENQUETE }),
  'PUT /api/sinistres/:id/imputabilite': (a) => ({
    id: a.world.accidentId,
    body: { decision: 'reconnue', date: '2026-04-02', arretTravail: true },
  }),
  'GET /api/sinistres/:id/enquete.pdf': (a) => ({ id: a.world.accidentId }),
  'GET /api/sinistres/:id/attestation.pdf': (a) => ({ id: a.world.accidentId }),
  'GET /api/sinistres/:id/bon-remboursement.pdf': (a) => ({ id: a.world.accidentId }),
  'POST /api/sinistres/:id/requalifications': (a) => ({
    id: a.world.sinistreId,
    body: { vers: 'clm', motif: 'Avis du conseil médical' },
  }),
  'POST /api/sinistres/:id/commentaires': (a) => ({ id: a.world.sinistreId, body: { texte: 'Bonjour' } }),
  'POST /api/sinistres/:id/commentaires/lus': (a) => ({ id: a.world.sinistreId }),
  'GET /api/sinistres/:id/pieces': (a) => ({ id: a.world.sinistreId }),
  'POST /api/sinistres/:id/pieces': (a) => ({ id: a.world.sinistreId }),
  'GET /api/sinistres/:id/pieces/:pieceId/fichier': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/pieces/${a.world.pieceId}/fichier`,
  }),
  'DELETE /api/sinistres/:id/pieces/:pieceId': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/pieces/${a.world.pieceId}`,
  }),
  'GET /api/sinistres/:id/decisions': (a) => ({ id: a.world.sinistreId }),
  'GET /api/sinistres/:id/paiements': (a) => ({ id: a.world.sinistreId }),
  'GET /api/sinistres/:id/decomptes': (a) => ({ id: a.world.sinistreId }),
  'GET /api/sinistres/:id/decomptes/:decompteId/decompte.pdf': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/decomptes/${a.world.decompteId}/decompte.pdf`,
  }),
  'GET /api/reglements/:id': (a) => ({ id: a.world.reglementId }),
  'GET /api/reglements/:id/avis.pdf': (a) => ({ url: `/api/reglements/${a.world.reglementId}/avis.pdf` }),
  // B's own year: nothing received, A's payments not counted.
  'GET /api/reglements/recus/:annee': () => ({ url: '/api/reglements/recus/2026', expectStatus: 200 }),
  'GET /api/sinistres/:id/decisions/:decisionId/lettre.pdf': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/decisions/00000000-0000-4000-8000-000000000000/lettre.pdf`,
  }),
  'GET /api/sinistres/:id/controles-medicaux': (a) => ({ id: a.world.sinistreId }),
  'POST /api/sinistres/:id/controles-medicaux': (a) => ({ id: a.world.sinistreId, body: { type: 'expertise' } }),
  'GET /api/sinistres/:id/recours': (a) => ({ id: a.world.sinistreId }),
  'GET /api/sinistres/:id/reprise-suivi': (a) => ({ id: a.world.sinistreId }),
  'PUT /api/sinistres/:id/reprise-suivi': (a) => ({
    id: a.world.sinistreId,
    body: { prevueLe: '2026-04-01', forme: 'plein_temps' },
  }),
  'PUT /api/sinistres/:id/arrets/:arretId/certificat': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/arrets/${a.world.arretId}/certificat`,
    body: { certificatRecuLe: '2026-03-02', grossesse: true },
  }),
  'GET /api/sinistres/:id/salaires': (a) => ({ id: a.world.sinistreId }),
  'PUT /api/sinistres/:id/salaires': (a) => ({
    id: a.world.sinistreId,
    body: { mois: [{ mois: '2026-03', tbi: 100 }] },
  }),
  'GET /api/sinistres/:id/ijss': (a) => ({ id: a.world.sinistreId }),
  'POST /api/sinistres/:id/ijss': (a) => ({
    id: a.world.sinistreId,
    body: { du: '2026-03-01', au: '2026-03-02', montantJournalier: 100 },
  }),
  'PUT /api/sinistres/:id/ijss/:ijssId': (a) => ({
    url: `/api/sinistres/${a.world.sinistreId}/ijss/${ABSENT}`,
    body: { du: '2026-03-01', au: '2026-03-02', montantTotal: 100 },
  }),
  'DELETE /api/sinistres/:id/ijss/:ijssId': (a) => ({ url: `/api/sinistres/${a.world.sinistreId}/ijss/${ABSENT}` }),
  'GET /api/agents/:id/antecedents': (a) => ({ id: a.world.agentId }),
  'POST /api/agents/:id/antecedents': (a) => ({
    id: a.world.agentId,
    body: { categorie: 'maladie_ordinaire', du: '2019-01-07', au: '2019-01-11' },
  }),
  'DELETE /api/agents/:id/antecedents/:antecedentId': (a) => ({
    url: `/api/agents/${a.world.agentId}/antecedents/${ABSENT}`,
  }),
  'GET /api/sinistres/:id/frais-medicaux': (a) => ({ id: a.world.accidentId }),
  'POST /api/sinistres/:id/frais-medicaux': (a) => ({ id: a.world.accidentId }),
  'GET /api/sinistres/:id/frais-medicaux/:fraisId/facture': (a) => ({
    url: `/api/sinistres/${a.world.accidentId}/frais-medicaux/${a.world.fraisId}/facture`,
  }),
  'POST /api/agents/:id/depart': (a) => ({
    id: a.world.agentId,
    body: { dateDepart: '2026-01-01', motifDepart: 'mutation' },
  }),
};

const GARANTIE = {
  risque: 'maladie_ordinaire',
  couvert: true,
  franchiseNombre: 15,
  franchiseUnite: 'jours_fermes_par_arret',
  remboursementPct: 100,
  delaiDeclarationJours: 90,
  delaiPiecesJours: 90,
  delaiPiecesMedicalesJours: 730,
  delaiDecesJours: 3650,
};

const gestionSinistre = (a: Tenant) => `/api/gestion/sinistres/${a.world.sinistreId}`;
/** An identifier no row has, for the child records the other tenant's file is checked before. */
const ABSENT = '00000000-0000-4000-8000-000000000000';
const CONTROLE = {
  type: 'expertise',
  demandeur: 'assureur',
  medecin: 'Dr B',
  date: '2026-03-05',
  cout: 0,
  payePar: 'assureur',
};

/**
 * For every back-office route (`/api/gestion/...`, staff access) with a path parameter: an
 * identifier of tenant A and a valid body, so that a gestionnaire of another CDG passes validation
 * and reaches the scope filter (404 expected). Routes of the platform administrator alone are
 * checked to refuse any gestionnaire (403) and need no entry. A new route without an entry fails.
 */
const staffFixtures: Record<string, (a: Tenant) => { url: string; body?: unknown; multipart?: boolean }> = {
  'GET /api/gestion/contrats/:id': (a) => ({ url: `/api/gestion/contrats/${a.world.contratId}` }),
  'PUT /api/gestion/contrats/:id': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}`,
    body: {
      numero: 'CT-INTRUS',
      libelle: 'Contrat groupe',
      regime: 'CNRACL',
      assureur: 'Assureur intrus',
      courtier: null,
      dateEffet: '2024-01-01',
      dateFin: '2027-12-31',
      preavisAssureurMois: 6,
      preavisAssureMois: 4,
      tauxCotisation: 1,
      elementsAssurables: ['nbi'],
      garanties: [GARANTIE],
    },
  }),
  'POST /api/gestion/contrats/:id/documents': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/documents`,
    multipart: true,
  }),
  'GET /api/gestion/contrats/:id/documents/:documentId': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/documents/${a.world.documentId}`,
  }),
  'DELETE /api/gestion/contrats/:id/documents/:documentId': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/documents/${a.world.documentId}`,
  }),
  'PUT /api/gestion/contrats/:id/adhesions': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/adhesions`,
    body: { collectiviteId: a.collectivite.id, dateAdhesion: '2024-01-01' },
  }),
  'DELETE /api/gestion/contrats/:id/adhesions/:collectiviteId': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/adhesions/${a.collectivite.id}`,
  }),
  'GET /api/gestion/contrats/:id/renouvellement': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/renouvellement?successeurId=${a.world.contratId}`,
  }),
  'GET /api/gestion/contrats/:id/renouvellement/sinistres': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/renouvellement/sinistres?successeurId=${a.world.contratId}&sens=basculent`,
  }),
  'POST /api/gestion/contrats/:id/renouvellement': (a) => ({
    url: `/api/gestion/contrats/${a.world.contratId}/renouvellement`,
    body: { successeurId: a.world.contratId },
  }),
  'POST /api/gestion/sinistres/:id/commentaires': (a) => ({
    url: `/api/gestion/sinistres/${a.world.sinistreId}/commentaires`,
    body: { texte: 'Intrusion' },
  }),
  'GET /api/gestion/sinistres/:id': (a) => ({ url: gestionSinistre(a) }),
  'POST /api/gestion/sinistres/:id/pieces/:pieceId/decision': (a) => ({
    url: `${gestionSinistre(a)}/pieces/${a.world.pieceId}/decision`,
    body: { action: 'valider' },
  }),
  'GET /api/gestion/sinistres/:id/decisions': (a) => ({ url: `${gestionSinistre(a)}/decisions` }),
  'PATCH /api/gestion/cotisations/frais/:id': (a) => ({
    url: `/api/gestion/cotisations/frais/${a.world.fraisCdgId}`,
    body: { au: '2030-12-31' },
  }),
  'GET /api/gestion/cotisations/appels/:id': (a) => ({ url: `/api/gestion/cotisations/appels/${a.world.appelId}` }),
  'GET /api/gestion/cotisations/appels/:id/avis.pdf': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/avis.pdf`,
  }),
  'POST /api/gestion/cotisations/appels/:id/controle': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/controle`,
  }),
  'POST /api/gestion/cotisations/appels/:id/emission': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/emission`,
  }),
  'POST /api/gestion/cotisations/appels/:id/annulation': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/annulation`,
    body: { motif: 'Intrus' },
  }),
  'GET /api/gestion/cotisations/appels/:id/encaissements': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/encaissements`,
  }),
  'POST /api/gestion/cotisations/appels/:id/encaissements': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/encaissements`,
    body: { montant: 100, date: '2026-02-01', mode: 'virement' },
  }),
  'GET /api/gestion/cotisations/releves/:id': (a) => ({ url: `/api/gestion/cotisations/releves/${a.world.releveId}` }),
  'POST /api/gestion/cotisations/releves/:id/application': (a) => ({
    url: `/api/gestion/cotisations/releves/${a.world.releveId}/application`,
  }),
  'POST /api/gestion/cotisations/appels/:id/regularisation': (a) => ({
    url: `/api/gestion/cotisations/appels/${a.world.appelId}/regularisation`,
    body: { dateEcheance: '2027-05-31' },
  }),
  'GET /api/gestion/reglements/:id': (a) => ({ url: `/api/gestion/reglements/${a.world.reglementId}` }),
  'POST /api/gestion/reglements/:id/validation': (a) => ({
    url: `/api/gestion/reglements/${a.world.reglementId}/validation`,
  }),
  'POST /api/gestion/reglements/:id/paiement': (a) => ({
    url: `/api/gestion/reglements/${a.world.reglementId}/paiement`,
  }),
  'POST /api/gestion/reglements/:id/reemission': (a) => ({
    url: `/api/gestion/reglements/${a.world.reglementId}/reemission`,
  }),
  'POST /api/gestion/reglements/:id/rejet': (a) => ({
    url: `/api/gestion/reglements/${a.world.reglementId}/rejet`,
    body: { motif: 'Compte clos' },
  }),
  'POST /api/gestion/decomptes/:id/validation': (a) => ({
    url: `/api/gestion/decomptes/${a.world.decompteId}/validation`,
  }),
  'GET /api/gestion/sinistres/:id/decomptes': (a) => ({ url: `${gestionSinistre(a)}/decomptes` }),
  'GET /api/gestion/sinistres/:id/decomptes/:decompteId/decompte.pdf': (a) => ({
    url: `${gestionSinistre(a)}/decomptes/${a.world.decompteId}/decompte.pdf`,
  }),
  'POST /api/gestion/sinistres/:id/decomptes': (a) => ({
    url: `${gestionSinistre(a)}/decomptes`,
    body: { du: '2026-03-01', au: '2026-03-31' },
  }),
  'POST /api/gestion/sinistres/:id/decomptes/recalcul': (a) => ({ url: `${gestionSinistre(a)}/decomptes/recalcul` }),
  'GET /api/gestion/decomptes/calculs/:id': (a) => ({ url: `/api/gestion/decomptes/calculs/${a.world.calculLotId}` }),
  'GET /api/gestion/virements/:id/pain.001.xml': (a) => ({
    url: `/api/gestion/virements/${a.world.virementId}/pain.001.xml`,
  }),
  'POST /api/gestion/sinistres/:id/decisions': (a) => ({
    url: `${gestionSinistre(a)}/decisions`,
    body: { type: 'sursis_a_statuer', motif: 'Intrusion' },
  }),
  'GET /api/gestion/sinistres/:id/decisions/:decisionId/lettre.pdf': (a) => ({
    url: `${gestionSinistre(a)}/decisions/${ABSENT}/lettre.pdf`,
  }),
  'GET /api/gestion/sinistres/:id/controles-medicaux': (a) => ({ url: `${gestionSinistre(a)}/controles-medicaux` }),
  'POST /api/gestion/sinistres/:id/controles-medicaux': (a) => ({
    url: `${gestionSinistre(a)}/controles-medicaux`,
    body: CONTROLE,
  }),
  'PUT /api/gestion/sinistres/:id/controles-medicaux/:controleId': (a) => ({
    url: `${gestionSinistre(a)}/controles-medicaux/${ABSENT}`,
    body: CONTROLE,
  }),
  'GET /api/gestion/sinistres/:id/recours': (a) => ({ url: `${gestionSinistre(a)}/recours` }),
  'PUT /api/gestion/sinistres/:id/recours': (a) => ({
    url: `${gestionSinistre(a)}/recours`,
    body: { tiersNom: 'X', responsabilite: 10_000, fraisMedicaux: 0, rembourseParAssureur: 0 },
  }),
  'POST /api/gestion/sinistres/:id/recours/actions': (a) => ({
    url: `${gestionSinistre(a)}/recours/actions`,
    body: { date: '2026-04-01', type: 'courrier', libelle: 'Intrusion', prochaineRelance: '2026-05-01' },
  }),
  'POST /api/gestion/sinistres/:id/recours/recouvrements': (a) => ({
    url: `${gestionSinistre(a)}/recours/recouvrements`,
    body: { date: '2026-04-01', montant: 1 },
  }),
  'GET /api/gestion/sinistres/:id/reprise-suivi': (a) => ({ url: `${gestionSinistre(a)}/reprise-suivi` }),
  'PUT /api/gestion/sinistres/:id/reprise-suivi': (a) => ({
    url: `${gestionSinistre(a)}/reprise-suivi`,
    body: { prevueLe: '2026-04-01', forme: 'plein_temps' },
  }),
  'GET /api/gestion/sinistres/:id/frais-medicaux': (a) => ({
    url: `/api/gestion/sinistres/${a.world.accidentId}/frais-medicaux`,
  }),
  'GET /api/gestion/sinistres/:id/frais-medicaux/:fraisId/facture': (a) => ({
    url: `/api/gestion/sinistres/${a.world.accidentId}/frais-medicaux/${a.world.fraisId}/facture`,
  }),
  'POST /api/gestion/sinistres/:id/frais-medicaux/:fraisId/decision': (a) => ({
    url: `/api/gestion/sinistres/${a.world.accidentId}/frais-medicaux/${a.world.fraisId}/decision`,
    body: { action: 'valider' },
  }),
  // A saved filter belongs to its handler: another's is not found.
  'DELETE /api/gestion/corbeille/filtres/:id': () => ({ url: `/api/gestion/corbeille/filtres/${ABSENT}` }),
};

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

describeEachDatabase('matrice d’accès (générée depuis la table des routes)', (ctx) => {
  async function routeTable(): Promise<Route[]> {
    const { app, routes } = await buildApp({
      config: testConfig(),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: '/nonexistent',
    });
    await app.close();
    return routes;
  }

  it('every API route declares who may call it', async () => {
    const routes = await routeTable();
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access && r.url !== '/api/openapi.json');
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    for (const route of (await routeTable()).filter((r) => r.access && r.access.kind !== 'public')) {
      const response = await ctx().app.inject({
        method: route.method as 'GET',
        url: route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000'),
        payload: isWrite(route.method) ? {} : undefined,
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('answers 404 to a user of another collectivité on every tenant route, and lists never leak', async () => {
    const tenant = await tenantWithUsers(ctx());
    const a: Tenant = { ...tenant, world: await populate(ctx(), tenant) };
    const budgetBefore = (await budgetOf(a)).json();
    const b = await tenantWithUsers(ctx());
    const tenantRoutes = (await routeTable()).filter((r) => r.access?.kind === 'collectivite');
    expect(tenantRoutes.length).toBeGreaterThan(0);
    for (const route of tenantRoutes) {
      const key = `${route.method} ${route.url}`;
      if (route.url.includes(':') || fixtures[key]) {
        const fixture = fixtures[key];
        expect(fixture, `pas de jeu d’essai d’isolation pour ${key} : ajoutez-le`).toBeDefined();
        const { id, url, body, expectStatus } = await fixture!(a);
        const response = await b.admin.request(route.method as 'GET', url ?? route.url.replace(':id', id!), body);
        expect(response.statusCode, `${key} : ${response.body}`).toBe(expectStatus ?? 404);
        for (const secret of Object.values(a.world))
          expect(response.body, `${key} laisse voir une donnée de A`).not.toContain(secret);
      } else if (route.method === 'GET') {
        const response = await b.admin.request('GET', route.url);
        expect(response.statusCode, key).toBe(200);
        const text = response.body;
        for (const secret of [a.collectivite.id, a.users.admin.email, a.users.lecteur.id, ...Object.values(a.world)]) {
          expect(text, `${key} laisse voir une donnée de l’autre collectivité`).not.toContain(secret);
        }
      }
    }
    // A gestionnaire of B's CDG: he cannot choose A, and A's ids are a 404 in B and in the back office.
    const { client: g } = await staffMember(ctx(), { cdgId: b.collectivite.cdgId });
    const switchToA = await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: a.collectivite.id });
    expect(switchToA.statusCode).toBe(404);
    const switchToB = await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: b.collectivite.id });
    expect(switchToB.statusCode).toBe(200);
    for (const route of tenantRoutes.filter((r) => fixtures[`${r.method} ${r.url}`])) {
      const key = `${route.method} ${route.url}`;
      const { id, url, body, expectStatus } = await fixtures[key]!(a);
      const response = await g.request(route.method as 'GET', url ?? route.url.replace(':id', id!), body);
      // He reads a collectivité of his scope, and writes only where the route says so.
      const reserved = isWrite(route.method) && !(route.access?.kind === 'collectivite' && route.access.staff);
      expect(response.statusCode, `gestionnaire d’un autre CDG, ${key} : ${response.body}`).toBe(
        reserved ? 403 : (expectStatus ?? 404),
      );
      for (const secret of Object.values(a.world))
        expect(response.body, `${key} laisse voir une donnée de A à un autre CDG`).not.toContain(secret);
    }
    const staffRoutes = (await routeTable()).filter((r) => r.access?.kind === 'staff' && r.url.includes(':'));
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const route of staffRoutes) {
      const key = `${route.method} ${route.url}`;
      const access = route.access as Extract<Access, { kind: 'staff' }>;
      if (access.staffRole === 'admin_plateforme') {
        const url = route.url.replace(/:\w+/g, a.world.contratId);
        expect(
          (await g.request(route.method as 'GET', url, isWrite(route.method) ? {} : undefined)).statusCode,
          key,
        ).toBe(403);
        continue;
      }
      const fixture = staffFixtures[key];
      expect(fixture, `pas de jeu d’essai d’isolation (gestion) pour ${key} : ajoutez-le`).toBeDefined();
      const { url, body, multipart } = fixture!(a);
      const file = multipartBody({ name: 'intrus.pdf', content: TINY_PDF });
      const response = multipart
        ? await g.request(route.method as 'POST', url, file.payload, file.headers)
        : await g.request(route.method as 'GET', url, body);
      expect(response.statusCode, `${key} : ${response.body}`).toBe(404);
      for (const secret of Object.values(a.world))
        expect(response.body, `${key} laisse voir une donnée de A`).not.toContain(secret);
    }
    expect((await a.admin.request('GET', `/api/contrats/${a.world.contratId}`)).json().numero).not.toBe('CT-INTRUS');

    // Tenant A's data is untouched by all of B's attempts.
    const list = await a.admin.request('GET', '/api/comptes');
    expect(list.json().total).toBe(3);
    expect(list.json().items.find((c: { id: string }) => c.id === a.users.lecteur.id).role).toBe('lecteur');
    expect((await a.admin.request('GET', `/api/bases/${a.world.baseId}`)).json().tbi).toBe(9_000_000);
    expect((await budgetOf(a)).json()).toEqual(budgetBefore);
    const sinistreA = (await a.admin.request('GET', `/api/sinistres/${a.world.sinistreId}`)).json();
    expect(sinistreA).toMatchObject({ statut: 'brouillon', commentaires: [], requalifications: [] });
    expect(sinistreA.arrets[0]).toMatchObject({ fin: '2026-03-07', reprise: null, salaire: { tbi: null } });
    expect(
      (await a.admin.request('GET', `/api/sinistres/${a.world.sinistreId}/pieces`)).json().exigences[0].pieces,
    ).toHaveLength(1);
  });

  it('refuses switching to another collectivité as if it did not exist', async () => {
    const a = await tenantWithUsers(ctx());
    const b = await tenantWithUsers(ctx());
    const response = await b.admin.request('PUT', '/api/auth/session/collectivite', {
      collectiviteId: a.collectivite.id,
    });
    expect(response.statusCode).toBe(404);
  });

  it('answers 403 to a Lecteur on every write of a collectivité, before anything is read or written', async () => {
    const t = await tenantWithUsers(ctx());
    const writes = (await routeTable()).filter((r) => r.access?.kind === 'collectivite' && isWrite(r.method));
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      const response = await t.lecteur.request(
        route.method as 'POST',
        route.url.replace(/:\w+/g, t.users.admin.id),
        {},
      );
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().detail).toContain('lecture seule');
    }
  });

  it('gives every role its own notifications on every notification route, and another’s are not found', async () => {
    const a = await tenantWithUsers(ctx());
    const b = await tenantWithUsers(ctx());
    const notifications = createNotificationsRepository();
    const told = await notifications.notifier(
      ctx().database.db,
      ctx().clock.now(),
      ['administrateur', 'publicateur', 'lecteur'],
      [{ collectiviteId: a.collectivite.id, kind: 'alerte', titre: 'Alerte', lien: '/accueil', sujet: 'matrice' }],
    );
    const ofA = told.find((n) => n.userId === a.users.admin.id)!.id;
    const { client: staff } = await staffMember(ctx(), { cdgId: a.collectivite.cdgId });
    const routes = (await routeTable()).filter((r) => r.url.startsWith('/api/notifications'));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/notifications',
      'GET /api/notifications/non-lues',
      'POST /api/notifications/:id/lue',
      'POST /api/notifications/lues',
    ]);
    const callers = { ...a, bAdmin: b.admin, bLecteur: b.lecteur, staff };
    for (const [role, client] of Object.entries(callers).filter(([k]) => k !== 'collectivite' && k !== 'users')) {
      const c = client as typeof staff;
      for (const route of routes) {
        const own = role === 'admin';
        const response = await c.request(route.method as 'GET', route.url.replace(':id', ofA));
        const expected = route.url.includes(':id') && !own ? 404 : 200;
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(expected);
        if (!own) expect(response.body, `${role} ${route.method} ${route.url}`).not.toContain(ofA);
      }
    }
    // The administrateur's own reading went through.
    expect((await a.admin.request('GET', '/api/notifications')).json().items[0].lueLe).not.toBeNull();
  });

  it('lets a Lecteur and a Publicateur read but keeps account management to administrators', async () => {
    const t = await tenantWithUsers(ctx());
    expect((await t.publicateur.request('GET', '/api/comptes')).statusCode).toBe(403);
    expect((await t.lecteur.request('GET', '/api/auth/session')).statusCode).toBe(200);
    expect((await t.lecteur.request('GET', '/api/actualites')).statusCode).toBe(200);
    expect((await t.lecteur.request('GET', '/api/aide/guide')).statusCode).toBe(200);
    expect((await t.lecteur.request('GET', '/api/aide/faq?q=arret')).statusCode).toBe(200);
  });

  it('refuses every cookie-authenticated write without the CSRF token', async () => {
    const t = await tenantWithUsers(ctx());
    for (const route of (await routeTable()).filter(
      (r) => r.access && r.access.kind !== 'public' && isWrite(r.method),
    )) {
      const response = await ctx().app.inject({
        method: route.method as 'POST',
        url: route.url.replace(/:\w+/g, t.users.lecteur.id),
        cookies: { statutis_session: t.admin.cookie },
        payload: {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().code).toBe('csrf_invalide');
    }
  });

  it('refuses a cross-site write even with a valid token', async () => {
    const t = await tenantWithUsers(ctx());
    const response = await t.admin.request(
      'PATCH',
      `/api/comptes/${t.users.lecteur.id}`,
      { role: 'publicateur' },
      { origin: 'https://evil.example' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('origine_refusee');
  });

  it('answers 403 reserve_collectivite to staff on every employer write not open to them', async () => {
    const t = await tenantWithUsers(ctx());
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id });
    const writes = (await routeTable()).filter(
      (r) => r.access?.kind === 'collectivite' && isWrite(r.method) && !r.access.staff,
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      const response = await g.request(route.method as 'POST', route.url.replace(/:\w+/g, t.users.admin.id), {});
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().code, `${route.method} ${route.url}`).toBe('reserve_collectivite');
    }
  });

  it('keeps an insurer’s staff to the contracts he is party to, and to their sinistres', async () => {
    const db = ctx().database.db;
    const t = await tenantWithUsers(ctx());
    const [sien, autre] = [await createAssureur(db), await createAssureur(db)];
    const risques = ['maladie_ordinaire'];
    const cdgId = t.collectivite.cdgId;
    // The collectivité holds two contracts: his (IRCANTEC) and another insurer's (CNRACL).
    const ircantec = await createContrat(db, {
      cdgId,
      collectiviteIds: [t.collectivite.id],
      regime: 'IRCANTEC',
      risques,
      assureurId: sien.id,
    });
    const cnracl = await createContrat(db, {
      cdgId,
      collectiviteIds: [t.collectivite.id],
      risques,
      assureurId: autre.id,
    });
    const base = { annee: 2026, type: 'previsionnelle', effectif: 3, tbi: 9_000_000 };
    for (const contratId of [ircantec.id, cnracl.id])
      expect((await t.publicateur.request('POST', '/api/bases', { ...base, contratId })).statusCode).toBe(201);
    const agent = await t.publicateur.request('POST', '/api/agents', {
      nir: '1841276451089',
      nom: 'DUPONT',
      prenom: 'Jean',
      dateNaissance: '1984-12-01',
      sexe: 'M',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2020-01-01',
      emploi: 'Agent',
      tempsTravail: 'complet',
    });
    expect(agent.statusCode, agent.body).toBe(201);
    const sinistre = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: agent.json().id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-03-01',
      tiersImplique: false,
    });
    expect(sinistre.statusCode, sinistre.body).toBe(201);
    expect(sinistre.json().contratId).toBe(cnracl.id);

    const { client: insurer } = await staffMember(ctx(), { assureurId: sien.id });
    expect((await insurer.request('GET', `/api/gestion/contrats/${ircantec.id}`)).statusCode).toBe(200);
    expect((await insurer.request('GET', `/api/gestion/contrats/${cnracl.id}`)).statusCode).toBe(404);
    const comment = await insurer.request('POST', `/api/gestion/sinistres/${sinistre.json().id}/commentaires`, {
      texte: 'Relance.',
    });
    expect(comment.statusCode, comment.body).toBe(404);
    // He reaches the collectivité through his contract, and sees there only what is his.
    const choose = await insurer.request('PUT', '/api/auth/session/collectivite', {
      collectiviteId: t.collectivite.id,
    });
    expect(choose.statusCode).toBe(200);
    const contrats = (await insurer.request('GET', '/api/contrats')).json();
    expect(contrats.items.map((c: { id: string }) => c.id)).toEqual([ircantec.id]);
    expect((await insurer.request('GET', `/api/contrats/${cnracl.id}`)).statusCode).toBe(404);
    const bases = (await insurer.request('GET', '/api/bases')).json();
    expect(bases.items.map((b: { contratId: string }) => b.contratId)).toEqual([ircantec.id]);
    // The other insurer's sinistre, in the very collectivité he reads: not found, nor listed, nor on his desk.
    const id = sinistre.json().id as string;
    expect((await insurer.request('GET', `/api/sinistres/${id}`)).statusCode).toBe(404);
    expect((await insurer.request('GET', `/api/sinistres/${id}/pieces`)).statusCode).toBe(404);
    expect((await insurer.request('GET', '/api/sinistres')).body).not.toContain(id);
    expect((await insurer.request('GET', `/api/gestion/sinistres/${id}`)).statusCode).toBe(404);
    // The other insurer's staff reaches the collectivité too, but not this contract.
    const { client: other } = await staffMember(ctx(), { assureurId: autre.id });
    expect((await other.request('GET', `/api/gestion/contrats/${ircantec.id}`)).statusCode).toBe(404);
  });

  it('gives staff roles only their scope', async () => {
    const t = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const gestionnaire = await createUser(ctx().database.db, {
      staffRole: 'gestionnaire',
      staffCdgId: t.collectivite.cdgId,
    });
    const g = await login(ctx(), gestionnaire.email);
    expect(
      (await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id })).statusCode,
    ).toBe(200);
    expect(
      (await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: other.collectivite.id })).statusCode,
    ).toBe(404);
    // In a collectivité of his CDG he reads, but does not act as one of its users.
    expect((await g.request('GET', '/api/sinistres')).statusCode).toBe(200);
    const declared = await g.request('POST', '/api/sinistres', {
      agentId: t.users.admin.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-03-01',
      tiersImplique: false,
    });
    expect(declared.statusCode).toBe(403);
    expect(declared.json().code).toBe('reserve_collectivite');
    const session = (await g.request('GET', '/api/auth/session')).json();
    expect(session.current).toMatchObject({ id: t.collectivite.id, role: null });
    expect(session.user.organisation).toEqual(expect.any(String));
    expect((await t.admin.request('POST', '/api/actualites', { titre: 'x', contenu: 'y' })).statusCode).toBe(403);
    // The help is the platform's: neither a collectivité's administrator nor a CDG's staff writes it.
    for (const client of [t.admin, g]) {
      const faq = { module: 'agents', question: 'x', reponse: 'y' };
      expect((await client.request('POST', '/api/aide/faq', faq)).statusCode).toBe(403);
      expect(
        (await client.request('POST', '/api/aide/guide', { module: 'agents', titre: 'x', contenu: 'y' })).statusCode,
      ).toBe(403);
    }
    expect((await t.admin.request('GET', '/api/cdgs')).statusCode).toBe(403);
  });
});
