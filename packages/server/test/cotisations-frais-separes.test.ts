import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { cotisationsWorld, FORFAIT_70, generer } from './cotisations-world.js';
import { staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody } from './multipart.js';
import { pdfText } from './pdf-text.js';

type Appel = { id: string; numero: string; objet: string; total: number; statut: string };

/** The world's CNRACL 2026 call generated with the CDG's fee called separately. */
async function separes(ctx: TestContext, frais: object = { ...FORFAIT_70, appelesSeparement: true }) {
  const w = await cotisationsWorld(ctx, { frais });
  const appel = await generer(w.g, { contratId: w.contrat.id, collectiviteId: w.t.collectivite.id, annee: 2026 });
  const liste = (await w.g.request('GET', '/api/gestion/cotisations/appels?annee=2026')).json().items as Appel[];
  const fg = liste.find((a) => a.objet === 'frais_gestion')!;
  return { ...w, appel, fg };
}

describeEachDatabase('frais de gestion du CDG appelés séparément', (ctx) => {
  it('generation gives the contribution call without the fee line and a fee call of its own: same total due', async () => {
    const { g, appel, fg } = await separes(ctx());
    expect((await g.request('GET', '/api/gestion/cotisations/frais')).json().items[0]).toMatchObject({
      modele: 'forfait_agent',
      appelesSeparement: true,
    });
    // 99 200 € × 8,600 % = 8 531,20 €, quarterly or not: no fee line any more
    expect(appel).toMatchObject({ objet: 'cotisation', total: 853_120 });
    expect(appel.lignes.map((l: { nature: string }) => l.nature)).toEqual(['cotisation']);
    expect(fg.numero).toMatch(/^FG-2026-\d{6}$/);
    const d = (await g.request('GET', `/api/gestion/cotisations/appels/${fg.id}`)).json();
    // 1 CNRACL agent on 01/01/2024 × 70 € = 70,00 €, annual
    expect(d).toMatchObject({ objet: 'frais_gestion', nature: 'appel', statut: 'brouillon', total: 7_000 });
    expect(d.lignes).toEqual([expect.objectContaining({ nature: 'frais_gestion', quantite: 1, prixUnitaire: 7_000 })]);
    expect(d.echeances).toEqual([
      { rang: 1, du: '2026-01-01', au: '2026-12-31', dateEcheance: '2026-01-31', montant: 7_000 },
    ]);
    // 853 120 + 7 000 = 860 120: what the single call carries when the fee is not separate
    expect(appel.total + d.total).toBe(860_120);
    // The contribution call cancelled and made again quarterly: the fee call stands, not called twice.
    const annule = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, { motif: 'x' });
    expect(annule.statusCode, annule.body).toBe(200);
    const again = await generer(g, {
      contratId: appel.contrat.id,
      collectiviteId: appel.collectivite.id,
      annee: 2026,
      periodicite: 'trimestrielle',
    });
    expect(again.total).toBe(853_120);
    const vivants = (await g.request('GET', '/api/gestion/cotisations/appels?annee=2026')).json().items as Appel[];
    expect(
      vivants
        .filter((a) => a.statut !== 'annule')
        .map((a) => a.objet)
        .sort(),
    ).toEqual(['cotisation', 'frais_gestion']);
  });

  it('the control screen lists it, bulk control and emission issue it, the employer lists it and prints it', async () => {
    const { t, g, appel, fg } = await separes(ctx());
    const controle = (await g.request('GET', '/api/gestion/cotisations/controle?annee=2026')).json();
    expect(controle.items.map((a: Appel) => a.objet).sort()).toEqual(['cotisation', 'frais_gestion']);
    const ids = [appel.id, fg.id];
    const c = await g.request('POST', '/api/gestion/cotisations/controles', { ids });
    expect(c.json()).toMatchObject({ faits: 2, echecs: [] });
    const e = await g.request('POST', '/api/gestion/cotisations/emissions', { ids });
    expect(e.json()).toMatchObject({ faits: 2, echecs: [] });
    const vos = (await t.lecteur.request('GET', '/api/cotisations')).json().items as Appel[];
    expect(vos.map((a) => [a.numero, a.objet]).sort()).toEqual(
      [
        [appel.numero, 'cotisation'],
        [fg.numero, 'frais_gestion'],
      ].sort(),
    );
    const pdf = await t.lecteur.request('GET', `/api/cotisations/${fg.id}/avis.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Avis d’appel des frais de gestion du centre de gestion');
    expect(text).toContain('Payable à');
    expect(text).toMatch(/1\sagent\s×\s70,00\s€/);
    expect(text).not.toContain('Cotisation CNRACL');
    // The fixed fee is never regularised.
    const reg = await g.request('POST', `/api/gestion/cotisations/appels/${fg.id}/regularisation`, {
      dateEcheance: '2027-05-31',
    });
    expect(reg.statusCode).toBe(409);
    expect(reg.json().code).toBe('regularisation_impossible');
  });

  it('a bank statement pays the fee call on its reference, like any call', async () => {
    const { t, g, appel, fg } = await separes(ctx());
    await g.request('POST', '/api/gestion/cotisations/controles', { ids: [appel.id, fg.id] });
    await g.request('POST', '/api/gestion/cotisations/emissions', { ids: [appel.id, fg.id] });
    const csv = `Date;Libellé;Montant;Référence\n2026-02-10;VIR FRAIS CDG;70,00;${fg.numero}\n2026-02-11;VIR COTIS;1000,00;${appel.numero}\n`;
    const body = multipartBody({ name: 'releve.csv', content: csv, type: 'text/csv' });
    const imp = await g.request('POST', '/api/gestion/cotisations/releves', body.payload, body.headers);
    expect(imp.statusCode, imp.body).toBe(201);
    expect(imp.json().lignes.map((l: { statut: string; appels: string[] }) => [l.statut, l.appels])).toEqual([
      ['rapproche', [fg.numero]],
      ['partiel', [appel.numero]],
    ]);
    const a = await g.request('POST', `/api/gestion/cotisations/releves/${imp.json().id}/application`);
    expect(a.statusCode, a.body).toBe(200);
    expect((await t.lecteur.request('GET', `/api/cotisations/${fg.id}`)).json()).toMatchObject({
      statut: 'solde',
      encaisse: 7_000,
    });
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().statut).toBe('paye_partiellement');
  });

  it('the % model regularised: the fee call gets its own regularisation (RF), the contribution its own (RG)', async () => {
    const { t, contrat, g, appel, fg } = await separes(ctx(), {
      du: '2024-01-01',
      modele: 'pourcentage_assiette',
      tauxCnracl: 400,
      tauxIrcantec: 150,
      regularise: true,
      appelesSeparement: true,
    });
    // 99 200 € × 0,40 % = 396,80 €
    expect(fg.total).toBe(39_680);
    await g.request('POST', '/api/gestion/cotisations/controles', { ids: [appel.id, fg.id] });
    await g.request('POST', '/api/gestion/cotisations/emissions', { ids: [appel.id, fg.id] });
    const reelle = await t.publicateur.request('POST', '/api/bases', {
      contratId: contrat.id,
      annee: 2026,
      type: 'reelle',
      effectif: 3,
      tbi: 10_400_000,
    });
    expect(reelle.statusCode, reelle.body).toBe(201);
    const body = { dateEcheance: '2027-05-31' };
    const rf = await g.request('POST', `/api/gestion/cotisations/appels/${fg.id}/regularisation`, body);
    expect(rf.statusCode, rf.body).toBe(201);
    // 104 000 € × 0,40 % = 416,00 € − 396,80 € = 19,20 €
    expect(rf.json()).toMatchObject({ objet: 'frais_gestion', nature: 'regularisation', total: 1_920 });
    expect(rf.json().numero).toMatch(/^RF-2026-\d{6}$/);
    const rg = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, body);
    // 8 944,00 − 8 531,20 = 412,80 €, no fee line
    expect(rg.json()).toMatchObject({ objet: 'cotisation', total: 41_280 });
    expect(rg.json().lignes.map((l: { nature: string }) => l.nature)).toEqual(['cotisation']);
  });

  it('bulk generation makes the fee call too, keeps it when the contribution call is made again; bulk emission mails and audits it', async () => {
    const c = ctx();
    const { t, g } = await cotisationsWorld(c, { frais: { ...FORFAIT_70, appelesSeparement: true } });
    const gen = await g.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 });
    expect(gen.statusCode, gen.body).toBe(200);
    // The contribution call and the fee call: two calls made.
    expect(gen.json()).toEqual({ faits: 2, echecs: [] });
    const liste = (await g.request('GET', '/api/gestion/cotisations/appels?annee=2026')).json().items as Appel[];
    const appel = liste.find((a) => a.objet === 'cotisation')!;
    const fg = liste.find((a) => a.objet === 'frais_gestion')!;
    expect(liste).toHaveLength(2);
    expect(appel.numero).toMatch(/^AC-2026-\d{6}$/);
    expect(fg.numero).toMatch(/^FG-2026-\d{6}$/);
    const detail = async (id: string) => (await g.request('GET', `/api/gestion/cotisations/appels/${id}`)).json();
    // 99 200 € × 8,600 % = 8 531,20 €, without the fee line; the fee: 1 CNRACL agent × 70 € = 70,00 €, annual
    const da = await detail(appel.id);
    expect(da).toMatchObject({ total: 853_120, periodicite: 'annuelle' });
    expect(da.lignes.map((l: { nature: string }) => l.nature)).toEqual(['cotisation']);
    const df = await detail(fg.id);
    expect(df).toMatchObject({ nature: 'appel', statut: 'brouillon', total: 7_000, periodicite: 'annuelle' });
    expect(df.lignes).toEqual([expect.objectContaining({ nature: 'frais_gestion', quantite: 1, prixUnitaire: 7_000 })]);
    expect(df.echeances).toEqual([
      { rang: 1, du: '2026-01-01', au: '2026-12-31', dateEcheance: '2026-01-31', montant: 7_000 },
    ]);

    // Nothing more to make; the contribution call cancelled: made again alone, the fee call stands.
    expect((await g.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 })).json()).toEqual({
      faits: 0,
      echecs: [],
    });
    const annule = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, { motif: 'x' });
    expect(annule.statusCode, annule.body).toBe(200);
    expect((await g.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 })).json()).toEqual({
      faits: 1,
      echecs: [],
    });
    const vivants = ((await g.request('GET', '/api/gestion/cotisations/appels?annee=2026')).json().items as Appel[])
      .filter((a) => a.statut !== 'annule')
      .sort((x, y) => x.objet.localeCompare(y.objet));
    expect(vivants.map((a) => [a.objet, a.total])).toEqual([
      ['cotisation', 853_120],
      ['frais_gestion', 7_000],
    ]);
    expect(vivants[1]!.id).toBe(fg.id);

    // Bulk control and emission take the fee call like any: audited, mailed to the Administrateur.
    const ids = vivants.map((a) => a.id);
    expect((await g.request('POST', '/api/gestion/cotisations/controles', { ids })).json()).toEqual({
      faits: 2,
      echecs: [],
    });
    expect((await g.request('POST', '/api/gestion/cotisations/emissions', { ids })).json()).toEqual({
      faits: 2,
      echecs: [],
    });
    const db = c.database.db;
    const events = await db
      .select({ action: auditEvent.action, changes: auditEvent.changes })
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'appel_cotisation'), eq(auditEvent.entityId, fg.id)));
    expect(events.map((e) => e.action).sort()).toEqual(['controler', 'creation', 'emettre']);
    expect(events.find((e) => e.action === 'creation')!.changes).toEqual({
      numero: fg.numero,
      annee: 2026,
      mois: 12,
      total: 7_000,
      objet: 'frais_gestion',
    });
    const mails = await db
      .select()
      .from(outboxMail)
      .where(inArray(outboxMail.to, [t.users.admin.email]));
    const sujets = mails.map((m) => m.subject.replace(/\s/g, ' ')).filter((s) => s.includes('2026 n°'));
    expect(sujets.sort()).toEqual(
      [
        `Appel de cotisation 2026 n° ${vivants[0]!.numero} : 8 531,20 €`,
        `Frais de gestion du CDG 2026 n° ${fg.numero} : 70,00 €`,
      ].sort(),
    );
  });

  it('isolation: another CDG and another collectivité reach nothing of the fee call', async () => {
    const { g, appel, fg } = await separes(ctx());
    await g.request('POST', '/api/gestion/cotisations/controles', { ids: [appel.id, fg.id] });
    await g.request('POST', '/api/gestion/cotisations/emissions', { ids: [appel.id, fg.id] });
    const autre = await tenantWithUsers(ctx());
    const { client: g2 } = await staffMember(ctx(), { cdgId: autre.collectivite.cdgId });
    for (const [method, url, body] of [
      ['GET', `/api/gestion/cotisations/appels/${fg.id}`],
      ['GET', `/api/gestion/cotisations/appels/${fg.id}/avis.pdf`],
      ['POST', `/api/gestion/cotisations/appels/${fg.id}/annulation`, { motif: 'intrus' }],
      ['POST', `/api/gestion/cotisations/appels/${fg.id}/regularisation`, { dateEcheance: '2027-01-31' }],
    ] as const) {
      const r = await g2.request(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await g2.request('POST', '/api/gestion/cotisations/emissions', { ids: [fg.id] })).json().faits).toBe(0);
    expect((await g2.request('GET', '/api/gestion/cotisations/controle?annee=2026')).json().items).toEqual([]);
    expect((await autre.admin.request('GET', `/api/cotisations/${fg.id}`)).statusCode).toBe(404);
    expect((await autre.admin.request('GET', `/api/cotisations/${fg.id}/avis.pdf`)).statusCode).toBe(404);
    expect((await autre.admin.request('GET', '/api/cotisations')).json().items).toEqual([]);
    const soi = (await g.request('GET', `/api/gestion/cotisations/appels/${fg.id}`)).json();
    expect(soi.statut).toBe('emis');
  });
});
