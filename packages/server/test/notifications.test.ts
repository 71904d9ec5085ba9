import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  createNotificationsRepository,
  type Evenement,
} from '../src/modules/notifications/notifications.repository.js';
import { tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

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
});
