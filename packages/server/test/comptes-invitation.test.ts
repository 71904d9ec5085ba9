import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { membership } from '../src/modules/users/users.table.js';
import { createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

const HOUR = 3_600_000;

/** The invitation token in the last mail sent to this address. */
async function lastInvitation(ctx: TestContext, to: string): Promise<{ jeton: string; text: string }> {
  const mails = await ctx.database.db.select().from(outboxMail).where(eq(outboxMail.to, to));
  const text = mails.at(-1)?.text ?? '';
  const match = text.match(/\/invitation\?jeton=([\w-]+)/);
  if (!match) throw new Error(`aucune invitation dans le dernier courriel à ${to}`);
  return { jeton: match[1]!, text };
}

async function memberships(ctx: TestContext, userId: string, collectiviteId: string) {
  return ctx.database.db
    .select()
    .from(membership)
    .where(and(eq(membership.userId, userId), eq(membership.collectiviteId, collectiviteId)));
}

describeEachDatabase('invitation d’une personne qui a déjà un compte', (ctx) => {
  it('does not attach another collectivité’s administrator, and answers as for a new address', async () => {
    const victim = await tenantWithUsers(ctx());
    const attacker = await tenantWithUsers(ctx());
    const typed = { nom: 'MARTIN', prenom: 'Paul', telephone: '02 43 00 00 00', role: 'administrateur' };

    const existing = await attacker.admin.request('POST', '/api/comptes', {
      ...typed,
      email: victim.users.admin.email,
    });
    const fresh = await attacker.admin.request('POST', '/api/comptes', {
      ...typed,
      email: 'adresse.nouvelle@mairie-exemple.fr',
    });
    expect(existing.statusCode).toBe(fresh.statusCode);
    const shape = (body: Record<string, unknown>) => ({ ...body, id: 'id', email: 'email', creeLe: 'date' });
    expect(shape(existing.json())).toEqual(shape(fresh.json()));
    expect(existing.json()).toMatchObject({
      nom: 'MARTIN',
      prenom: 'Paul',
      invitationAcceptee: false,
      derniereConnexion: null,
    });

    // Not a member: no membership, no access, the list shows only what the caller typed.
    expect(await memberships(ctx(), victim.users.admin.id, attacker.collectivite.id)).toHaveLength(0);
    const victimSession = await login(ctx(), victim.users.admin.email);
    expect(victimSession.info.collectivites.map((c) => c.id)).toEqual([victim.collectivite.id]);
    const listed = (await attacker.admin.request('GET', `/api/comptes?q=${victim.users.admin.email}`)).json();
    expect(listed.items).toEqual([existing.json()]);
    expect(JSON.stringify(listed)).not.toContain('DUPONT');
    expect(
      (
        await attacker.admin.request('PUT', '/api/auth/session/collectivite', {
          collectiviteId: victim.collectivite.id,
        })
      ).statusCode,
    ).toBe(404);

    // Disabling or removing the invitation cannot touch his account or sessions elsewhere.
    const id = existing.json().id;
    expect((await attacker.admin.request('PATCH', `/api/comptes/${id}`, { actif: false })).statusCode).toBe(200);
    expect((await victimSession.request('GET', '/api/comptes')).statusCode).toBe(200);
    expect((await attacker.admin.request('DELETE', `/api/comptes/${id}`)).statusCode).toBe(204);
    expect((await victimSession.request('GET', '/api/comptes')).statusCode).toBe(200);
    expect((await login(ctx(), victim.users.admin.email)).info.current?.id).toBe(victim.collectivite.id);
  });

  it('the platform administrator’s address gets an invitation too, never a membership', async () => {
    const t = await tenantWithUsers(ctx());
    const platform = await createUser(ctx().database.db, { staffRole: 'admin_plateforme' });
    const response = await t.admin.request('POST', '/api/comptes', {
      email: platform.email,
      nom: 'X',
      prenom: 'Y',
      role: 'lecteur',
    });
    expect(response.statusCode).toBe(201);
    expect(await memberships(ctx(), platform.id, t.collectivite.id)).toHaveLength(0);
  });

  it('the person accepts by logging in; then a disabled membership leaves his other collectivité alone', async () => {
    const home = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const person = home.users.publicateur;
    const invited = await other.admin.request('POST', '/api/comptes', {
      email: person.email,
      nom: 'X',
      prenom: 'Y',
      role: 'lecteur',
    });
    const { jeton, text } = await lastInvitation(ctx(), person.email);
    expect(text).toContain('Connectez-vous');

    // Only the invited person may read, accept or refuse it.
    expect((await other.lecteur.request('POST', '/api/invitations/lire', { jeton })).statusCode).toBe(404);
    expect((await other.admin.request('POST', '/api/invitations/accepter', { jeton })).statusCode).toBe(404);

    const session = await login(ctx(), person.email);
    const read = await session.request('POST', '/api/invitations/lire', { jeton });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ collectivite: other.collectivite.nom, role: 'lecteur' });
    const accepted = await session.request('POST', '/api/invitations/accepter', { jeton });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().current).toMatchObject({ id: other.collectivite.id, role: 'lecteur' });
    expect(
      accepted
        .json()
        .collectivites.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([home.collectivite.id, other.collectivite.id].sort());
    // The link served once.
    expect((await session.request('POST', '/api/invitations/accepter', { jeton })).statusCode).toBe(404);
    const row = (await other.admin.request('GET', `/api/comptes/${person.id}`)).json();
    expect(row).toMatchObject({ nom: 'DUPONT', invitationAcceptee: true, role: 'lecteur' });
    expect((await other.admin.request('GET', `/api/comptes/${invited.json().id}`)).statusCode).toBe(404);

    // A second session of his works in his home collectivité.
    const homeSession = await login(ctx(), person.email);
    expect(
      (await homeSession.request('PUT', '/api/auth/session/collectivite', { collectiviteId: home.collectivite.id }))
        .statusCode,
    ).toBe(200);
    expect((await other.admin.request('PATCH', `/api/comptes/${person.id}`, { actif: false })).statusCode).toBe(200);
    // The session on the disabled collectivité loses it, but stays open and can go home.
    const after = await session.request('GET', '/api/auth/session');
    expect(after.statusCode).toBe(200);
    expect(after.json().current).toBeNull();
    expect((await session.request('GET', '/api/agents')).statusCode).toBe(404);
    expect(
      (await session.request('PUT', '/api/auth/session/collectivite', { collectiviteId: home.collectivite.id }))
        .statusCode,
    ).toBe(200);
    expect((await homeSession.request('GET', '/api/agents')).statusCode).toBe(200);
    // Removed from the other collectivité: his account and home membership stay.
    expect((await other.admin.request('DELETE', `/api/comptes/${person.id}`)).statusCode).toBe(204);
    expect((await homeSession.request('GET', '/api/agents')).statusCode).toBe(200);
    expect(await memberships(ctx(), person.id, home.collectivite.id)).toHaveLength(1);
  });

  it('a refused or expired invitation gives no access', async () => {
    const home = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const person = home.users.lecteur;
    await other.admin.request('POST', '/api/comptes', { email: person.email, nom: 'X', prenom: 'Y', role: 'lecteur' });
    const session = await login(ctx(), person.email);
    const { jeton } = await lastInvitation(ctx(), person.email);
    expect((await session.request('POST', '/api/invitations/refuser', { jeton })).statusCode).toBe(204);
    expect((await other.admin.request('GET', `/api/comptes?q=${person.email}`)).json().total).toBe(0);
    // The refusal is in the collectivité's journal under the address it typed, not under his name.
    const journal = await other.admin.request('GET', '/api/journal?entity=compte');
    const refusal = journal.json().items.find((e: { action: string }) => e.action === 'invitation_refusee');
    expect(refusal.userLabel).toBe(person.email);
    expect((await session.request('POST', '/api/invitations/accepter', { jeton })).statusCode).toBe(404);

    await other.admin.request('POST', '/api/comptes', { email: person.email, nom: 'X', prenom: 'Y', role: 'lecteur' });
    const second = await lastInvitation(ctx(), person.email);
    ctx().clock.advance(73 * HOUR);
    const late = await login(ctx(), person.email);
    const expired = await late.request('POST', '/api/invitations/accepter', { jeton: second.jeton });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toContain('renvoyer');
    expect(await memberships(ctx(), person.id, other.collectivite.id)).toHaveLength(0);
  });
});
