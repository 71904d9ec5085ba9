import { expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createCollectivite, createUser, PASSWORD, tenantWithUsers } from './factories.js';
import { describeEachDatabase, testConfig } from './harness.js';

describeEachDatabase('origine des écritures', (ctx) => {
  it('refuses an Origin that is not APP_URL’s, even when the Host header matches it', async () => {
    const t = await tenantWithUsers(ctx());
    const forged = await t.admin.request(
      'PATCH',
      `/api/comptes/${t.users.lecteur.id}`,
      { role: 'publicateur' },
      { origin: 'http://evil.example', host: 'evil.example' },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('origine_refusee');
    const anonymous = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/connexion',
      payload: { email: t.users.admin.email, motDePasse: PASSWORD },
      headers: { origin: 'https://evil.example', host: 'evil.example' },
    });
    expect(anonymous.statusCode).toBe(403);
  });

  it('falls back to the Referer when the browser sends no Origin', async () => {
    const t = await tenantWithUsers(ctx());
    const forged = await t.admin.request(
      'PATCH',
      `/api/comptes/${t.users.lecteur.id}`,
      { role: 'publicateur' },
      { referer: 'http://evil.example/page', host: 'evil.example' },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('origine_refusee');
    const ours = await t.admin.request(
      'PATCH',
      `/api/comptes/${t.users.lecteur.id}`,
      { role: 'publicateur' },
      { referer: 'http://statutis.test/environnement/comptes', origin: 'http://statutis.test' },
    );
    expect(ours.statusCode).toBe(200);
  });

  it('names the cookies __Host-… over https: Secure, Path=/, no Domain', async () => {
    const { app } = await buildApp({
      config: testConfig({ appUrl: 'https://statutis.example.fr', secureCookies: true }),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: '/nonexistent',
    });
    const c = await createCollectivite(ctx().database.db);
    const user = await createUser(ctx().database.db, { collectiviteId: c.id });
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/connexion',
      payload: { email: user.email, motDePasse: PASSWORD },
      headers: { origin: 'https://statutis.example.fr' },
    });
    expect(response.statusCode).toBe(200);
    const session = response.cookies.find((k) => k.name === '__Host-statutis_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
    expect(session?.domain).toBeUndefined();
    const device = response.cookies.find((k) => k.name === '__Host-statutis_appareil');
    expect(device).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    // The prefixed cookie is the one the server reads back.
    const info = await app.inject({
      method: 'GET',
      url: '/api/auth/session',
      cookies: { '__Host-statutis_session': session!.value },
    });
    expect(info.statusCode).toBe(200);
    const unprefixed = await app.inject({
      method: 'GET',
      url: '/api/auth/session',
      cookies: { statutis_session: session!.value },
    });
    expect(unprefixed.statusCode).toBe(401);
    // Logging out clears it in a form the browser accepts for the prefix.
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/deconnexion',
      cookies: { '__Host-statutis_session': session!.value },
      headers: { 'x-csrf-token': response.json().csrfToken, origin: 'https://statutis.example.fr' },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((k) => k.name === '__Host-statutis_session')).toMatchObject({ secure: true, path: '/' });
    await app.close();
  });

  it('keeps the loopback aliases of a localhost APP_URL, for a trial on one machine', async () => {
    const { app } = await buildApp({
      config: testConfig({ appUrl: 'http://localhost:3000' }),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: '/nonexistent',
    });
    const c = await createCollectivite(ctx().database.db);
    const user = await createUser(ctx().database.db, { collectiviteId: c.id });
    const attempt = (origin: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/connexion',
        payload: { email: user.email, motDePasse: PASSWORD },
        headers: { origin },
      });
    expect((await attempt('http://127.0.0.1:3000')).statusCode).toBe(200);
    expect((await attempt('http://localhost:3000')).statusCode).toBe(200);
    expect((await attempt('http://localhost:4000')).statusCode).toBe(403);
    await app.close();
  });
});
