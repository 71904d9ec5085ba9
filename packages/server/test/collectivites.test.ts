import { expect, it } from 'vitest';
import { createCdg, createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('collectivités', (ctx) => {
  it('the platform administrator creates a collectivité with a checked SIRET, then acts in it', async () => {
    const db = ctx().database.db;
    const centre = await createCdg(db);
    const admin = await createUser(db, { staffRole: 'admin_plateforme' });
    const p = await login(ctx(), admin.email);
    const bad = await p.request('POST', '/api/collectivites', {
      nom: 'Mairie de Test',
      siret: '215 301 301 00016',
      type: 'commune',
      cdgId: centre.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { field: 'siret', message: 'Ce SIRET n’existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.' },
    ]);
    const short = await p.request('POST', '/api/collectivites', {
      nom: 'Mairie de Test',
      siret: '1234',
      type: 'commune',
      cdgId: centre.id,
    });
    expect(short.json().errors[0].message).toBe('Le SIRET comporte 14 chiffres.');

    const created = await p.request('POST', '/api/collectivites', {
      nom: 'Mairie de Test',
      siret: '215 301 301 00010',
      type: 'commune',
      cdgId: centre.id,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ siret: '21530130100010', cdgNom: centre.nom });
    const dup = await p.request('POST', '/api/collectivites', {
      nom: 'Autre',
      siret: '21530130100010',
      type: 'commune',
      cdgId: centre.id,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('siret');

    // The platform administrator can give the new collectivité its first administrator.
    await p.request('PUT', '/api/auth/session/collectivite', { collectiviteId: created.json().id });
    const first = await p.request('POST', '/api/comptes', {
      email: 'dgs@mairie-test.fr',
      nom: 'PREMIER',
      prenom: 'Admin',
      role: 'administrateur',
    });
    expect(first.statusCode).toBe(201);
  });

  it('lists to each caller only the collectivités of his scope', async () => {
    const t = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const mine = (await t.lecteur.request('GET', '/api/collectivites')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([t.collectivite.id]);
    const gestionnaire = await createUser(ctx().database.db, {
      staffRole: 'gestionnaire',
      staffCdgId: other.collectivite.cdgId,
    });
    const g = await login(ctx(), gestionnaire.email);
    const scoped = (
      await g.request('GET', `/api/collectivites?q=${encodeURIComponent(other.collectivite.nom)}`)
    ).json();
    expect(scoped.items.map((c: { id: string }) => c.id)).toEqual([other.collectivite.id]);
    expect((await g.request('GET', `/api/collectivites?q=${t.collectivite.siret}`)).json().total).toBe(0);
    expect(
      (
        await t.admin.request('POST', '/api/collectivites', {
          nom: 'X',
          siret: '21530130100010',
          type: 'commune',
          cdgId: t.collectivite.cdgId,
        })
      ).statusCode,
    ).toBe(403);
  });
});
