import { type TCorbeilleLigne, type TCorbeillePage, trierParUrgence } from '@statutis/domain';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { assureur, contrat } from '../src/modules/contrats/contrats.table.js';
import { refreshFile } from '../src/modules/gestion/corbeille.repository.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { appUser } from '../src/modules/users/users.table.js';
import { type Client, createCdg, createCollectivite, createContrat, createUser, login, POLICIER } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, depositPiece } from './world.js';

/** A collectivité of this CDG insured by its own contract (of this insurer if given), with an agent. */
async function collectiviteAssuree(ctx: TestContext, cdgId: string, assureurId: string | null = null) {
  const db = ctx.database.db;
  const c = await createCollectivite(db, cdgId);
  const user = await createUser(db, { collectiviteId: c.id, role: 'publicateur' });
  const publicateur = await login(ctx, user.email);
  const k = await createContrat(db, {
    cdgId,
    collectiviteIds: [c.id],
    risques: ['maladie_ordinaire', 'accident_service'],
  });
  if (assureurId) await db.update(contrat).set({ assureurId }).where(eq(contrat.id, k.id));
  const base = await publicateur.request('POST', '/api/bases', {
    contratId: k.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 10,
    tbi: 30_000_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  const agent = await publicateur.request('POST', '/api/agents', POLICIER);
  expect(agent.statusCode, agent.body).toBe(201);
  return { c, publicateur, contratId: k.id, agentId: agent.json().id as string };
}

/** Declared, then sent to the handler (its validation's pieces are not this test's subject). */
async function ouvert(ctx: TestContext, client: Client, agentId: string, categorie: string, date: string) {
  const id = await declareSinistre(client, agentId, categorie, date);
  await ctx.database.db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, id));
  await refreshFiles(ctx, [id]);
  return id;
}

/** Written here behind the writers' back: the queue's rows follow by their own path. */
async function refreshFiles(ctx: TestContext, ids: readonly string[]) {
  const db = ctx.database.db;
  await db.transaction(async (tx) => {
    for (const id of ids) await refreshFile(tx, id);
  });
}

async function all(client: Client, query = ''): Promise<TCorbeilleLigne[]> {
  const lines: TCorbeilleLigne[] = [];
  let apres: string | null = null;
  do {
    const sep = query ? '&' : '';
    const r = await client.request('GET', `/api/gestion/corbeille?${query}${apres ? `${sep}apres=${apres}` : ''}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as TCorbeillePage;
    expect(page.items.length).toBeLessThanOrEqual(20);
    lines.push(...page.items);
    apres = page.suivant;
  } while (apres);
  return lines;
}

describeEachDatabase('corbeille des gestionnaires', (ctx) => {
  let a1: Awaited<ReturnType<typeof collectiviteAssuree>>;
  let a2: Awaited<ReturnType<typeof collectiviteAssuree>>;
  let b1: Awaited<ReturnType<typeof collectiviteAssuree>>;
  let gA: Client;
  let gA2: Client;
  let gB: Client;
  let assureurX: Client;
  let gA2Id: string;
  let gAId: string;
  const s = { maladie: '', accident: '', brouillon: '', autreCdg: '' };

  beforeAll(async () => {
    const db = ctx().database.db;
    const cdgA = await createCdg(db);
    const cdgB = await createCdg(db);
    const [x] = await db.insert(assureur).values({ nom: 'Assureur X', kind: 'assureur' }).returning();
    a1 = await collectiviteAssuree(ctx(), cdgA.id, x!.id);
    a2 = await collectiviteAssuree(ctx(), cdgA.id);
    b1 = await collectiviteAssuree(ctx(), cdgB.id);
    const ua = await createUser(db, { staffRole: 'gestionnaire', staffCdgId: cdgA.id });
    const ua2 = await createUser(db, { staffRole: 'gestionnaire', staffCdgId: cdgA.id });
    const ub = await createUser(db, { staffRole: 'gestionnaire', staffCdgId: cdgB.id });
    const ux = await createUser(db, { staffRole: 'gestionnaire' });
    await db.update(appUser).set({ staffAssureurId: x!.id }).where(eq(appUser.id, ux.id));
    gAId = ua.id;
    gA2Id = ua2.id;
    [gA, gA2, gB, assureurX] = await Promise.all([
      login(ctx(), ua.email),
      login(ctx(), ua2.email),
      login(ctx(), ub.email),
      login(ctx(), ux.email),
    ]);
    s.maladie = await ouvert(ctx(), a1.publicateur, a1.agentId, 'maladie_ordinaire', '2026-03-01');
    s.accident = await ouvert(ctx(), a2.publicateur, a2.agentId, 'accident_service', '2026-11-20');
    s.brouillon = await declareSinistre(a1.publicateur, a1.agentId, 'maladie_ordinaire', '2026-05-01');
    s.autreCdg = await ouvert(ctx(), b1.publicateur, b1.agentId, 'maladie_ordinaire', '2026-03-01');
  });

  it('shows each organisation its own waiting files, across its collectivités', async () => {
    const ids = (lines: TCorbeilleLigne[]) => lines.map((l) => l.sinistreId).sort();
    expect(ids(await all(gA))).toEqual([s.maladie, s.accident].sort());
    expect(ids(await all(gB))).toEqual([s.autreCdg]);
    // The insurer reaches the collectivité of his contract, and only that contract's files.
    expect(ids(await all(assureurX))).toEqual([s.maladie]);
  });

  it('says why, since when, the deadline, and masks the NIR', async () => {
    const [accident, maladie] = await all(gA);
    // The imputability deadline (1 month after the declaration) comes before the pieces' (90 days).
    expect(accident!.sinistreId).toBe(s.accident);
    // 30 days left: not yet « proche » (15 days), but the CITIS clock runs.
    expect(accident!.types).toEqual(['nouveau_sinistre', 'citis_provisoire']);
    expect(accident!.echeance).toBe('2026-12-25');
    expect(accident!.joursRestants).toBe(30);
    expect(accident!.collectivite.id).toBe(a2.c.id);
    expect(accident!.agent.nirMasque).toMatch(/^\d \d{2} \d{2} •• ••• ••• ••$/);
    expect(accident!.enAttenteDepuis).toBe('2026-11-25T09:00:00.000000Z');
    expect(maladie!.types).toEqual(['nouveau_sinistre']);
    expect(maladie!.gestionnaire).toBeNull();
  });

  it('refuses the employer and answers 404 for another organisation’s file', async () => {
    expect((await a1.publicateur.request('GET', '/api/gestion/corbeille')).statusCode).toBe(403);
    const r = await gB.request('POST', '/api/gestion/corbeille/attribution', { sinistreIds: [s.maladie] });
    expect(r.statusCode, r.body).toBe(404);
    const x = await assureurX.request('POST', '/api/gestion/corbeille/examen', { sinistreId: s.accident });
    expect(x.statusCode, x.body).toBe(404);
  });

  it('assigns to me, reassigns to a colleague, audits each change', async () => {
    const moi = await gA.request('POST', '/api/gestion/corbeille/attribution', { sinistreIds: [s.maladie] });
    expect(moi.json()).toEqual({ attribues: 1 });
    const mine = await all(gA, 'attribution=moi');
    expect(mine.map((l) => l.sinistreId)).toEqual([s.maladie]);
    expect(mine[0]!.gestionnaire).toEqual({ id: gAId, nom: 'Camille DUPONT' });
    expect((await all(gA, 'attribution=personne')).map((l) => l.sinistreId)).toEqual([s.accident]);
    const collegue = await gA.request('POST', '/api/gestion/corbeille/attribution', {
      sinistreIds: [s.maladie, s.accident],
      gestionnaireId: gA2Id,
    });
    expect(collegue.json()).toEqual({ attribues: 2 });
    expect((await all(gA2, 'attribution=moi')).length).toBe(2);
    // A handler of another organisation cannot be given the files.
    const ailleurs = await gA.request('POST', '/api/gestion/corbeille/attribution', {
      sinistreIds: [s.maladie],
      gestionnaireId: (await ctx().database.db.select().from(appUser).where(eq(appUser.staffCdgId, b1.c.cdgId)))[0]!.id,
    });
    expect(ailleurs.statusCode).toBe(404);
    const events = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, s.maladie), eq(auditEvent.action, 'attribution')));
    expect(events.map((e) => e.changes)).toEqual([{ gestionnaire: [null, gAId] }, { gestionnaire: [gAId, gA2Id] }]);
    expect(events[0]!.collectiviteId).toBe(a1.c.id);
    const rendu = await gA.request('POST', '/api/gestion/corbeille/attribution', {
      sinistreIds: [s.maladie, s.accident],
      gestionnaireId: null,
    });
    expect(rendu.json()).toEqual({ attribues: 2 });
  });

  it('an examined file leaves the queue, and comes back with a deposited piece or an employer’s answer', async () => {
    const vu = await gA.request('POST', '/api/gestion/corbeille/examen', { sinistreId: s.maladie });
    expect(vu.statusCode, vu.body).toBe(204);
    expect((await all(gA)).map((l) => l.sinistreId)).toEqual([s.accident]);
    const depot = await depositPiece(a1.publicateur, s.maladie);
    expect(depot.statusCode, depot.body).toBe(201);
    const [, maladie] = await all(gA);
    expect(maladie!.types).toEqual(['piece']);
    await gA.request('POST', '/api/gestion/corbeille/examen', { sinistreId: s.accident });
    const question = await gA.request('POST', `/api/gestion/sinistres/${s.accident}/commentaires`, {
      texte: 'Merci de préciser les circonstances.',
    });
    expect(question.statusCode, question.body).toBe(201);
    ctx().clock.advance(60_000);
    const reponse = await a2.publicateur.request('POST', `/api/sinistres/${s.accident}/commentaires`, {
      texte: 'Chute dans l’escalier.',
    });
    expect(reponse.statusCode, reponse.body).toBe(201);
    const accident = (await all(gA, 'type=reponse_employeur'))[0]!;
    expect(accident.sinistreId).toBe(s.accident);
    expect(accident.types).toEqual(['reponse_employeur', 'citis_provisoire']);
    expect(accident.enAttenteDepuis).toBe('2026-11-25T09:01:00.000000Z');
  });

  it('counts per kind for the menu', async () => {
    const r = await gA.request('GET', '/api/gestion/corbeille/compteurs');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      total: 2,
      mesDossiers: 0,
      parType: {
        nouveau_sinistre: 0,
        nouvel_arret: 0,
        piece: 1,
        requalification: 0,
        reponse_employeur: 1,
        frais_medicaux: 0,
        echeance_proche: 0,
        citis_provisoire: 1,
      },
    });
  });

  it('pages by key in urgency order, without repeating nor skipping a line', async () => {
    const db = ctx().database.db;
    const [model] = await db.select().from(sinistre).where(eq(sinistre.id, s.maladie));
    const instants = Array.from({ length: 45 }, (_, i) => new Date(Date.UTC(2026, 10, 1 + (i % 20), 8, i % 7)));
    const inserted = await db
      .insert(sinistre)
      .values(
        instants.map((createdAt, i) => ({
          collectiviteId: model!.collectiviteId,
          agentId: model!.agentId,
          contratId: model!.contratId,
          categorie: i % 3 === 0 ? 'accident_service' : 'maladie_ordinaire',
          dateSurvenance: '2026-10-01',
          tiersImplique: i % 5 === 0,
          statut: 'ouvert',
          piecesManquantes: i % 2,
          createdAt,
        })),
      )
      .returning({ id: sinistre.id });
    await refreshFiles(
      ctx(),
      inserted.map((r) => r.id),
    );
    const lines = await all(gA);
    expect(lines.length).toBe(47);
    expect(new Set(lines.map((l) => l.sinistreId)).size).toBe(47);
    const urgence = lines.map((l) => ({ id: l.sinistreId, echeance: l.echeance, enAttenteDepuis: l.enAttenteDepuis }));
    expect(trierParUrgence(urgence)).toEqual(urgence);
    expect((await all(gA, 'drapeau=tiers')).length).toBe(9);
    const bad = await gA.request('GET', '/api/gestion/corbeille?apres=nimportequoi');
    expect(bad.statusCode).toBe(422);
  });

  it('filters the portfolio, saves filters, samples files « à contrôler » stably', async () => {
    const refus = await gA.request('PUT', '/api/gestion/portefeuille', { collectiviteIds: [b1.c.id] });
    expect(refus.statusCode).toBe(404);
    const p = await gA.request('PUT', '/api/gestion/portefeuille', { collectiviteIds: [a2.c.id] });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().collectivites).toEqual([{ id: a2.c.id, nom: a2.c.nom }]);
    expect((await all(gA, 'portefeuille=oui')).map((l) => l.sinistreId)).toEqual([s.accident]);

    const f = await gA.request('POST', '/api/gestion/corbeille/filtres', {
      nom: 'Mes pièces',
      criteres: { type: 'piece', attribution: 'moi' },
    });
    expect(f.statusCode, f.body).toBe(201);
    expect((await gA.request('GET', '/api/gestion/corbeille/filtres')).json()).toEqual([f.json()]);
    expect((await gA2.request('GET', '/api/gestion/corbeille/filtres')).json()).toEqual([]);
    expect((await gA2.request('DELETE', `/api/gestion/corbeille/filtres/${f.json().id}`)).statusCode).toBe(404);
    expect((await gA.request('DELETE', `/api/gestion/corbeille/filtres/${f.json().id}`)).statusCode).toBe(204);

    expect((await all(gA, 'aControler=oui')).length).toBe(0);
    const e = await gA.request('PUT', '/api/gestion/echantillonnage', { pourcentage: 30, seuilMontant: null });
    expect(e.statusCode, e.body).toBe(200);
    const tires = (await all(gA)).filter((l) => l.aControler).map((l) => l.sinistreId);
    const attendus = (await all(gA))
      .map((l) => l.sinistreId)
      .filter((id) => Number.parseInt(id.slice(0, 8), 16) % 100 < 30);
    expect(tires).toEqual(attendus);
    expect((await all(gA, 'aControler=oui')).map((l) => l.sinistreId)).toEqual(attendus);
    // Another CDG's rule is its own.
    expect((await all(gB)).every((l) => !l.aControler)).toBe(true);
  });
});
