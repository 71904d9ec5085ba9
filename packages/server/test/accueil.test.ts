import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { type Client, createContrat, createUser, login, POLICIER, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

/** A collectivité with the seeds' MO contract (90 days for the supporting documents), its 2026 base and one agent. */
async function setup(ctx: TestContext) {
  const t = await tenantWithUsers(ctx);
  const c = await createContrat(ctx.database.db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    risques: ['maladie_ordinaire'],
  });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: c.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 10,
    tbi: 30_000_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  const agent = (await t.publicateur.request('POST', '/api/agents', POLICIER)).json() as { id: string };
  const gestionnaire = await login(
    ctx,
    (await createUser(ctx.database.db, { staffRole: 'gestionnaire', staffCdgId: t.collectivite.cdgId })).email,
  );
  return { t, agent, contratId: c.id, gestionnaire };
}

/** A maladie ordinaire with one arrêt and none of its pieces: 2 mandatory pieces missing (arrêt, bulletins). */
async function declareIncomplete(client: Client, agentId: string, debut: string, fin: string) {
  const created = await client.request('POST', '/api/sinistres', {
    agentId,
    categorie: 'maladie_ordinaire',
    dateSurvenance: debut,
    tiersImplique: false,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const arret = await client.request('POST', `/api/sinistres/${id}/arrets`, { type: 'initial', debut, fin });
  expect(arret.statusCode, arret.body).toBe(201);
  expect(arret.json().piecesManquantes).toHaveLength(2);
  return id;
}

const none = { nombre: 0, plus: false, sinistreId: null };

describeEachDatabase(
  'accueil : ce qui attend la collectivité',
  (ctx) => {
    it('counts brouillons, missing pieces, unread comments and late files of the current collectivité only', async () => {
      const a = await setup(ctx());
      const b = await setup(ctx());

      // Declared on 1 June: on 25 November its pieces are missing for more than the contract's 90 days.
      ctx().clock.set('2026-06-01T09:00:00Z');
      const ancien = await declareIncomplete(a.t.publicateur, a.agent.id, '2026-05-20', '2026-05-27');
      ctx().clock.set('2026-11-20T09:00:00Z');
      const recent = await declareIncomplete(a.t.publicateur, a.agent.id, '2026-11-16', '2026-11-19');
      ctx().clock.set('2026-11-25T09:00:00Z');
      const comment = await a.gestionnaire.request('POST', `/api/gestion/sinistres/${recent}/commentaires`, {
        texte: 'Merci de déposer l’arrêt de travail.',
      });
      expect(comment.statusCode, comment.body).toBe(201);
      // Another collectivité's brouillon, late file and unread comment are not counted for A.
      ctx().clock.set('2026-06-01T09:00:00Z');
      const autre = await declareIncomplete(b.t.publicateur, b.agent.id, '2026-05-20', '2026-05-27');
      ctx().clock.set('2026-11-25T09:00:00Z');
      await b.gestionnaire.request('POST', `/api/gestion/sinistres/${autre}/commentaires`, { texte: 'Relance.' });

      const expected = {
        brouillons: { nombre: 2, plus: false, sinistreId: null },
        piecesManquantes: { nombre: 4, plus: false, sinistreId: null },
        commentairesNonLus: { nombre: 1, plus: false, sinistreId: recent },
        enRetard: { nombre: 1, plus: false, sinistreId: ancien },
        delaisPiecesJours: [90],
      };
      // A Lecteur sees the same counts as a Publicateur.
      for (const client of [a.t.lecteur, a.t.publicateur]) {
        const answer = await client.request('GET', '/api/accueil/a-faire');
        expect(answer.statusCode, answer.body).toBe(200);
        expect(answer.json()).toEqual(expected);
      }
      const seul = { nombre: 1, plus: false, sinistreId: autre };
      expect((await b.t.admin.request('GET', '/api/accueil/a-faire')).json()).toEqual({
        brouillons: seul,
        piecesManquantes: { ...seul, nombre: 2 },
        commentairesNonLus: seul,
        enRetard: seul,
        delaisPiecesJours: [90],
      });

      // Each count leads to a list showing the same sinistres.
      const ids = async (query: string) =>
        ((await a.t.lecteur.request('GET', `/api/sinistres?${query}`)).json().items as { id: string }[]).map(
          (s) => s.id,
        );
      expect((await ids('statut=brouillon')).sort()).toEqual([ancien, recent].sort());
      expect(await ids('nonLus=oui')).toEqual([recent]);
      expect(await ids('enRetard=oui')).toEqual([ancien]);
      expect((await a.t.lecteur.request('GET', '/api/documents-manquants')).json().total).toBe(4);

      // Opened by a Publicateur, the comment is read; a deposited piece leaves the count.
      await a.t.publicateur.request('POST', `/api/sinistres/${recent}/commentaires/lus`);
      expect((await a.t.lecteur.request('GET', '/api/accueil/a-faire')).json().commentairesNonLus).toEqual(none);
      expect(await ids('nonLus=oui')).toEqual([]);

      // Declared 01/06: the pieces are due 01/06 + 90 = 30/08 (29 to 30/06, 60 to 31/07, 90 to 30/08),
      // the last day to send them, as the Échéances block says: late from 31/08 on, not on 30/08.
      for (const instant of ['2026-08-29T08:00:00Z', '2026-08-30T21:59:00Z']) {
        ctx().clock.set(instant);
        expect((await a.t.lecteur.request('GET', '/api/accueil/a-faire')).json().enRetard).toEqual(none);
        expect(await ids('enRetard=oui')).toEqual([]);
      }
      // 30/08 22:00 UTC is already 31/08 in Paris (summer time).
      ctx().clock.set('2026-08-30T22:00:00Z');
      expect((await a.t.lecteur.request('GET', '/api/accueil/a-faire')).json().enRetard).toEqual(expected.enRetard);
      ctx().clock.set('2026-11-25T09:00:00Z');
    });

    it('stops counting at 99: « 99+ » for a large collectivité', async () => {
      const a = await setup(ctx());
      // 150 brouillons of 2 missing pieces each, written directly: the bound is what is tested.
      await ctx()
        .database.db.insert(sinistre)
        .values(
          Array.from({ length: 150 }, () => ({
            collectiviteId: a.t.collectivite.id,
            agentId: a.agent.id,
            contratId: a.contratId,
            categorie: 'maladie_ordinaire',
            dateSurvenance: '2026-01-10',
            tiersImplique: false,
            statut: 'brouillon',
            piecesManquantes: 2,
            createdAt: new Date('2026-01-12T09:00:00Z'),
          })),
        );
      const answer = (await a.t.lecteur.request('GET', '/api/accueil/a-faire')).json();
      expect(answer).toMatchObject({
        brouillons: { nombre: 99, plus: true, sinistreId: null },
        piecesManquantes: { nombre: 99, plus: true, sinistreId: null },
        commentairesNonLus: none,
        enRetard: { nombre: 99, plus: true, sinistreId: null },
      });
      await ctx().database.db.execute(sql`DELETE FROM sinistre WHERE collectivite_id = ${a.t.collectivite.id}`);
    });
  },
  { start: '2026-11-25T09:00:00Z' },
);
