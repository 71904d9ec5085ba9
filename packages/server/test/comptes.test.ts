import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { type Client, createCollectivite, createUser, login, PASSWORD, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

/** An administrator invites an existing account, which accepts from the mailed link. */
async function inviteAndAccept(ctx: TestContext, admin: Client, email: string, role: string) {
  const invited = await admin.request('POST', '/api/comptes', { email, nom: 'X', prenom: 'Y', role });
  expect(invited.statusCode).toBe(201);
  const mails = await ctx.database.db.select().from(outboxMail).where(eq(outboxMail.to, email));
  const jeton = mails.at(-1)!.text.match(/jeton=([\w-]+)/)![1]!;
  const person = await login(ctx, email);
  expect((await person.request('POST', '/api/invitations/accepter', { jeton })).statusCode).toBe(200);
  return invited;
}

describeEachDatabase('gestion des comptes', (ctx) => {
  it('creates, lists, modifies and deletes an account, each change in the audit log', async () => {
    const t = await tenantWithUsers(ctx());
    const created = await t.admin.request('POST', '/api/comptes', {
      email: 'ella.gestionnaire@mairie-exemple.fr',
      nom: 'GESTIONNAIRE',
      prenom: 'Ella',
      telephone: '02 43 12 34 56',
      role: 'lecteur',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;

    const found = await t.admin.request('GET', '/api/comptes?q=gestion');
    expect(found.json()).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 20,
      items: [{ id, role: 'lecteur', invitationAcceptee: false }],
    });

    const modified = await t.admin.request('PATCH', `/api/comptes/${id}`, { role: 'publicateur' });
    expect(modified.statusCode).toBe(200);
    expect(modified.json().role).toBe('publicateur');

    expect((await t.admin.request('DELETE', `/api/comptes/${id}`)).statusCode).toBe(204);
    expect((await t.admin.request('GET', `/api/comptes/${id}`)).statusCode).toBe(404);

    const log = await t.admin.request('GET', '/api/journal?entity=compte');
    const actions = log.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['suppression', 'modification', 'creation']);
    const modification = log.json().items[1];
    expect(modification.changes).toEqual({ role: ['lecteur', 'publicateur'] });
    expect(modification.userLabel).toContain(t.users.admin.email);
  });

  it('pages 20 by default, searches by name, e-mail or full name, sorts, and rejects bad parameters in French', async () => {
    const t = await tenantWithUsers(ctx());
    for (let i = 0; i < 22; i++) {
      const r = await t.admin.request('POST', '/api/comptes', {
        email: `agent${i}@ville.fr`,
        nom: `NOM${String(i).padStart(2, '0')}`,
        prenom: 'Léa',
        role: 'lecteur',
      });
      expect(r.statusCode).toBe(201);
    }
    const page1 = (await t.admin.request('GET', '/api/comptes')).json();
    expect(page1.total).toBe(25);
    expect(page1.items).toHaveLength(20);
    const page2 = (await t.admin.request('GET', '/api/comptes?page=2')).json();
    expect(page2.items).toHaveLength(5);
    const ids = new Set([...page1.items, ...page2.items].map((c: { id: string }) => c.id));
    expect(ids.size).toBe(25);
    expect(
      (await t.admin.request('GET', '/api/comptes?q=L%C3%A9a%20NOM07')).json().items.map((c: { nom: string }) => c.nom),
    ).toEqual(['NOM07']);
    expect((await t.admin.request('GET', '/api/comptes?q=agent21%40')).json().total).toBe(1);
    expect((await t.admin.request('GET', '/api/comptes?q=100%25')).json().total).toBe(0);
    const desc = (await t.admin.request('GET', '/api/comptes?sort=-nom&role=lecteur')).json();
    expect(desc.items[0].nom).toBe('NOM21');
    const bad = await t.admin.request('GET', '/api/comptes?sort=motDePasse&page=0');
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['page', 'sort']);
  });

  it('explains every invalid field in French and writes nothing', async () => {
    const t = await tenantWithUsers(ctx());
    const response = await t.admin.request('POST', '/api/comptes', {
      email: 'pas-une-adresse',
      nom: '',
      prenom: 'A',
      role: 'chef',
      telephone: 'abc',
    });
    expect(response.statusCode).toBe(422);
    const errors = Object.fromEntries(
      response.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(errors).toMatchObject({
      email: expect.stringContaining('n’est pas valide'),
      nom: 'Le nom est obligatoire.',
      role: expect.stringContaining('Choisissez un rôle'),
      telephone: expect.stringContaining('téléphone'),
    });
    expect((await t.admin.request('GET', '/api/comptes')).json().total).toBe(3);
  });

  it('refuses a duplicate in the same collectivité; an existing user joins a second one by accepting', async () => {
    const t = await tenantWithUsers(ctx());
    const dup = await t.admin.request('POST', '/api/comptes', {
      email: t.users.lecteur.email.toUpperCase(),
      nom: 'X',
      prenom: 'Y',
      role: 'lecteur',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'compte_existant', errors: [{ field: 'email' }] });

    const other = await tenantWithUsers(ctx());
    const added = await inviteAndAccept(ctx(), other.admin, t.users.lecteur.email, 'publicateur');
    expect(added.json()).toMatchObject({ invitationAcceptee: false, role: 'publicateur', nom: 'X' });
    expect((await other.admin.request('GET', `/api/comptes/${t.users.lecteur.id}`)).json()).toMatchObject({
      invitationAcceptee: true,
      role: 'publicateur',
      nom: 'DUPONT',
    });
    const lecteur = await login(ctx(), t.users.lecteur.email);
    expect(lecteur.info).toMatchObject({
      collectivites: expect.arrayContaining([
        expect.objectContaining({ id: other.collectivite.id, role: 'publicateur' }),
      ]),
    });
    const switched = await lecteur.request('PUT', '/api/auth/session/collectivite', {
      collectiviteId: other.collectivite.id,
    });
    expect(switched.json().current).toMatchObject({ id: other.collectivite.id, role: 'publicateur' });

    // Removing him from the second collectivité keeps his account in the first.
    expect((await other.admin.request('DELETE', `/api/comptes/${t.users.lecteur.id}`)).statusCode).toBe(204);
    expect((await login(ctx(), t.users.lecteur.email)).info.current?.id).toBe(t.collectivite.id);
  });

  it('keeps at least one active administrator', async () => {
    const c = await createCollectivite(ctx().database.db);
    const admin = await createUser(ctx().database.db, { collectiviteId: c.id, role: 'administrateur' });
    const client = await login(ctx(), admin.email);
    for (const [method, body] of [
      ['PATCH', { role: 'lecteur' }],
      ['PATCH', { actif: false }],
      ['DELETE', undefined],
    ] as const) {
      const response = await client.request(method, `/api/comptes/${admin.id}`, body);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'dernier_administrateur',
        detail: expect.stringContaining('au moins un administrateur'),
      });
    }
    const deleteSelf = await client.request('DELETE', '/api/moi', { motDePasse: PASSWORD });
    expect(deleteSelf.statusCode).toBe(409);

    const second = await createUser(ctx().database.db, { collectiviteId: c.id, role: 'administrateur' });
    expect((await client.request('PATCH', `/api/comptes/${admin.id}`, { role: 'publicateur' })).statusCode).toBe(200);
    const secondClient = await login(ctx(), second.email);
    expect((await secondClient.request('PATCH', `/api/comptes/${second.id}`, { role: 'lecteur' })).statusCode).toBe(
      409,
    );
  });

  it('two administrators demoting each other at once cannot leave none', async () => {
    const c = await createCollectivite(ctx().database.db);
    const a = await createUser(ctx().database.db, { collectiviteId: c.id, role: 'administrateur' });
    const b = await createUser(ctx().database.db, { collectiviteId: c.id, role: 'administrateur' });
    const [ca, cb] = [await login(ctx(), a.email), await login(ctx(), b.email)];
    const results = await Promise.all([
      ca.request('PATCH', `/api/comptes/${b.id}`, { role: 'lecteur' }),
      cb.request('PATCH', `/api/comptes/${a.id}`, { role: 'lecteur' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('Mon compte: reads and updates one’s details, deletes one’s own account with the password', async () => {
    const t = await tenantWithUsers(ctx());
    const me = await t.lecteur.request('GET', '/api/moi');
    expect(me.json().email).toBe(t.users.lecteur.email);
    const updated = await t.lecteur.request('PUT', '/api/moi', {
      nom: 'Dupont-Éléonore',
      prenom: 'Zoé',
      telephone: '+33 6 12 34 56 78',
      emailNotification: 'Service.RH@Ville.fr',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      nom: 'Dupont-Éléonore',
      prenom: 'Zoé',
      emailNotification: 'service.rh@ville.fr',
    });
    const cleared = await t.lecteur.request('PUT', '/api/moi', { nom: 'Dupont', prenom: 'Zoé', emailNotification: '' });
    expect(cleared.json().emailNotification).toBeNull();

    expect((await t.lecteur.request('DELETE', '/api/moi', { motDePasse: 'faux' })).statusCode).toBe(403);
    expect((await t.lecteur.request('DELETE', '/api/moi', { motDePasse: PASSWORD })).statusCode).toBe(204);
    expect((await t.lecteur.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await t.admin.request('GET', '/api/comptes')).json().total).toBe(2);
    const log = (await t.admin.request('GET', '/api/journal')).json();
    expect(log.items.some((e: { action: string }) => e.action === 'suppression_par_titulaire')).toBe(true);
  });

  it('does not let an administrator rewrite the identity of a user shared with another collectivité', async () => {
    const t = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    await inviteAndAccept(ctx(), other.admin, t.users.lecteur.email, 'lecteur');
    const response = await other.admin.request('PATCH', `/api/comptes/${t.users.lecteur.id}`, { nom: 'PIRATE' });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('compte_partage');
  });
});
