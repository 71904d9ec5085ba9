import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { assureur } from '../src/modules/contrats/contrats.table.js';
import { decision } from '../src/modules/gestion/decisions.table.js';
import { requalification, sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { appUser } from '../src/modules/users/users.table.js';
import { type Client, createCdg, createUser, login } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { pdfText } from './pdf-text.js';
import { declareSinistre, insuredTenant } from './world.js';

const LOI = { nature: 'legale', texte: 'Article 57 de la loi n° 84-53 du 26 janvier 1984' };
const CONTRAT = { nature: 'contrat', texte: 'Article 4 des conditions générales' };

/** A collectivité of a CDG, its gestionnaire, and an open sinistre « maladie ordinaire » of two arrêts. */
async function dossier(ctx: TestContext) {
  const world = await insuredTenant(ctx);
  const { t, agentId } = world;
  const db = ctx.database.db;
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-01');
  for (const body of [
    { type: 'initial', debut: '2026-03-01', fin: '2026-03-31' },
    { type: 'prolongation', debut: '2026-04-01', fin: '2026-04-30' },
  ]) {
    const r = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/arrets`, body);
    expect(r.statusCode, r.body).toBe(201);
  }
  // Transmitted to the handler (its pieces are another test's subject).
  await db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, sinistreId));
  const staff = await createUser(db, { staffRole: 'gestionnaire', staffCdgId: t.collectivite.cdgId });
  await db.update(appUser).set({ prenom: 'Hélène', nom: 'Lefèvre' }).where(eq(appUser.id, staff.id));
  return { ...world, sinistreId, g: await login(ctx, staff.email) };
}

const decide = (g: Client, sinistreId: string, body: unknown) =>
  g.request('POST', `/api/gestion/sinistres/${sinistreId}/decisions`, body);

async function demander(client: Client, sinistreId: string, vers: string) {
  const r = await client.request('POST', `/api/sinistres/${sinistreId}/requalifications`, {
    vers,
    motif: 'Avis favorable du conseil médical',
  });
  expect(r.statusCode, r.body).toBe(201);
}

describeEachDatabase('décisions du gestionnaire', (ctx) => {
  it('records every kind of decision with its author and date, audited, read by staff and the employer', async () => {
    const { t, g, sinistreId } = await dossier(ctx());
    const bodies = [
      { type: 'prise_en_charge', reference: CONTRAT, periode: { debut: '2026-03-01' } },
      { type: 'sursis_a_statuer', motif: 'Attente de l’avis du conseil médical', periode: { fin: '2026-12-31' } },
      {
        type: 'prise_en_charge_partielle',
        motif: 'Arrêt d’avril non justifié',
        reference: CONTRAT,
        periode: { debut: '2026-03-01', fin: '2026-03-31' },
      },
      { type: 'refus', motif: 'Déclaration hors délai', reference: CONTRAT },
      { type: 'cloture', periode: { debut: '2026-05-01' } },
    ];
    for (const body of bodies) {
      const r = await decide(g, sinistreId, body);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({
        type: body.type,
        auteur: 'Centre de gestion — Hélène LEFÈVRE',
        decideLe: '2026-11-25',
        categorieAvant: 'maladie_ordinaire',
      });
    }
    const staffList = await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decisions`);
    expect(staffList.statusCode, staffList.body).toBe(200);
    expect(staffList.json().decisions.map((d: { type: string }) => d.type)).toEqual(
      bodies.map((b) => b.type).reverse(),
    );
    expect(staffList.json().decisions[0]).toMatchObject({
      type: 'cloture',
      periode: { debut: '2026-05-01', fin: null },
    });
    const employer = await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/decisions`);
    expect(employer.statusCode, employer.body).toBe(200);
    expect(employer.json().decisions).toEqual(staffList.json().decisions);
    const audited = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'decision'), eq(auditEvent.collectiviteId, t.collectivite.id)));
    expect(audited).toHaveLength(5);
    expect(audited[0]!.userLabel).toContain('Hélène Lefèvre');
  });

  it('asks in French for what each decision needs, and refuses a sinistre still in draft', async () => {
    const { t, g, sinistreId, agentId } = await dossier(ctx());
    const r = await decide(g, sinistreId, { type: 'refus' });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'motif', message: 'Motif : champ obligatoire pour cette décision.' },
        {
          field: 'reference.texte',
          message: 'Indiquez la référence du contrat ou le texte légal qui fonde la décision.',
        },
      ]),
    );
    const brouillon = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-06-01');
    const draft = await decide(g, brouillon, {
      type: 'prise_en_charge',
      reference: CONTRAT,
      periode: { debut: '2026-06-01' },
    });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().code).toBe('sinistre_brouillon');
    const none = await decide(g, sinistreId, { type: 'requalification_refusee', motif: 'Non' });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('aucune_requalification');
  });

  it('writes a French letter, downloaded as an attachment by staff and the employer, and mails the collectivité', async () => {
    const { t, g, sinistreId } = await dossier(ctx());
    const r = await decide(g, sinistreId, {
      type: 'refus',
      motif: 'L’arrêt n’est pas lié au service',
      reference: LOI,
      periode: { debut: '2026-03-01', fin: '2026-04-30' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const numero = (await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decisions`)).json().sinistre.numero;
    for (const [client, url] of [
      [g, `/api/gestion/sinistres/${sinistreId}/decisions/${id}/lettre.pdf`],
      [t.lecteur, `/api/sinistres/${sinistreId}/decisions/${id}/lettre.pdf`],
    ] as const) {
      const pdf = await client.request('GET', url);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(
        /^attachment; filename="decision-refus-2026-\d{6}-2026-11-25\.pdf"/,
      );
      const text = pdfText(pdf.rawPayload).replace(/\n/g, ' ');
      expect(text).toContain(t.collectivite.nom);
      expect(text).toContain('Le 25/11/2026');
      expect(text).toContain(`Sinistre n° ${numero} — MARTIN Paul`);
      expect(text).toContain('Décision : refus de prise en charge');
      expect(text).toContain(
        `Le sinistre n° ${numero} de MARTIN Paul (Maladie ordinaire, survenu le 01/03/2026) n’est pas pris en charge du 01/03/2026 au 30/04/2026.`,
      );
      expect(text).toContain('Motif : L’arrêt n’est pas lié au service');
      expect(text).toContain('Référence légale : Article 57 de la loi n° 84-53 du 26 janvier 1984');
      expect(text).toContain('Hélène LEFÈVRE');
      expect(text).toMatch(/Le gestionnaire — CDG /);
    }
    const mails = await ctx()
      .database.db.select()
      .from(outboxMail)
      .where(eq(outboxMail.subject, `Sinistre n° ${numero} : refus de prise en charge`));
    expect(mails.map((m) => m.to).sort()).toEqual([t.users.admin.email, t.users.publicateur.email].sort());
    expect(mails[0]!.text).toContain('Centre de gestion — Hélène LEFÈVRE a rendu une décision');
    expect(mails[0]!.text).toContain(`http://statutis.test/declarations/sinistres/${sinistreId}#decisions`);
  });

  it('accepts a requalification from a date: the arrêt spanning it is split, the category changes, the reimbursement is marked', async () => {
    const { t, g, sinistreId } = await dossier(ctx());
    const db = ctx().database.db;
    await demander(t.publicateur, sinistreId, 'clm');
    const pending = (await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decisions`)).json();
    expect(pending.requalificationEnAttente).toMatchObject({
      de: 'maladie_ordinaire',
      vers: 'clm',
      premierJour: '2026-03-01',
    });
    const wrong = await decide(g, sinistreId, {
      type: 'requalification_acceptee',
      categorie: 'accident_service',
      reference: LOI,
      periode: { debut: '2026-03-15' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('categorie');
    const tooLate = await decide(g, sinistreId, {
      type: 'requalification_acceptee',
      categorie: 'clm',
      reference: LOI,
      periode: { debut: '2026-06-01' },
    });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().detail).toContain('suit la fin du dernier arrêt');

    const r = await decide(g, sinistreId, {
      type: 'requalification_acceptee',
      categorie: 'clm',
      reference: LOI,
      periode: { debut: '2026-03-15' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ categorie: 'clm', categorieAvant: 'maladie_ordinaire' });
    const arrets = await db.select().from(arret).where(eq(arret.sinistreId, sinistreId)).orderBy(asc(arret.debut));
    expect(
      arrets.map((a) => ({ type: a.type, debut: a.debut, fin: a.fin, categorie: a.categorie, fc: a.finCertificat })),
    ).toEqual([
      { type: 'initial', debut: '2026-03-01', fin: '2026-03-14', categorie: 'maladie_ordinaire', fc: '2026-03-31' },
      { type: 'prolongation', debut: '2026-03-15', fin: '2026-03-31', categorie: 'clm', fc: null },
      { type: 'prolongation', debut: '2026-04-01', fin: '2026-04-30', categorie: 'clm', fc: null },
    ]);
    expect(arrets[1]!.origineId).toBe(arrets[0]!.id);
    const [s] = await db.select().from(sinistre).where(eq(sinistre.id, sinistreId));
    expect(s).toMatchObject({ categorie: 'clm', remboursementARecalculerDepuis: '2026-03-01' });
    const [demande] = await db.select().from(requalification).where(eq(requalification.sinistreId, sinistreId));
    expect(demande!.statut).toBe('acceptee');
    const [row] = await db.select().from(decision).where(eq(decision.id, r.json().id));
    expect(row!.requalificationId).toBe(demande!.id);
    expect(row!.lettre.paragraphes[1]).toContain(
      'est acceptée : il relève de la catégorie « Congé de longue maladie (CLM) » au lieu de « Maladie ordinaire » à compter du 15/03/2026.',
    );
    // The employer sees the new category and the request decided.
    const detail = (await t.lecteur.request('GET', `/api/sinistres/${sinistreId}`)).json();
    expect(detail.categorie).toBe('clm');
    expect(detail.requalifications[0].statut).toBe('acceptee');
    const mails = await db.select().from(outboxMail).where(eq(outboxMail.to, t.users.publicateur.email));
    expect(mails.some((m) => m.subject.endsWith(': requalification acceptée'))).toBe(true);
    const audited = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'requalification'), eq(auditEvent.action, 'acceptation')));
    expect(audited.some((a) => a.entityId === demande!.id)).toBe(true);
  });

  it('refuses a requalification: the request is closed, nothing else changes', async () => {
    const { t, g, sinistreId } = await dossier(ctx());
    const db = ctx().database.db;
    await demander(t.publicateur, sinistreId, 'clm');
    const r = await decide(g, sinistreId, {
      type: 'requalification_refusee',
      motif: 'Avis défavorable du conseil médical',
    });
    expect(r.statusCode, r.body).toBe(201);
    const [s] = await db.select().from(sinistre).where(eq(sinistre.id, sinistreId));
    expect(s).toMatchObject({ categorie: 'maladie_ordinaire', remboursementARecalculerDepuis: null });
    const arrets = await db.select().from(arret).where(eq(arret.sinistreId, sinistreId));
    expect(arrets.map((a) => a.categorie)).toEqual([null, null]);
    const [demande] = await db.select().from(requalification).where(eq(requalification.sinistreId, sinistreId));
    expect(demande!.statut).toBe('refusee');
    const list = (await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/decisions`)).json();
    expect(list.requalificationEnAttente).toBeNull();
    expect(list.decisions[0].type).toBe('requalification_refusee');
  });

  it('keeps other organisations and the employer out', async () => {
    const { t, g, sinistreId } = await dossier(ctx());
    const db = ctx().database.db;
    const ok = await decide(g, sinistreId, { type: 'sursis_a_statuer', motif: 'Expertise en cours' });
    expect(ok.statusCode).toBe(201);
    const decisionId = ok.json().id as string;
    const otherCdg = await createCdg(db);
    const other = await login(
      ctx(),
      (await createUser(db, { staffRole: 'gestionnaire', staffCdgId: otherCdg.id })).email,
    );
    const [insurer] = await db
      .insert(assureur)
      .values({ nom: `Assureur ${randomUUID().slice(0, 6)}`, kind: 'assureur' })
      .returning();
    const insurerUser = await createUser(db, { staffRole: 'gestionnaire' });
    await db.update(appUser).set({ staffAssureurId: insurer!.id }).where(eq(appUser.id, insurerUser.id));
    const notParty = await login(ctx(), insurerUser.email);
    for (const outsider of [other, notParty]) {
      expect((await decide(outsider, sinistreId, { type: 'sursis_a_statuer', motif: 'x' })).statusCode).toBe(404);
      expect((await outsider.request('GET', `/api/gestion/sinistres/${sinistreId}/decisions`)).statusCode).toBe(404);
      expect(
        (await outsider.request('GET', `/api/gestion/sinistres/${sinistreId}/decisions/${decisionId}/lettre.pdf`))
          .statusCode,
      ).toBe(404);
    }
    for (const employer of [t.admin, t.publicateur]) {
      const r = await decide(employer, sinistreId, { type: 'sursis_a_statuer', motif: 'x' });
      expect(r.statusCode).toBe(403);
    }
    expect((await db.select().from(decision).where(eq(decision.sinistreId, sinistreId))).length).toBe(1);
  });
});
