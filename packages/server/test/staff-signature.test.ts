import { expect, it } from 'vitest';
import { createUser, login, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('le personnel de gestion dans la collectivité', (ctx) => {
  it('signs its work « Centre de gestion — Prénom NOM » in the collectivité’s log, its own users by name', async () => {
    const t = await tenantWithUsers(ctx());
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id });
    const created = await g.request('POST', '/api/comptes', {
      email: 'nouveau@test.fr',
      nom: 'Nouveau',
      prenom: 'Compte',
      role: 'lecteur',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await t.admin.request('PATCH', `/api/comptes/${t.users.lecteur.id}`, { role: 'publicateur' })).statusCode,
    ).toBe(200);

    const journal = (await t.admin.request('GET', '/api/journal?entity=compte')).json();
    const [own, staff] = journal.items as { auteur: string; organisation: string | null; userLabel: string }[];
    expect(own).toMatchObject({ auteur: expect.stringContaining(t.users.admin.email), organisation: null });
    expect(staff!.auteur).toBe('Centre de gestion — Camille DUPONT');
    expect(staff!.organisation).toMatch(/^CDG /);
    // The full « who » stays for the back office: the person, his address and his organisation.
    expect(staff!.userLabel).toMatch(/^Camille DUPONT <.+> — CDG /);
  });

  it('shows the NIR in full to the collectivité and its gestionnaire, masked to the platform administrator', async () => {
    const t = await tenantWithUsers(ctx());
    const agent = await t.admin.request('POST', '/api/agents', {
      nir: '1841276451089',
      nom: 'DUPONT',
      prenom: 'Jean',
      dateNaissance: '1984-12-01',
      sexe: 'M',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2020-01-01',
      emploi: 'Agent',
      tempsTravail: 'complet',
    });
    expect(agent.statusCode, agent.body).toBe(201);
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    const admin = await createUser(ctx().database.db, { staffRole: 'admin_plateforme' });
    const p = await login(ctx(), admin.email);
    for (const client of [g, p])
      await client.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id });
    const nirOf = async (client: typeof g) => (await client.request('GET', '/api/agents')).json().items[0].nir;
    expect(await nirOf(t.lecteur)).toBe('1841276451089');
    expect(await nirOf(g)).toBe('1841276451089');
    expect(await nirOf(p)).toBe('18412••••••••');
    const fiche = (await p.request('GET', `/api/agents/${agent.json().id}`)).json();
    expect(fiche).toMatchObject({ nir: '18412••••••••', nirCle: null });
  });
});
