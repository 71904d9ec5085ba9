import { expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Access } from '../src/http/context.js';
import { createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase, testConfig } from './harness.js';

type Route = { method: string; url: string; access: Access | undefined };
type Tenant = Awaited<ReturnType<typeof tenantWithUsers>>;

/**
 * For every tenant route with an identifier: an identifier of tenant A and a valid body, so that
 * the request from tenant B passes validation and reaches the tenant filter. A new route without
 * an entry here fails the test, so every new endpoint gets its isolation checked.
 */
const fixtures: Record<string, (a: Tenant) => { id: string; body?: unknown }> = {
  'GET /api/comptes/:id': (a) => ({ id: a.users.lecteur.id }),
  'PATCH /api/comptes/:id': (a) => ({ id: a.users.lecteur.id, body: { role: 'publicateur' } }),
  'DELETE /api/comptes/:id': (a) => ({ id: a.users.lecteur.id }),
  'POST /api/comptes/:id/invitation': (a) => ({ id: a.users.lecteur.id }),
};

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

describeEachDatabase('matrice d’accès (générée depuis la table des routes)', (ctx) => {
  async function routeTable(): Promise<Route[]> {
    const { app, routes } = await buildApp({
      config: testConfig(),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: '/nonexistent',
    });
    await app.close();
    return routes;
  }

  it('every API route declares who may call it', async () => {
    const routes = await routeTable();
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access && r.url !== '/api/openapi.json');
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    for (const route of (await routeTable()).filter((r) => r.access && r.access.kind !== 'public')) {
      const response = await ctx().app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', '00000000-0000-4000-8000-000000000000'),
        payload: isWrite(route.method) ? {} : undefined,
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('answers 404 to a user of another collectivité on every tenant route, and lists never leak', async () => {
    const a = await tenantWithUsers(ctx());
    const b = await tenantWithUsers(ctx());
    const tenantRoutes = (await routeTable()).filter((r) => r.access?.kind === 'collectivite');
    expect(tenantRoutes.length).toBeGreaterThan(0);
    for (const route of tenantRoutes) {
      const key = `${route.method} ${route.url}`;
      if (route.url.includes(':')) {
        const fixture = fixtures[key];
        expect(fixture, `pas de jeu d’essai d’isolation pour ${key} : ajoutez-le`).toBeDefined();
        const { id, body } = fixture!(a);
        const response = await b.admin.request(route.method as 'GET', route.url.replace(':id', id), body);
        expect(response.statusCode, `${key} : ${response.body}`).toBe(404);
      } else if (route.method === 'GET') {
        const response = await b.admin.request('GET', route.url);
        expect(response.statusCode, key).toBe(200);
        const text = response.body;
        for (const secret of [a.collectivite.id, a.users.admin.email, a.users.lecteur.id]) {
          expect(text, `${key} laisse voir une donnée de l’autre collectivité`).not.toContain(secret);
        }
      }
    }
    // Tenant A's data is untouched by all of B's attempts.
    const list = await a.admin.request('GET', '/api/comptes');
    expect(list.json().total).toBe(3);
    expect(list.json().items.find((c: { id: string }) => c.id === a.users.lecteur.id).role).toBe('lecteur');
  });

  it('refuses switching to another collectivité as if it did not exist', async () => {
    const a = await tenantWithUsers(ctx());
    const b = await tenantWithUsers(ctx());
    const response = await b.admin.request('PUT', '/api/auth/session/collectivite', {
      collectiviteId: a.collectivite.id,
    });
    expect(response.statusCode).toBe(404);
  });

  it('answers 403 to a Lecteur on every write of a collectivité, before anything is read or written', async () => {
    const t = await tenantWithUsers(ctx());
    const writes = (await routeTable()).filter((r) => r.access?.kind === 'collectivite' && isWrite(r.method));
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      const response = await t.lecteur.request(route.method as 'POST', route.url.replace(':id', t.users.admin.id), {});
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().detail).toContain('lecture seule');
    }
  });

  it('lets a Lecteur and a Publicateur read but keeps account management to administrators', async () => {
    const t = await tenantWithUsers(ctx());
    expect((await t.publicateur.request('GET', '/api/comptes')).statusCode).toBe(403);
    expect((await t.lecteur.request('GET', '/api/auth/session')).statusCode).toBe(200);
    expect((await t.lecteur.request('GET', '/api/actualites')).statusCode).toBe(200);
  });

  it('refuses every cookie-authenticated write without the CSRF token', async () => {
    const t = await tenantWithUsers(ctx());
    for (const route of (await routeTable()).filter(
      (r) => r.access && r.access.kind !== 'public' && isWrite(r.method),
    )) {
      const response = await ctx().app.inject({
        method: route.method as 'POST',
        url: route.url.replace(':id', t.users.lecteur.id),
        cookies: { statutis_session: t.admin.cookie },
        payload: {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().code).toBe('csrf_invalide');
    }
  });

  it('refuses a cross-site write even with a valid token', async () => {
    const t = await tenantWithUsers(ctx());
    const response = await t.admin.request(
      'PATCH',
      `/api/comptes/${t.users.lecteur.id}`,
      { role: 'publicateur' },
      { origin: 'https://evil.example' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('origine_refusee');
  });

  it('gives staff roles only their scope', async () => {
    const t = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const gestionnaire = await createUser(ctx().database.db, {
      staffRole: 'gestionnaire',
      staffCdgId: t.collectivite.cdgId,
    });
    const g = await login(ctx(), gestionnaire.email);
    expect(
      (await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id })).statusCode,
    ).toBe(200);
    expect(
      (await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: other.collectivite.id })).statusCode,
    ).toBe(404);
    expect((await t.admin.request('POST', '/api/actualites', { titre: 'x', contenu: 'y' })).statusCode).toBe(403);
    expect((await t.admin.request('GET', '/api/cdgs')).statusCode).toBe(403);
  });
});
