import type { TCorbeilleLigne } from '@statutis/domain';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { fraisMedical } from '../src/modules/frais-medicaux/frais-medicaux.table.js';
import { refreshFile } from '../src/modules/gestion/corbeille.repository.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import type { Client } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { IBAN_COLLECTIVITE, tresorier, validerDecompte } from './reglements-world.js';
import { declareSinistre, FRAIS_KINE, insuredTenant, saisirFrais } from './world.js';

const IBAN_KINE = 'FR7630006000011234567890189';
const AVRIL = { du: '2026-04-01', au: '2026-04-30' };

/**
 * A collectivité with its IBAN, an accident de service of 01/04/2026 sent to the handler, and a
 * gestionnaire of its CDG with the organisation's payment settings.
 */
async function monde(ctx: TestContext) {
  const world = await insuredTenant(ctx);
  const { t, agentId } = world;
  const iban = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
    iban: IBAN_COLLECTIVITE,
    bic: 'agrifrpp',
    titulaire: 'Commune d’Hellemmes',
  });
  expect(iban.statusCode, iban.body).toBe(200);
  const accidentId = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-04-01');
  // Opened behind the workflow's back (its validation is not this test's subject): the queue follows.
  const db = ctx.database.db;
  await db.update(sinistre).set({ statut: 'ouvert', examineLe: new Date() }).where(eq(sinistre.id, accidentId));
  await db.transaction((tx) => refreshFile(tx, accidentId));
  const g = await tresorier(ctx, t.collectivite.cdgId);
  return { ...world, accidentId, g: g.client };
}

/** A consultation paid back to the collectivité, a course of physiotherapy paid to the practitioner. */
async function deuxFrais(publicateur: Client, accidentId: string) {
  const consultation = await saisirFrais(publicateur, accidentId, {
    ...FRAIS_KINE,
    dateSoins: '2026-04-02',
    nature: 'consultation',
    prestataire: 'Dr Claire Faure',
    montantFacture: '30,00',
  });
  expect(consultation.statusCode, consultation.body).toBe(201);
  const kine = await saisirFrais(publicateur, accidentId, {
    ...FRAIS_KINE,
    montantPrisEnCharge: '234,56',
    beneficiaire: 'praticien',
    beneficiaireNom: 'Cabinet Kiné du Port',
    beneficiaireIban: IBAN_KINE,
  });
  expect(kine.statusCode, kine.body).toBe(201);
  return { consultation: consultation.json().id as string, kine: kine.json().id as string };
}

const decider = (g: Client, accidentId: string, fraisId: string, body: object) =>
  g.request('POST', `/api/gestion/sinistres/${accidentId}/frais-medicaux/${fraisId}/decision`, body);

async function corbeille(g: Client): Promise<TCorbeilleLigne[]> {
  const r = await g.request('GET', '/api/gestion/corbeille?type=frais_medicaux');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
}

describeEachDatabase('frais médicaux payés : décomptes, règlements, virement', (ctx) => {
  it('pays the validated fees to the collectivité and to the practitioner, in two règlements of one SEPA file', async () => {
    const { accidentId, g, t } = await monde(ctx());
    const { consultation, kine } = await deuxFrais(t.publicateur, accidentId);
    for (const id of [consultation, kine])
      expect((await decider(g, accidentId, id, { action: 'valider' })).statusCode).toBe(200);

    // No arrêt on this file: only the fees are paid, one décompte per payee.
    const calcul = await g.request('POST', `/api/gestion/sinistres/${accidentId}/decomptes`, AVRIL);
    expect(calcul.statusCode, calcul.body).toBe(200);
    expect(calcul.json().message).toMatch(
      /^Aucun jour d’arrêt de ce sinistre du 01\/04\/2026 au 30\/04\/2026\. Décompte D-2026-\d{6} : Frais médicaux remboursés à la collectivité : 1 facture de soins du 02\/04\/2026 \(30,00\u00a0€\)\. Décompte D-2026-\d{6} : Frais médicaux versés à Cabinet Kiné du Port : 1 facture de soins du 10\/04\/2026 \(1\u202f000,00\u00a0€\)\.$/,
    );
    const liste = (await g.request('GET', `/api/gestion/sinistres/${accidentId}/decomptes`)).json().items;
    const frais = liste.filter((d: { nature: string }) => d.nature === 'frais_medicaux');
    const byBeneficiaire = Object.fromEntries(frais.map((d: { beneficiaire: string }) => [d.beneficiaire, d]));
    expect(byBeneficiaire.collectivite).toMatchObject({
      periode: { du: '2026-04-02', au: '2026-04-02' },
      montant: 3_000,
      aRegler: 3_000,
      praticien: null,
      lignes: [{ mois: '2026-04', element: 'frais', montant: 3_000, libelle: 'Consultation, visite du 02/04/2026' }],
    });
    // 1 234,56 − 234,56 already covered = 1 000,00 €.
    expect(byBeneficiaire.praticien).toMatchObject({
      periode: { du: '2026-04-10', au: '2026-04-10' },
      montant: 100_000,
      aRegler: 100_000,
      praticien: 'Cabinet Kiné du Port',
      lignes: [{ montant: 100_000, libelle: 'Kinésithérapie du 10/04/2026' }],
    });
    const db = ctx().database.db;
    const rows = await db.select().from(fraisMedical).where(eq(fraisMedical.sinistreId, accidentId));
    expect(Object.fromEntries(rows.map((f) => [f.id, f.decompteId]))).toEqual({
      [consultation]: byBeneficiaire.collectivite.id,
      [kine]: byBeneficiaire.praticien.id,
    });
    const journal = await db.select().from(auditEvent).where(eq(auditEvent.entityId, kine));
    expect(journal.map((e) => e.action).sort()).toEqual(['mise_en_decompte', 'saisie', 'validation_frais']);
    expect((await t.lecteur.request('GET', `/api/sinistres/${accidentId}/frais-medicaux`)).json().items).toEqual([
      expect.objectContaining({ id: kine, regle: true }),
      expect.objectContaining({ id: consultation, regle: true }),
    ]);

    for (const d of frais) await validerDecompte(g, d.id);
    const run = await g.request('POST', '/api/gestion/reglements', AVRIL);
    expect(run.statusCode, run.body).toBe(201);
    const reglements = Object.fromEntries(run.json().crees.map((r: { beneficiaire: string }) => [r.beneficiaire, r]));
    expect(reglements.collectivite).toMatchObject({ montant: 3_000, nombreDecomptes: 1 });
    expect(reglements.praticien).toMatchObject({
      montant: 100_000,
      compte: { iban: IBAN_KINE, titulaire: 'Cabinet Kiné du Port' },
    });
    const ids = [reglements.collectivite.id, reglements.praticien.id];
    for (const id of ids)
      expect((await g.request('POST', `/api/gestion/reglements/${id}/validation`)).statusCode).toBe(200);
    const virement = await g.request('POST', '/api/gestion/reglements/paiements', {
      reglementIds: ids,
      dateExecution: '2026-11-27',
    });
    expect(virement.statusCode, virement.body).toBe(201);
    const xml = (await g.request('GET', `/api/gestion/virements/${virement.json().id}/pain.001.xml`)).body;
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>1030.00</CtrlSum>');
    expect(xml).toContain('<Cdtr><Nm>Cabinet Kine du Port</Nm></Cdtr>');
    expect(xml).toContain(`<IBAN>${IBAN_KINE}</IBAN>`);
    expect(xml).toContain(`<IBAN>${IBAN_COLLECTIVITE.replace(/\s/g, '')}</IBAN>`);
  });

  it('never pays a fee twice: a second computation, by the handler or the batch, finds nothing more', async () => {
    const { accidentId, g, t } = await monde(ctx());
    const { consultation, kine } = await deuxFrais(t.publicateur, accidentId);
    await decider(g, accidentId, consultation, { action: 'valider' });
    await decider(g, accidentId, kine, { action: 'refuser', motif: 'Soins sans lien avec l’accident.' });
    const first = await g.request('POST', `/api/gestion/sinistres/${accidentId}/decomptes`, AVRIL);
    expect(first.json().decompte).toMatchObject({ nature: 'frais_medicaux', montant: 3_000 });
    const again = await g.request('POST', `/api/gestion/sinistres/${accidentId}/decomptes`, AVRIL);
    expect(again.json()).toEqual({
      decompte: null,
      message: 'Aucun jour d’arrêt de ce sinistre du 01/04/2026 au 30/04/2026.',
    });
    const lot = await g.request('POST', '/api/gestion/decomptes/calculs', AVRIL);
    expect(lot.statusCode, lot.body).toBe(202);
    await ctx().jobs.drain();
    const liste = (await g.request('GET', `/api/gestion/sinistres/${accidentId}/decomptes`)).json().items;
    // The refused fee is never paid; the validated one once.
    expect(liste.map((d: { nature: string; montant: number }) => [d.nature, d.montant])).toEqual([
      ['frais_medicaux', 3_000],
    ]);

    // A later invoice of the same day is paid by a décompte of its own, beside the first (not replacing it).
    const pharmacie = await saisirFrais(t.publicateur, accidentId, {
      ...FRAIS_KINE,
      dateSoins: '2026-04-02',
      nature: 'pharmacie',
      prestataire: 'Pharmacie Centrale',
      montantFacture: '45,80',
    });
    await decider(g, accidentId, pharmacie.json().id, { action: 'valider' });
    const second = await g.request('POST', `/api/gestion/sinistres/${accidentId}/decomptes`, AVRIL);
    expect(second.json().decompte).toMatchObject({
      nature: 'frais_medicaux',
      periode: { du: '2026-04-02', au: '2026-04-02' },
      montant: 4_580,
      dejaRegle: 0,
      aRegler: 4_580,
      lignes: [{ libelle: 'Pharmacie du 02/04/2026' }],
    });
    const tous = (await g.request('GET', `/api/gestion/sinistres/${accidentId}/decomptes`)).json().items;
    expect(tous.map((d: { statut: string; aRegler: number }) => [d.statut, d.aRegler]).sort()).toEqual([
      ['calcule', 3_000],
      ['calcule', 4_580],
    ]);
  });

  it('the batch of the period pays the validated fees of a file without arrêt', async () => {
    const { accidentId, g, t } = await monde(ctx());
    const { consultation } = await deuxFrais(t.publicateur, accidentId);
    await decider(g, accidentId, consultation, { action: 'valider' });
    const lot = await g.request('POST', '/api/gestion/decomptes/calculs', AVRIL);
    expect(lot.statusCode, lot.body).toBe(202);
    await ctx().jobs.drain();
    const suivi = (await g.request('GET', `/api/gestion/decomptes/calculs/${lot.json().id}`)).json();
    expect(suivi).toMatchObject({ statut: 'termine', total: 1, calcules: 1 });
    const liste = (await g.request('GET', `/api/gestion/sinistres/${accidentId}/decomptes`)).json().items;
    expect(liste).toEqual([expect.objectContaining({ nature: 'frais_medicaux', beneficiaire: 'collectivite' })]);
  });

  it('shows the file in the corbeille while a fee waits for its decision, not after', async () => {
    const { accidentId, g, t } = await monde(ctx());
    expect(await corbeille(g)).toEqual([]);
    const { consultation, kine } = await deuxFrais(t.publicateur, accidentId);
    const [ligne] = await corbeille(g);
    expect(ligne).toMatchObject({ sinistreId: accidentId, types: expect.arrayContaining(['frais_medicaux']) });
    const compteurs = (await g.request('GET', '/api/gestion/corbeille/compteurs')).json();
    expect(compteurs.parType.frais_medicaux).toBe(1);
    await decider(g, accidentId, consultation, { action: 'valider' });
    // One invoice still waits.
    expect((await corbeille(g)).map((l) => l.sinistreId)).toEqual([accidentId]);
    await decider(g, accidentId, kine, { action: 'refuser', motif: 'Soins sans lien avec l’accident.' });
    expect(await corbeille(g)).toEqual([]);
  });
});
