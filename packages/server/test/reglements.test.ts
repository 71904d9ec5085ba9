import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { staffMember } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { pdfText } from './pdf-text.js';
import { enregistrer, IBAN_COLLECTIVITE, tresorier, validerDecompte } from './reglements-world.js';
import { declareSinistre, insuredTenant } from './world.js';

const XSD = readFileSync(new URL('./fixtures/pain.001.001.09.xsd', import.meta.url), 'utf8');
const NOVEMBRE = { du: '2026-11-01', au: '2026-11-30' };
const OCTOBRE = { du: '2026-10-01', au: '2026-10-31' };

/** A collectivité with its IBAN, a sinistre of its agent, and a gestionnaire of its CDG. */
async function monde(ctx: TestContext, seuil: number | null = null) {
  const world = await insuredTenant(ctx);
  const { t, agentId } = world;
  const iban = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
    iban: IBAN_COLLECTIVITE,
    bic: 'agrifrpp',
    titulaire: 'Commune d’Hellemmes',
  });
  expect(iban.statusCode, iban.body).toBe(200);
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-10-01');
  const g = await tresorier(ctx, t.collectivite.cdgId, seuil);
  return { ...world, sinistreId, g: g.client, gUser: g.user };
}

describeEachDatabase('décomptes et règlements', (ctx) => {
  it('numbers each new version of a décompte and pays only the regularisation, negative included', async () => {
    const { sinistreId, g } = await monde(ctx());
    const v1 = await enregistrer(ctx(), sinistreId, OCTOBRE, 123_456);
    expect(v1).toMatchObject({ version: 1, dejaRegle: 0, aRegler: 123_456, statut: 'calcule' });
    expect(v1.numero).toMatch(/^D-2026-\d{6}$/);
    await validerDecompte(g, v1.id);
    // A validated décompte is never rewritten.
    const again = await g.request('POST', `/api/gestion/decomptes/${v1.id}/validation`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Ce décompte est déjà validé.');
    // Requalification MO → CLM: October is now worth 2 000,00 €; 2 000,00 − 1 234,56 = 765,44 to pay.
    const v2 = await enregistrer(ctx(), sinistreId, OCTOBRE, 200_000);
    expect(v2).toMatchObject({ version: 2, dejaRegle: 123_456, aRegler: 76_544, remplaceId: v1.id });
    // Recomputed before validation: v2 is abandoned, v3 replaces it, still against v1 only.
    const v3 = await enregistrer(ctx(), sinistreId, OCTOBRE, 150_000);
    expect(v3).toMatchObject({ version: 3, dejaRegle: 123_456, aRegler: 26_544 });
    const abandoned = await g.request('POST', `/api/gestion/decomptes/${v2.id}/validation`);
    expect(abandoned.statusCode).toBe(409);
    await validerDecompte(g, v3.id);
    // A late reprise: October is worth 1 000,00 €; 1 000,00 − (1 234,56 + 265,44) = −500,00.
    const v4 = await enregistrer(ctx(), sinistreId, OCTOBRE, 100_000);
    expect(v4).toMatchObject({ version: 4, dejaRegle: 150_000, aRegler: -50_000 });
  });

  it('checks the IBAN, lets only the Administrateur change it, and audits it', async () => {
    const { t } = await insuredTenant(ctx());
    const bad = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
      iban: 'FR76 3000 6000 0112 3456 7890 188',
      titulaire: 'Commune',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      {
        field: 'iban',
        message: 'IBAN invalide : recopiez-le depuis son RIB (en France, 27 caractères commençant par FR76…).',
      },
    ]);
    const lecteur = await t.lecteur.request('PUT', '/api/collectivite/coordonnees-bancaires', {
      iban: IBAN_COLLECTIVITE,
      titulaire: 'Commune',
    });
    expect(lecteur.statusCode).toBe(403);
    const ok = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
      iban: 'fr7630006000011234567890189',
      titulaire: 'Commune',
    });
    expect(ok.json()).toEqual({
      iban: 'FR7630006000011234567890189',
      ibanAffiche: 'FR76 3000 6000 0112 3456 7890 189',
      bic: null,
      titulaire: 'Commune',
    });
    expect((await t.lecteur.request('GET', '/api/collectivite/coordonnees-bancaires')).json().ibanAffiche).toBe(
      'FR76 3000 6000 0112 3456 7890 189',
    );
    const audited = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'collectivite'), eq(auditEvent.action, 'coordonnees_bancaires')));
    expect(audited.find((a) => a.collectiviteId === t.collectivite.id)?.changes).toMatchObject({
      iban: [null, '…0189'],
    });
  });

  it('runs a period with four eyes above the threshold, writes a pain.001 valid against ISO 20022, pays it', async () => {
    // Threshold 1 000,00 €: the run of 1 234,56 + 765,44 = 2 000,00 € needs two handlers.
    const { t, sinistreId, g, agentId } = await monde(ctx(), 100_000);
    const oct = await enregistrer(ctx(), sinistreId, OCTOBRE, 123_456);
    const nov = await enregistrer(ctx(), sinistreId, NOVEMBRE, 76_544);
    const pending = await enregistrer(ctx(), sinistreId, { du: '2026-12-01', au: '2026-12-31' }, 99_999);
    for (const d of [oct, nov]) await validerDecompte(g, d.id);
    const run = await g.request('POST', '/api/gestion/reglements', NOVEMBRE);
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json().reportes).toEqual([]);
    const [r] = run.json().crees;
    expect(r).toMatchObject({
      statut: 'calcule',
      montant: 200_000,
      nombreDecomptes: 2,
      approbationsRequises: 2,
      compte: { ibanAffiche: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP', titulaire: 'Commune d’Hellemmes' },
    });
    // The December décompte is neither validated nor in the period: it waits.
    expect(
      (await g.request('GET', `/api/gestion/reglements/${r.id}`)).json().decomptes.map((d: { id: string }) => d.id),
    ).toEqual([oct.id, nov.id]);
    expect(pending.reglementId).toBeNull();
    // Nothing left for the same period: a second run creates nothing.
    expect((await g.request('POST', '/api/gestion/reglements', NOVEMBRE)).json().crees).toEqual([]);

    const paiement = { reglementIds: [r.id], dateExecution: '2026-11-27' };
    expect((await g.request('POST', '/api/gestion/reglements/paiements', paiement)).json().code).toBe(
      'transition_impossible',
    );
    const first = await g.request('POST', `/api/gestion/reglements/${r.id}/validation`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ statut: 'calcule', validePar: expect.any(String), approuvePar: null });
    const self = await g.request('POST', `/api/gestion/reglements/${r.id}/validation`);
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toBe(
      'Ce règlement dépasse le seuil de double validation : un autre gestionnaire que vous doit l’approuver.',
    );
    const { client: g2 } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    const second = await g2.request('POST', `/api/gestion/reglements/${r.id}/validation`);
    expect(second.json()).toMatchObject({ statut: 'valide', approuvePar: expect.any(String) });

    const virement = await g.request('POST', '/api/gestion/reglements/paiements', paiement);
    expect(virement.statusCode, virement.body).toBe(201);
    expect(virement.json()).toMatchObject({ nombre: 1, montant: 200_000, dateExecution: '2026-11-27' });
    const file = await g.request('GET', `/api/gestion/virements/${virement.json().id}/pain.001.xml`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/xml');
    const xml = file.body;
    const validation = await validateXML({
      xml: [{ fileName: 'virement.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.09.xsd', contents: XSD }],
    });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(xml).toContain('<CtrlSum>2000.00</CtrlSum>');
    expect(xml).toContain('<NbOfTxs>1</NbOfTxs>');
    expect(xml).toContain('<ReqdExctnDt><Dt>2026-11-27</Dt></ReqdExctnDt>');
    expect(xml).toContain('<IBAN>FR7630006000011234567890189</IBAN>');
    expect(xml).toContain(`<EndToEndId>${r.numero}</EndToEndId>`);
    // Names in the EPC's basic Latin set.
    expect(xml).toContain('<Nm>Commune d&apos;Hellemmes</Nm>');
    expect(xml).toContain(`<Ustrd>Remboursement ${r.numero} du 01/11/2026 au 30/11/2026</Ustrd>`);
    const paye = await g.request('POST', `/api/gestion/reglements/${r.id}/paiement`);
    expect(paye.json()).toMatchObject({ statut: 'paye', payeLe: expect.any(String) });

    // The employer reads it, filters it, downloads its avis and exports it.
    const list = await t.lecteur.request('GET', '/api/reglements');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({
      items: [{ numero: r.numero, statut: 'paye', montant: 200_000 }],
      suivant: null,
    });
    expect((await t.lecteur.request('GET', `/api/reglements?agentId=${agentId}`)).json().items).toHaveLength(1);
    expect((await t.lecteur.request('GET', '/api/reglements?categorie=clm')).json().items).toHaveLength(0);
    expect((await t.lecteur.request('GET', '/api/reglements?du=2026-12-01')).json().items).toHaveLength(0);
    const pdf = await t.lecteur.request('GET', `/api/reglements/${r.id}/avis.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`Avis de règlement n° ${r.numero}`);
    expect(text).toContain(oct.numero);
    const paiements = await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/paiements`);
    expect(paiements.json().decomptes.map((d: { numero: string }) => d.numero)).toEqual([
      pending.numero,
      nov.numero,
      oct.numero,
    ]);
    expect((await t.lecteur.request('GET', '/api/reglements/recus/2026')).json()).toEqual({
      annee: 2026,
      montant: 200_000,
    });
    const audited = await ctx()
      .database.db.select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'reglement'), eq(auditEvent.entityId, r.id)));
    expect(audited.map((a) => a.action)).toEqual([
      'creation',
      'valider',
      'valider',
      'mettre_en_paiement',
      'marquer_paye',
    ]);
  });

  it('carries a negative balance to the next run instead of paying it, and exports it as a number', async () => {
    const { t, sinistreId, g } = await monde(ctx());
    const v1 = await enregistrer(ctx(), sinistreId, OCTOBRE, 150_000);
    await validerDecompte(g, v1.id);
    const first = await g.request('POST', '/api/gestion/reglements', OCTOBRE);
    const r1 = first.json().crees[0];
    for (const step of ['validation']) await g.request('POST', `/api/gestion/reglements/${r1.id}/${step}`);
    await g.request('POST', '/api/gestion/reglements/paiements', {
      reglementIds: [r1.id],
      dateExecution: '2026-11-27',
    });
    await g.request('POST', `/api/gestion/reglements/${r1.id}/paiement`);
    // October is now worth 1 000,00 €: −500,00 € alone is not transferred.
    const v2 = await enregistrer(ctx(), sinistreId, OCTOBRE, 100_000);
    await validerDecompte(g, v2.id);
    const carried = await g.request('POST', '/api/gestion/reglements', NOVEMBRE);
    expect(carried.json()).toEqual({
      crees: [],
      reportes: [{ collectivite: { id: t.collectivite.id, nom: expect.any(String) }, solde: -50_000 }],
    });
    // November's 800,00 € absorb the credit: 800,00 − 500,00 = 300,00 paid.
    const nov = await enregistrer(ctx(), sinistreId, NOVEMBRE, 80_000);
    await validerDecompte(g, nov.id);
    const next = await g.request('POST', '/api/gestion/reglements', NOVEMBRE);
    expect(next.json().crees[0]).toMatchObject({ montant: 30_000, nombreDecomptes: 2 });
    const csv = await t.lecteur.request('GET', '/api/reglements/export?format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain(';-500,00\r\n');
    expect(csv.body).not.toContain("'-500");
    const xlsx = await t.lecteur.request('GET', '/api/reglements/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = book.worksheets[0]!.getColumn(16).values.slice(2);
    expect(values).toEqual(expect.arrayContaining([-500, 800, 1500]));
  });

  it('re-issues a rejected transfer with the corrected account; another CDG and collectivité see nothing', async () => {
    const { t, sinistreId, g } = await monde(ctx());
    const d = await enregistrer(ctx(), sinistreId, OCTOBRE, 50_000);
    await validerDecompte(g, d.id);
    const r = (await g.request('POST', '/api/gestion/reglements', OCTOBRE)).json().crees[0];
    await g.request('POST', `/api/gestion/reglements/${r.id}/validation`);
    await g.request('POST', '/api/gestion/reglements/paiements', { reglementIds: [r.id], dateExecution: '2026-11-27' });
    const noMotif = await g.request('POST', `/api/gestion/reglements/${r.id}/rejet`, { motif: ' ' });
    expect(noMotif.json().errors).toEqual([{ field: 'motif', message: 'Motif du rejet : champ obligatoire.' }]);
    const rejete = await g.request('POST', `/api/gestion/reglements/${r.id}/rejet`, { motif: 'Compte clos (AC04)' });
    expect(rejete.json()).toMatchObject({ statut: 'rejete', motifRejet: 'Compte clos (AC04)' });
    await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
      iban: 'FR1420041010050500013M02606',
      titulaire: 'Commune d’Hellemmes',
    });
    const reemis = await g.request('POST', `/api/gestion/reglements/${r.id}/reemission`);
    expect(reemis.statusCode, reemis.body).toBe(200);
    expect(reemis.json()).toMatchObject({
      statut: 'calcule',
      montant: 50_000,
      remplaceNumero: r.numero,
      compte: { iban: 'FR1420041010050500013M02606' },
      decomptes: [{ id: d.id }],
    });
    expect((await g.request('GET', `/api/gestion/reglements/${r.id}`)).json().statut).toBe('reemis');

    const other = await insuredTenant(ctx());
    expect((await other.t.admin.request('GET', `/api/reglements/${r.id}`)).statusCode).toBe(404);
    expect((await other.t.admin.request('GET', '/api/reglements')).json().items).toEqual([]);
    const { client: stranger } = await staffMember(ctx(), { cdgId: other.t.collectivite.cdgId });
    expect((await stranger.request('GET', `/api/gestion/reglements/${r.id}`)).statusCode).toBe(404);
    expect((await stranger.request('POST', `/api/gestion/reglements/${r.id}/validation`)).statusCode).toBe(404);
    expect((await stranger.request('GET', '/api/gestion/reglements')).json().items).toEqual([]);
    expect(
      (await stranger.request('GET', `/api/gestion/virements/${rejete.json().virementId}/pain.001.xml`)).statusCode,
    ).toBe(404);
  });

  it('pays medical fees to the practitioner in a règlement of their own', async () => {
    const { sinistreId, g } = await monde(ctx());
    const ij = await enregistrer(ctx(), sinistreId, OCTOBRE, 40_000);
    const frais = await enregistrer(ctx(), sinistreId, OCTOBRE, 8_500, {
      nature: 'frais_medicaux',
      beneficiaire: {
        type: 'praticien',
        nom: 'Cabinet de radiologie Lefèvre',
        iban: 'FR1420041010050500013M02606',
        bic: null,
      },
      lignes: [{ mois: '2026-10', element: 'frais', trentiemes: 0, fraction: 1000, montant: 8_500 }],
    });
    // Medical fees are another nature: their version count is their own.
    expect(frais).toMatchObject({ version: 1, aRegler: 8_500 });
    for (const d of [ij, frais]) await validerDecompte(g, d.id);
    const run = (await g.request('POST', '/api/gestion/reglements', OCTOBRE)).json();
    const byBeneficiaire = Object.fromEntries(run.crees.map((r: { beneficiaire: string }) => [r.beneficiaire, r]));
    expect(byBeneficiaire.collectivite).toMatchObject({ montant: 40_000, nombreDecomptes: 1 });
    expect(byBeneficiaire.praticien).toMatchObject({
      montant: 8_500,
      compte: { iban: 'FR1420041010050500013M02606', titulaire: 'Cabinet de radiologie Lefèvre' },
    });
    const id = byBeneficiaire.praticien.id;
    await g.request('POST', `/api/gestion/reglements/${id}/validation`);
    const v = await g.request('POST', '/api/gestion/reglements/paiements', {
      reglementIds: [id],
      dateExecution: '2026-11-27',
    });
    const xml = (await g.request('GET', `/api/gestion/virements/${v.json().id}/pain.001.xml`)).body;
    expect(xml).toContain('<Cdtr><Nm>Cabinet de radiologie Lefevre</Nm></Cdtr>');
  });

  it('pages 20 by 20 with a keyset cursor', async () => {
    const { t, g, sinistreId } = await monde(ctx());
    const numeros: string[] = [];
    for (let i = 1; i <= 21; i++) {
      const jour = `2026-10-${String(i).padStart(2, '0')}`;
      const d = await enregistrer(ctx(), sinistreId, { du: jour, au: jour }, 1_000 + i);
      await validerDecompte(g, d.id);
      const run = await g.request('POST', '/api/gestion/reglements', { du: jour, au: jour });
      numeros.push(run.json().crees[0].numero);
      ctx().clock.advance(60_000);
    }
    const page1 = (await t.lecteur.request('GET', '/api/reglements')).json();
    expect(page1.items).toHaveLength(20);
    expect(page1.suivant).toEqual(expect.any(String));
    const page2 = (await t.lecteur.request('GET', `/api/reglements?apres=${page1.suivant}`)).json();
    expect(page2).toMatchObject({ items: [{ numero: numeros[0] }], suivant: null });
    expect([...page1.items, ...page2.items].map((r: { numero: string }) => r.numero)).toEqual([...numeros].reverse());
    const bad = await t.lecteur.request('GET', '/api/reglements?apres=%3Cscript%3E');
    expect(bad.statusCode).toBe(422);
  });
});
