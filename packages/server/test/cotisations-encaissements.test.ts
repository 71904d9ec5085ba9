import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { createEncaissementsRepository } from '../src/modules/cotisations/encaissements.repository.js';
import { createRelanceEcheanceJob, RELANCE_ECHEANCE_JOB } from '../src/modules/cotisations/encaissements.service.js';
import { createPilotageRepository } from '../src/modules/gestion/pilotage.repository.js';
import { cotisationsWorld, emettre, generer } from './cotisations-world.js';
import { type Client, createAssureur, createUser, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody } from './multipart.js';
import { runWithTwoRunners } from './two-runners.js';

/** French amounts use narrow no-break spaces: compared with plain ones. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** The 2026 call of the world, quarterly (8 601,20 € = 4 × 2 150,30 €), issued. */
async function appelTrimestriel(ctx: TestContext) {
  const w = await cotisationsWorld(ctx);
  const appel = await generer(w.g, {
    contratId: w.contrat.id,
    collectiviteId: w.t.collectivite.id,
    annee: 2026,
    periodicite: 'trimestrielle',
  });
  await emettre(w.g, appel.id);
  return { ...w, appel: appel as { id: string; numero: string } };
}

const deposer = (client: Client, content: string | Buffer, name = 'releve.csv') => {
  const body = multipartBody({ name, content, type: 'text/csv' });
  return client.request('POST', '/api/gestion/cotisations/releves', body.payload, body.headers);
};

describeEachDatabase('encaissements des appels de cotisation', (ctx) => {
  it('a payment entered by hand: audited, status moved, échéances paid earliest first, the employer sees it', async () => {
    const { t, g, appel } = await appelTrimestriel(ctx());
    const url = `/api/gestion/cotisations/appels/${appel.id}/encaissements`;
    // 3 000,00 € = 2 150,30 € (1st échéance) + 849,70 € on the 2nd
    const r = await g.request('POST', url, {
      montant: 300_000,
      date: '2026-02-10',
      reference: 'VIR 123',
      mode: 'virement',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      numero: appel.numero,
      total: 860_120,
      encaisse: 300_000,
      echeances: [
        { rang: 1, dateEcheance: '2026-01-31', montant: 215_030, paye: 215_030, du: 0 },
        { rang: 2, dateEcheance: '2026-04-30', montant: 215_030, paye: 84_970, du: 130_060 },
        { rang: 3, paye: 0, du: 215_030 },
        { rang: 4, paye: 0, du: 215_030 },
      ],
      encaissements: [
        { montant: 300_000, date: '2026-02-10', reference: 'VIR 123', mode: 'virement', source: 'saisie' },
      ],
    });
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().statut).toBe('paye_partiellement');
    // The employer reads the same, every role.
    const employeur = await t.lecteur.request('GET', `/api/cotisations/${appel.id}/encaissements`);
    expect(employeur.statusCode).toBe(200);
    expect(employeur.json().echeances[1]).toMatchObject({ paye: 84_970, du: 130_060 });
    // Audited: the payment and the call's amount received.
    const audit = await ctx().database.db.execute(
      sql`SELECT entity, action FROM audit_event WHERE entity_id IN (${appel.id}, ${r.json().encaissements[0].id}) AND action IN ('creation', 'encaissement') ORDER BY entity`,
    );
    expect((audit as unknown as { rows: unknown[] }).rows).toEqual([
      { entity: 'appel_cotisation', action: 'creation' },
      { entity: 'appel_cotisation', action: 'encaissement' },
      { entity: 'encaissement_cotisation', action: 'creation' },
    ]);
    // Beyond what is still due (5 601,20 €): refused, nothing recorded.
    const trop = await g.request('POST', url, { montant: 560_121, date: '2026-02-11', mode: 'cheque' });
    expect(trop.statusCode).toBe(422);
    expect(trop.json().errors.map((e: { field: string; message: string }) => [e.field, plain(e.message)])).toEqual([
      ['montant', '5 601,20 € au plus.'],
    ]);
    const invalide = await g.request('POST', url, { montant: -1, date: '2026-13-01', mode: 'carte' });
    expect(invalide.statusCode).toBe(422);
    expect(
      invalide
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['date', 'mode', 'montant']);
    // The rest: soldé.
    const solde = await g.request('POST', url, { montant: 560_120, date: '2026-03-01', mode: 'cheque' });
    expect(solde.json().echeances.every((e: { du: number }) => e.du === 0)).toBe(true);
    expect((await g.request('GET', `/api/gestion/cotisations/appels/${appel.id}`)).json().statut).toBe('solde');
  });

  it('tenant isolation: another CDG’s staff, an insurer, another collectivité, the employer', async () => {
    const { t, g, appel, contrat } = await appelTrimestriel(ctx());
    const url = `/api/gestion/cotisations/appels/${appel.id}/encaissements`;
    const paiement = { montant: 1_000, date: '2026-02-10', mode: 'virement' };
    const { client: autreCdg } = await staffMember(ctx(), { cdgId: (await tenantWithUsers(ctx())).collectivite.cdgId });
    expect((await autreCdg.request('GET', url)).statusCode).toBe(404);
    expect((await autreCdg.request('POST', url, paiement)).statusCode).toBe(404);
    // An insurer who is not party to the contract: not his call.
    const { client: assureur } = await staffMember(ctx(), { assureurId: (await createAssureur(ctx().database.db)).id });
    expect((await assureur.request('POST', url, paiement)).statusCode).toBe(404);
    // The insurer party to the contract records payments on it.
    const partie = await createAssureur(ctx().database.db);
    await ctx().database.db.execute(sql`UPDATE contrat SET assureur_id = ${partie.id} WHERE id = ${contrat.id}`);
    const { client: assureurDuContrat } = await staffMember(ctx(), { assureurId: partie.id });
    const enregistre = await assureurDuContrat.request('POST', url, paiement);
    expect(enregistre.statusCode, enregistre.body).toBe(201);
    expect(enregistre.json().encaisse).toBe(1_000);
    // The employer never writes; another collectivité does not see it.
    expect((await t.admin.request('POST', url, paiement)).statusCode).toBe(403);
    expect((await t.admin.request('GET', url)).statusCode).toBe(403);
    const autre = await tenantWithUsers(ctx());
    expect((await autre.admin.request('GET', `/api/cotisations/${appel.id}/encaissements`)).statusCode).toBe(404);
    expect((await t.admin.request('POST', '/api/gestion/cotisations/releves', {})).statusCode).toBe(403);
    // A statement of the other CDG: the call is not among its open calls, the line is unknown.
    const csv = `Date;Libellé;Montant;Référence\n2026-02-10;Virement;1250,00;${appel.numero}\n`;
    const imp = await deposer(autreCdg, csv);
    expect(imp.statusCode, imp.body).toBe(201);
    expect(imp.json().lignes.map((l: { statut: string }) => l.statut)).toEqual(['inconnu']);
    // Its imports are its own.
    expect((await g.request('GET', `/api/gestion/cotisations/releves/${imp.json().id}`)).statusCode).toBe(404);
    expect((await g.request('POST', `/api/gestion/cotisations/releves/${imp.json().id}/application`)).statusCode).toBe(
      404,
    );
    expect((await g.request('GET', '/api/gestion/cotisations/releves')).json().items).toEqual([]);
    expect((await g.request('GET', url)).json().encaisse).toBe(1_000);
  });

  it('a bank-statement import with one matched, one partial and one unknown line; a duplicate is skipped', async () => {
    const { t, g, appel } = await appelTrimestriel(ctx());
    const csv = [
      'Date opération;Libellé;Montant (EUR);Référence',
      // the 1st échéance exactly: matched
      `2026-02-02;VIR COLLECTIVITE ${appel.numero.toLowerCase()};+2150,30;`,
      // 1 000,00 € on the 2nd (2 150,30 € due): partial
      `2026-05-04;Virement cotisation;1000,00;${appel.numero.replaceAll('-', ' ')}`,
      // no call's reference: unknown
      '2026-05-05;VIR MAIRIE DE QUELQUEPART;500,00;',
      // a debit: left aside
      '2026-05-06;Frais bancaires;-12,00;',
    ].join('\n');
    const r = await deposer(g, csv);
    expect(r.statusCode, r.body).toBe(201);
    const imp = r.json();
    expect(imp).toMatchObject({
      statut: 'a_valider',
      format: 'csv',
      compteurs: { rapproche: 1, partiel: 1, trop_percu: 0, inconnu: 1, doublon: 0, debits: 1 },
      montantAffecte: 315_030,
    });
    expect(imp.lignes.map((l: Record<string, unknown>) => [l.ligne, l.statut, l.appels, l.affecte, l.resteDu])).toEqual(
      [
        [2, 'rapproche', [appel.numero], 215_030, 645_090],
        [3, 'partiel', [appel.numero], 100_000, 545_090],
        [4, 'inconnu', [], 0, 0],
      ],
    );
    expect(imp.lignes[2].libelle).toBe('VIR MAIRIE DE QUELQUEPART');
    // Nothing recorded before it is applied.
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().encaisse).toBe(0);

    const a = await g.request('POST', `/api/gestion/cotisations/releves/${imp.id}/application`);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ statut: 'applique', montantAffecte: 315_030 });
    expect(a.json().lignes.map((l: { applique: boolean }) => l.applique)).toEqual([true, true, false]);
    const situation = (await t.lecteur.request('GET', `/api/cotisations/${appel.id}/encaissements`)).json();
    expect(situation.encaisse).toBe(315_030);
    expect(situation.encaissements.map((e: Record<string, unknown>) => [e.montant, e.date, e.source])).toEqual([
      [215_030, '2026-02-02', 'releve'],
      [100_000, '2026-05-04', 'releve'],
    ]);
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().statut).toBe('paye_partiellement');
    // Applied once.
    const again = await g.request('POST', `/api/gestion/cotisations/releves/${imp.id}/application`);
    expect(again.statusCode).toBe(409);

    ctx().clock.advance(60_000);
    // The same statement again: the applied lines are duplicates, skipped; the unknown one is listed again.
    const r2 = (await deposer(g, csv)).json();
    expect(r2.lignes.map((l: { statut: string }) => l.statut)).toEqual(['doublon', 'doublon', 'inconnu']);
    expect(r2.montantAffecte).toBe(0);
    await g.request('POST', `/api/gestion/cotisations/releves/${r2.id}/application`);
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().encaisse).toBe(315_030);

    // The history, newest first.
    const history = (await g.request('GET', '/api/gestion/cotisations/releves')).json();
    expect(history.items.map((i: { id: string }) => i.id)).toEqual([r2.id, imp.id]);
  });

  it('two imports of the same lines: once the first is applied, the second finds only duplicates and records nothing', async () => {
    const { g, appel } = await appelTrimestriel(ctx());
    const csv = `Date;Libellé;Montant;Référence\n2026-02-02;VIR;2150,30;${appel.numero}\n2026-02-03;VIR;10,00;${appel.numero}\n`;
    const first = (await deposer(g, csv)).json();
    const second = (await deposer(g, csv)).json();
    expect((await g.request('POST', `/api/gestion/cotisations/releves/${first.id}/application`)).statusCode).toBe(200);
    // Matched again at application: both lines now duplicates, nothing applied.
    const b = await g.request('POST', `/api/gestion/cotisations/releves/${second.id}/application`);
    expect(b.statusCode).toBe(200);
    expect(b.json().lignes.map((l: { statut: string }) => l.statut)).toEqual(['doublon', 'doublon']);
    expect((await g.request('GET', `/api/gestion/cotisations/appels/${appel.id}/encaissements`)).json().encaisse).toBe(
      216_030,
    );
  });

  it('reads a CAMT.053 statement: the call number in the end-to-end id, 3 000 € over two échéances', async () => {
    const { g, appel } = await appelTrimestriel(ctx());
    const xml = readFileSync(new URL('./fixtures/releves/camt053-001-02.xml', import.meta.url), 'utf8').replace(
      'AC-2027-0043',
      appel.numero,
    );
    const r = await deposer(g, xml, 'releve.xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().format).toBe('camt053');
    // 3 000,00 € = 2 150,30 € (1st échéance) + 849,70 € of the 2nd: partial, 5 601,20 € still due
    expect(r.json().lignes[0]).toMatchObject({ statut: 'partiel', affecte: 300_000, resteDu: 560_120 });
    const a = await g.request('POST', `/api/gestion/cotisations/releves/${r.json().id}/application`);
    expect(a.statusCode, a.body).toBe(200);
    const situation = (await g.request('GET', `/api/gestion/cotisations/appels/${appel.id}/encaissements`)).json();
    expect(situation.echeances.map((e: { du: number }) => e.du)).toEqual([0, 130_060, 215_030, 215_030]);
    expect(situation.encaissements[0]).toMatchObject({ date: '2027-04-01', reference: appel.numero, source: 'releve' });
  });

  it('refuses a file that is not a statement, or too large, and lists every faulty line', async () => {
    const { g } = await appelTrimestriel(ctx());
    const pdf = await deposer(g, Buffer.from('%PDF-1.4\n%%EOF\n'), 'releve.csv');
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().code).toBe('format_refuse');
    const big = await deposer(g, `Date;Libellé;Montant\n${'2026-01-01;x;1,00\n'.repeat(300_000)}`);
    expect(big.statusCode).toBe(413);
    const faute = await deposer(g, 'Date;Libellé;Montant\n2026-02-30;VIR;12,00\n2026-02-01;VIR;abc\n');
    expect(faute.statusCode).toBe(422);
    expect(faute.json().code).toBe('releve_illisible');
    expect(faute.json().errors).toHaveLength(2);
    expect((await g.request('GET', '/api/gestion/cotisations/releves')).json().items).toEqual([]);
  });

  it('the reminder of an échéance unpaid 15 days after its due date is sent once, with two job runners', async () => {
    const { t, appel } = await appelTrimestriel(ctx());
    const db = ctx().database.db;
    const adminBis = await createUser(db, { collectiviteId: t.collectivite.id, role: 'administrateur' });
    const adresses = [t.users.admin.email, adminBis.email, t.users.publicateur.email, t.users.lecteur.email];
    const repo = createEncaissementsRepository();
    const administrateurs = createPilotageRepository().administrateurs;
    const mails = async () =>
      (
        await db
          .select({ to: outboxMail.to, subject: outboxMail.subject, text: outboxMail.text })
          .from(outboxMail)
          .where(sql`${outboxMail.subject} = ${`Échéance de cotisation impayée : appel ${appel.numero}`}`)
      )
        .filter((m) => adresses.includes(m.to))
        .sort((a, b) => a.to.localeCompare(b.to) || a.text.localeCompare(b.text));
    const run = () =>
      runWithTwoRunners(ctx(), RELANCE_ECHEANCE_JOB, (d) =>
        createRelanceEcheanceJob({ db: d, clock: ctx().clock, repo, administrateurs, appUrl: 'https://statutis.test' }),
      );
    // 31/01 + 14 days: not yet.
    ctx().clock.set('2026-02-14T08:00:00Z');
    await run();
    expect(await mails()).toEqual([]);
    // 31/01 + 15 days: each Administrateur once, whatever both runners did.
    ctx().clock.set('2026-02-15T08:00:00Z');
    const counts = await run();
    expect(counts.every((c) => c > 0)).toBe(true);
    const sent = await mails();
    expect(sent.map((m) => m.to)).toEqual([t.users.admin.email, adminBis.email].sort());
    expect(sent[0]!.text).toContain(`L’échéance du 31/01/2026 de l’appel de cotisation ${appel.numero}`);
    expect(plain(sent[0]!.text)).toContain('il reste 2 150,30 € à payer');
    expect(sent[0]!.text).toContain(`https://statutis.test/espace-contractuel/cotisations/${appel.id}`);
    // The next days: nothing more for this échéance.
    ctx().clock.set('2026-02-16T08:00:00Z');
    await run();
    expect(await mails()).toHaveLength(2);
    // The 2nd échéance (30/04) paid on time is never reminded; the 1st stays reminded once.
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/encaissements`, {
      montant: 430_060,
      date: '2026-04-20',
      mode: 'virement',
    });
    ctx().clock.set('2026-05-20T08:00:00Z');
    await run();
    expect(await mails()).toHaveLength(2);
    // The 3rd (31/07) unpaid on 15/08: reminded.
    ctx().clock.set('2026-08-15T08:00:00Z');
    await run();
    expect(await mails()).toHaveLength(4);
  });
});
