import { formatEuros } from '@statutis/domain';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import {
  createNotificationsRepository,
  type Evenement,
} from '../src/modules/notifications/notifications.repository.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { cotisationsWorld, emettre, generer } from './cotisations-world.js';
import { type Client, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { enregistrer, IBAN_COLLECTIVITE, tresorier, validerDecompte } from './reglements-world.js';
import { populatedTenant } from './world.js';

const repo = createNotificationsRepository();

const evenement = (collectiviteId: string, n: number): Evenement => ({
  collectiviteId,
  kind: 'commentaire',
  titre: `Commentaire n° ${n}`,
  lien: `/declarations/sinistres/00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  sujet: `test:${n}`,
});

/** Tells the collectivité's administrateurs and publicateurs of `n` events, one second apart. */
async function notifier(ctx: TestContext, collectiviteId: string, n: number) {
  for (let i = 1; i <= n; i++) {
    ctx.clock.advance(1000);
    await repo.notifier(
      ctx.database.db,
      ctx.clock.now(),
      ['administrateur', 'publicateur'],
      [evenement(collectiviteId, i)],
    );
  }
}

/** The user's notifications, newest first, as the bell lists them. */
const recues = async (client: Client) =>
  (await client.request('GET', '/api/notifications')).json().items as { kind: string; titre: string; lien: string }[];

/** A sinistre of a populated collectivité transmitted to its CDG's gestionnaire, with one piece deposited. */
async function dossierOuvert(ctx: TestContext) {
  const w = await populatedTenant(ctx);
  await ctx.database.db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, w.sinistreId));
  const { client: g } = await staffMember(ctx, { cdgId: w.t.collectivite.cdgId });
  const numero = (await w.t.admin.request('GET', `/api/sinistres/${w.sinistreId}`)).json().numero as string;
  return { ...w, g, numero };
}

describeEachDatabase('notifications', (ctx) => {
  it('tells each user of the given roles once per event, in one statement, and no one else', async () => {
    const t = await tenantWithUsers(ctx());
    const rows = await repo.notifier(
      ctx().database.db,
      ctx().clock.now(),
      ['administrateur', 'publicateur'],
      [evenement(t.collectivite.id, 1), evenement(t.collectivite.id, 2)],
    );
    // 2 events × (1 administrateur + 1 publicateur) = 4 rows; the lecteur holds neither role.
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([t.users.admin.id, t.users.publicateur.id]));
    expect((await t.admin.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 2 });
    expect((await t.lecteur.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 0 });
    expect((await t.lecteur.request('GET', '/api/notifications')).json()).toEqual({ items: [], suivant: null });
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const t = await tenantWithUsers(ctx());
    await expect(
      ctx().database.db.transaction(async (tx) => {
        await repo.notifier(tx, ctx().clock.now(), ['administrateur'], [evenement(t.collectivite.id, 1)]);
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect((await t.admin.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 0 });
  });

  it('lists newest first by keyset pages of 20, each one once', async () => {
    const t = await tenantWithUsers(ctx());
    await notifier(ctx(), t.collectivite.id, 25);
    const first = (await t.admin.request('GET', '/api/notifications')).json();
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({
      kind: 'commentaire',
      titre: 'Commentaire n° 25',
      lien: '/declarations/sinistres/00000000-0000-4000-8000-000000000025',
      lueLe: null,
    });
    const second = (await t.admin.request('GET', `/api/notifications?apres=${first.suivant}`)).json();
    expect(second.suivant).toBeNull();
    const titres = [...first.items, ...second.items].map((n: { titre: string }) => n.titre);
    expect(titres).toEqual(Array.from({ length: 25 }, (_, i) => `Commentaire n° ${25 - i}`));
    const bad = await t.admin.request('GET', '/api/notifications?apres=hier');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Clé de page invalide.');
  });

  it('marks one read, then all, and answers the new unread count', async () => {
    const t = await tenantWithUsers(ctx());
    await notifier(ctx(), t.collectivite.id, 3);
    const [n3, n2] = (await t.admin.request('GET', '/api/notifications')).json().items;
    const lue = await t.admin.request('POST', `/api/notifications/${n3.id}/lue`);
    expect(lue.statusCode, lue.body).toBe(200);
    expect(lue.json()).toEqual({ nonLues: 2 });
    const luLe = (await t.admin.request('GET', '/api/notifications')).json().items[0].lueLe;
    expect(luLe).toBe(ctx().clock.now().toISOString());
    // Opened again later: the first reading stays.
    ctx().clock.advance(60_000);
    expect((await t.admin.request('POST', `/api/notifications/${n3.id}/lue`)).json()).toEqual({ nonLues: 2 });
    expect((await t.admin.request('GET', '/api/notifications')).json().items[0].lueLe).toBe(luLe);
    // The publicateur's own copies are his: the administrateur's reading leaves them unread.
    expect((await t.publicateur.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 3 });
    expect((await t.admin.request('POST', '/api/notifications/lues')).json()).toEqual({ nonLues: 0 });
    expect((await t.admin.request('GET', '/api/notifications')).json().items[1].id).toBe(n2.id);
    expect((await t.publicateur.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 3 });
  });

  it('keeps each user to his own notifications, of a collectivité he still belongs to', async () => {
    const a = await tenantWithUsers(ctx());
    const b = await tenantWithUsers(ctx());
    await notifier(ctx(), a.collectivite.id, 1);
    const [mine] = (await a.admin.request('GET', '/api/notifications')).json().items;
    const [hisColleagues] = (await a.publicateur.request('GET', '/api/notifications')).json().items;
    // Another user's notification, of his collectivité or of another, is not found.
    expect((await a.admin.request('POST', `/api/notifications/${hisColleagues.id}/lue`)).statusCode).toBe(404);
    const intruder = await b.admin.request('POST', `/api/notifications/${mine.id}/lue`);
    expect(intruder.statusCode).toBe(404);
    expect(intruder.json().detail).toBe('Notification introuvable.');
    expect((await b.admin.request('GET', '/api/notifications')).body).not.toContain(mine.id);
    expect((await b.admin.request('POST', '/api/notifications/lues')).json()).toEqual({ nonLues: 0 });
    expect((await a.admin.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 1 });
    // Once his membership is closed, he no longer reads what he was told there.
    await ctx().database.db.execute(
      sql`UPDATE membership SET active = false WHERE user_id = ${a.users.admin.id} AND collectivite_id = ${a.collectivite.id}`,
    );
    expect((await a.admin.request('GET', '/api/notifications')).json().items).toEqual([]);
  });

  it('tells the declarants once each of a handler’s comment, a refused piece and a decision, linking to the sinistre', async () => {
    const { t, g, sinistreId, pieceId, numero } = await dossierOuvert(ctx());
    const comment = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/commentaires`, { texte: 'Merci.' });
    expect(comment.statusCode, comment.body).toBe(201);
    ctx().clock.advance(1000);
    const refus = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/pieces/${pieceId}/decision`, {
      action: 'refuser',
      motif: 'illisible',
    });
    expect(refus.statusCode, refus.body).toBe(200);
    ctx().clock.advance(1000);
    const decision = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decisions`, {
      type: 'sursis_a_statuer',
      motif: 'Dans l’attente de l’avis du conseil médical',
    });
    expect(decision.statusCode, decision.body).toBe(201);
    const attendues = [
      {
        kind: 'decision',
        titre: `Sursis à statuer : sinistre ${numero}`,
        lien: `/declarations/sinistres/${sinistreId}#decisions`,
      },
      {
        kind: 'piece_refusee',
        titre: `Pièce refusée : Pièce médicale (sinistre ${numero})`,
        lien: `/declarations/sinistres/${sinistreId}#pieces`,
      },
      {
        kind: 'commentaire',
        titre: `Commentaire du gestionnaire : sinistre ${numero}`,
        lien: `/declarations/sinistres/${sinistreId}#commentaires`,
      },
    ];
    for (const client of [t.admin, t.publicateur])
      expect((await recues(client)).map(({ kind, titre, lien }) => ({ kind, titre, lien }))).toEqual(attendues);
    expect(await recues(t.lecteur)).toEqual([]);
    // The employer's own comment tells no one.
    expect(
      (await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/commentaires`, { texte: 'Reçu.' })).statusCode,
    ).toBe(201);
    expect((await t.admin.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 3 });
  });

  it('is written in the event’s transaction: when it cannot be, the refusal and its mail are undone too', async () => {
    const { t, g, sinistreId, pieceId } = await dossierOuvert(ctx());
    const q = ctx().database.query.bind(ctx().database);
    const mails = async () => (await ctx().database.db.select().from(outboxMail)).length;
    const before = await mails();
    await q(`CREATE FUNCTION notification_refusee() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'notification refusée'; END $$`);
    await q(`CREATE TRIGGER notification_refusee BEFORE INSERT ON notification
             FOR EACH ROW EXECUTE FUNCTION notification_refusee()`);
    try {
      const refus = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/pieces/${pieceId}/decision`, {
        action: 'refuser',
        motif: 'illisible',
      });
      expect(refus.statusCode).toBe(500);
    } finally {
      await q('DROP TRIGGER notification_refusee ON notification');
      await q('DROP FUNCTION notification_refusee()');
    }
    const [piece] = await q<{ statut: string }>('SELECT statut FROM piece WHERE id = $1', [pieceId]);
    expect(piece!.statut).not.toBe('refusee');
    expect(await mails()).toBe(before);
    expect(await recues(t.admin)).toEqual([]);
  });

  it('tells the administrateurs once of a paid règlement and of an issued call, not the other users', async () => {
    const { t, sinistreId } = await dossierOuvert(ctx());
    const iban = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
      iban: IBAN_COLLECTIVITE,
      titulaire: 'Commune A',
    });
    expect(iban.statusCode, iban.body).toBe(200);
    const { client: g } = await tresorier(ctx(), t.collectivite.cdgId);
    const decompte = await enregistrer(ctx(), sinistreId, { du: '2026-03-01', au: '2026-03-07' }, 12_345);
    await validerDecompte(g, decompte.id);
    const run = await g.request('POST', '/api/gestion/reglements', { du: '2026-03-01', au: '2026-03-31' });
    const r = run.json().crees[0] as { id: string; numero: string };
    expect((await g.request('POST', `/api/gestion/reglements/${r.id}/validation`)).statusCode).toBe(200);
    const virement = await g.request('POST', '/api/gestion/reglements/paiements', {
      reglementIds: [r.id],
      dateExecution: '2026-04-01',
    });
    expect(virement.statusCode, virement.body).toBe(201);
    expect((await g.request('POST', `/api/gestion/reglements/${r.id}/paiement`)).statusCode).toBe(200);
    // Paid twice: refused, and no one is told again.
    expect((await g.request('POST', `/api/gestion/reglements/${r.id}/paiement`)).statusCode).toBe(409);
    expect(await recues(t.admin)).toMatchObject([
      { kind: 'paiement', titre: `Règlement ${r.numero} payé : ${formatEuros(12_345)}`, lien: `/reglements/${r.id}` },
    ]);
    expect(await recues(t.publicateur)).toEqual([]);

    const c = await cotisationsWorld(ctx());
    const appel = await generer(c.g, { contratId: c.contrat.id, collectiviteId: c.t.collectivite.id, annee: 2026 });
    await emettre(c.g, appel.id);
    const [n, ...autres] = await recues(c.t.admin);
    expect(autres).toEqual([]);
    expect(n).toMatchObject({ kind: 'appel', lien: `/espace-contractuel/cotisations/${appel.id}` });
    // 99 200 € × 8,600 % = 8 531,20 € of contribution + 70 € of the CDG's fee for its one agent = 8 601,20 €.
    expect(n!.titre).toBe(`Appel de cotisation ${appel.numero} émis : ${formatEuros(860_120)}`);
    expect(await recues(c.t.publicateur)).toEqual([]);
  });
});
