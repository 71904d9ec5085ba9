import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { loginAttempt } from '../src/modules/auth/auth.table.js';
import { createCollectivite, createUser, login, PASSWORD } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

const MINUTE = 60_000;

async function attempt(
  ctx: TestContext,
  email: string,
  password: string,
  cookies: Record<string, string> = {},
  ip = '203.0.113.7',
) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/connexion',
    payload: { email, motDePasse: password },
    cookies,
    remoteAddress: ip,
  });
}

async function newUser(ctx: TestContext, options: Parameters<typeof createUser>[1] = {}) {
  const c = await createCollectivite(ctx.database.db);
  return createUser(ctx.database.db, { collectiviteId: c.id, role: 'administrateur', ...options });
}

/** The link of the last mail sent to this address. */
async function lastLink(ctx: TestContext, to: string): Promise<string> {
  const mails = await ctx.database.db.select().from(outboxMail).where(eq(outboxMail.to, to));
  const text = mails.at(-1)?.text ?? '';
  const match = text.match(/jeton=([\w-]+)/);
  if (!match) throw new Error(`aucun lien dans le dernier courriel à ${to}`);
  return match[1]!;
}

describeEachDatabase('authentification et sessions', (ctx) => {
  it('logs in with the right password, case-insensitive e-mail, and sets a hardened cookie', async () => {
    const user = await newUser(ctx());
    const response = await attempt(ctx(), user.email.toUpperCase(), PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'statutis_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(response.json().user.email).toBe(user.email);
    expect(response.json().current).not.toBeNull();
  });

  it('gives the same French answer for a wrong password and an unknown address', async () => {
    const user = await newUser(ctx());
    const wrong = await attempt(ctx(), user.email, 'pas le bon mot de passe', {}, '198.51.100.1');
    const unknown = await attempt(ctx(), 'personne@nulle-part.fr', 'pas le bon mot de passe', {}, '198.51.100.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('rotates the session id at login and ends the previous one', async () => {
    const user = await newUser(ctx());
    const first = await login(ctx(), user.email);
    const second = await attempt(ctx(), user.email, PASSWORD, { statutis_session: first.cookie });
    const newCookie = second.cookies.find((c) => c.name === 'statutis_session')!.value;
    expect(newCookie).not.toBe(first.cookie);
    expect((await first.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect(
      (await ctx().app.inject({ method: 'GET', url: '/api/auth/session', cookies: { statutis_session: newCookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('ends a session after 30 minutes without activity, not before', async () => {
    const user = await newUser(ctx());
    const client = await login(ctx(), user.email);
    ctx().clock.advance(29 * MINUTE);
    expect((await client.request('GET', '/api/auth/session')).statusCode).toBe(200);
    ctx().clock.advance(29 * MINUTE); // activity just above reset the idle timer
    expect((await client.request('GET', '/api/auth/session')).statusCode).toBe(200);
    ctx().clock.advance(31 * MINUTE);
    const expired = await client.request('GET', '/api/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expiree');
  });

  it('ends a session 12 hours after login even when active', async () => {
    const user = await newUser(ctx());
    const client = await login(ctx(), user.email);
    for (let i = 0; i < 24; i++) {
      ctx().clock.advance(29 * MINUTE);
      expect((await client.request('GET', '/api/auth/session')).statusCode, `après ${(i + 1) * 29} min`).toBe(200);
    }
    ctx().clock.advance(25 * MINUTE); // 24 × 29 + 25 = 721 minutes
    expect((await client.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const user = await newUser(ctx());
    const client = await login(ctx(), user.email);
    expect((await client.request('POST', '/api/auth/deconnexion')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('a password change ends the other sessions but keeps the current one', async () => {
    const user = await newUser(ctx());
    const here = await login(ctx(), user.email);
    const elsewhere = await login(ctx(), user.email);
    const wrongCurrent = await here.request('POST', '/api/moi/mot-de-passe', {
      motDePasseActuel: 'faux',
      nouveauMotDePasse: 'Un tout nouveau mot de passe',
    });
    expect(wrongCurrent.statusCode).toBe(403);
    const changed = await here.request('POST', '/api/moi/mot-de-passe', {
      motDePasseActuel: PASSWORD,
      nouveauMotDePasse: 'Un tout nouveau mot de passe',
    });
    expect(changed.statusCode).toBe(204);
    expect((await here.request('GET', '/api/auth/session')).statusCode).toBe(200);
    expect((await elsewhere.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await attempt(ctx(), user.email, PASSWORD, {}, '192.0.2.50')).statusCode).toBe(401);
    expect((await attempt(ctx(), user.email, 'Un tout nouveau mot de passe', {}, '192.0.2.50')).statusCode).toBe(200);
  });

  it('refuses a weak new password with the field and a French reason', async () => {
    const user = await newUser(ctx());
    const client = await login(ctx(), user.email);
    for (const [password, fragment] of [
      ['court', 'au moins 12 caractères'],
      ['qwerty123456', 'trop courant'],
      ['Motdepasse1234!', 'trop courant'],
      ['x'.repeat(129), '128 caractères'],
      [PASSWORD, 'différent du mot de passe actuel'],
      // The edge refuses a NUL in any field before the password rule sees it.
      ['Une phrase\u0000 de passe', 'caractère invisible ou de contrôle'],
      ['Une phrase\u200B de passe', 'invisible'],
      ['Une phrase\u202E de passe', 'direction du texte'],
    ] as const) {
      const response = await client.request('POST', '/api/moi/mot-de-passe', {
        motDePasseActuel: PASSWORD,
        nouveauMotDePasse: password,
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors[0]).toMatchObject({
        field: 'nouveauMotDePasse',
        message: expect.stringContaining(fragment),
      });
    }
  });

  it('disabling a membership ends the user’s sessions', async () => {
    const c = await createCollectivite(ctx().database.db);
    const admin = await createUser(ctx().database.db, { collectiviteId: c.id, role: 'administrateur' });
    const agent = await createUser(ctx().database.db, { collectiviteId: c.id, role: 'publicateur' });
    const adminClient = await login(ctx(), admin.email);
    const agentClient = await login(ctx(), agent.email);
    expect((await adminClient.request('PATCH', `/api/comptes/${agent.id}`, { actif: false })).statusCode).toBe(200);
    expect((await agentClient.request('GET', '/api/auth/session')).statusCode).toBe(401);
    const again = await attempt(ctx(), agent.email, PASSWORD, {}, '192.0.2.60');
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('compte_desactive');
  });
});

describeEachDatabase('limitation des tentatives de connexion', (ctx) => {
  it('slows down repeated failures from one address, progressively, then lets the owner in', async () => {
    const user = await newUser(ctx());
    const ip = '203.0.113.20';
    for (let i = 0; i < 3; i++) expect((await attempt(ctx(), user.email, 'mauvais', {}, ip)).statusCode).toBe(401);
    // Third failure: 1 s delay, even with the right password.
    const blocked = await attempt(ctx(), user.email, PASSWORD, {}, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.json().detail).toBe('Trop de tentatives de connexion. Réessayez dans 1 seconde.');
    ctx().clock.advance(1000);
    expect((await attempt(ctx(), user.email, 'mauvais', {}, ip)).statusCode).toBe(401);
    const longer = await attempt(ctx(), user.email, PASSWORD, {}, ip);
    expect(longer.headers['retry-after']).toBe('2');
    // Another address is not slowed by this one's failures.
    expect((await attempt(ctx(), user.email, PASSWORD, {}, '203.0.113.21')).statusCode).toBe(200);
    ctx().clock.advance(2000);
    expect((await attempt(ctx(), user.email, PASSWORD, {}, ip)).statusCode).toBe(200);
  });

  it('caps failures at 100 an hour per account, but never locks out a browser the owner used before', async () => {
    const user = await newUser(ctx());
    const owner = await attempt(ctx(), user.email, PASSWORD, {}, '198.51.100.200');
    const device = owner.cookies.find((c) => c.name === 'statutis_appareil')!;
    expect(device.httpOnly).toBe(true);
    // An attacker spreads 100 failures over 100 addresses (no per-address delay triggers).
    for (let i = 0; i < 100; i++)
      await attempt(ctx(), user.email, 'devine', {}, `10.66.${Math.floor(i / 200)}.${i % 200}`);
    const fresh = await attempt(ctx(), user.email, PASSWORD, {}, '198.51.100.201');
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(3000);
    // The owner, from the browser he used before, still logs in.
    const trusted = await attempt(ctx(), user.email, PASSWORD, { statutis_appareil: device.value }, '198.51.100.202');
    expect(trusted.statusCode).toBe(200);
    // An hour later the cap is lifted for everyone.
    ctx().clock.advance(61 * MINUTE);
    expect((await attempt(ctx(), user.email, PASSWORD, {}, '198.51.100.203')).statusCode).toBe(200);
    // A hundred argon2id verifications: slow on a loaded machine.
  }, 180_000);
});

describeEachDatabase('limitation des tentatives : le titulaire et ses collègues ne sont pas bloqués', (ctx) => {
  /** Failures recorded as an attacker would have made them, without waiting out each delay. */
  async function failures(email: string, ip: string, n: number) {
    const at = ctx().clock.now();
    await ctx()
      .database.db.insert(loginAttempt)
      .values(Array.from({ length: n }, () => ({ email, ip, success: false, trustedDevice: false, at })));
  }

  it('thirty failures from a mairie’s address delay neither a colleague nor the owner’s trusted browser', async () => {
    const owner = await newUser(ctx());
    const colleague = await newUser(ctx());
    const mairie = '203.0.113.90';
    const trusted = await attempt(ctx(), owner.email, PASSWORD, {}, '198.51.100.90');
    const device = trusted.cookies.find((c) => c.name === 'statutis_appareil')!;
    ctx().clock.advance(MINUTE);
    await failures(owner.email, mairie, 30);

    expect((await attempt(ctx(), colleague.email, PASSWORD, {}, mairie)).statusCode).toBe(200);
    expect((await attempt(ctx(), owner.email, PASSWORD, { statutis_appareil: device.value }, mairie)).statusCode).toBe(
      200,
    );
    // A browser the owner never used, at the attacker's address, is the attacker's as far as we know.
    expect((await attempt(ctx(), owner.email, PASSWORD, {}, mairie)).statusCode).toBe(429);
  });

  it('keeps a ceiling per address for spraying volumes only', async () => {
    const colleague = await newUser(ctx());
    const sprayer = '203.0.113.91';
    for (let i = 0; i < 10; i++) await failures(`victime${i}@exemple.fr`, sprayer, 29);
    expect((await attempt(ctx(), colleague.email, PASSWORD, {}, sprayer)).statusCode).toBe(200);
    await failures('victime10@exemple.fr', sprayer, 10);
    const refused = await attempt(ctx(), colleague.email, PASSWORD, {}, sprayer);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
  });
});

describeEachDatabase('liens d’invitation et de réinitialisation', (ctx) => {
  it('answers the same to « mot de passe oublié » for known and unknown addresses, and mails only the known', async () => {
    const user = await newUser(ctx());
    const known = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/mot-de-passe-oublie',
      payload: { email: user.email },
    });
    const unknown = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/mot-de-passe-oublie',
      payload: { email: 'inconnu@exemple.fr' },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const mails = await ctx().database.db.select().from(outboxMail).where(eq(outboxMail.to, 'inconnu@exemple.fr'));
    expect(mails).toHaveLength(0);
    expect(await lastLink(ctx(), user.email)).toHaveLength(43);
  });

  it('limits « mot de passe oublié » per address of the requester, with the same answer for any e-mail', async () => {
    const user = await newUser(ctx());
    const ask = (email: string, ip: string) =>
      ctx().app.inject({ method: 'POST', url: '/api/auth/mot-de-passe-oublie', payload: { email }, remoteAddress: ip });
    const office = '203.0.113.120';
    for (let i = 0; i < 10; i++) expect((await ask(`inconnu${i}@exemple.fr`, office)).statusCode).toBe(202);
    const known = await ask(user.email, office);
    const unknown = await ask('encore.inconnu@exemple.fr', office);
    expect(known.statusCode).toBe(429);
    expect(unknown.statusCode).toBe(429);
    expect(unknown.json().detail).toBe(known.json().detail);
    expect(known.json().detail).toMatch(/^Trop de demandes depuis votre connexion\. Réessayez dans \d+ minutes?\.$/);
    // Another address is not concerned; a quarter of an hour later the office may ask again.
    expect((await ask(user.email, '203.0.113.121')).statusCode).toBe(202);
    ctx().clock.advance(16 * MINUTE);
    expect((await ask(user.email, office)).statusCode).toBe(202);
  });

  it('sends at most three reset links per quarter of an hour to one address', async () => {
    const user = await newUser(ctx());
    const ask = () =>
      ctx().app.inject({ method: 'POST', url: '/api/auth/mot-de-passe-oublie', payload: { email: user.email } });
    for (let i = 0; i < 5; i++) expect((await ask()).statusCode).toBe(202);
    const count = async () =>
      (await ctx().database.db.select().from(outboxMail).where(eq(outboxMail.to, user.email))).length;
    expect(await count()).toBe(3);
    ctx().clock.advance(16 * MINUTE);
    await ask();
    expect(await count()).toBe(4);
  });

  it('a reset link refuses the current password as the new one', async () => {
    const user = await newUser(ctx());
    await ctx().app.inject({ method: 'POST', url: '/api/auth/mot-de-passe-oublie', payload: { email: user.email } });
    const jeton = await lastLink(ctx(), user.email);
    const same = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton, motDePasse: PASSWORD },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().errors[0]).toMatchObject({ field: 'motDePasse', message: expect.stringContaining('différent') });
  });

  it('a reset link works once, within the hour, and ends existing sessions', async () => {
    const user = await newUser(ctx());
    const session = await login(ctx(), user.email);
    await ctx().app.inject({ method: 'POST', url: '/api/auth/mot-de-passe-oublie', payload: { email: user.email } });
    const jeton = await lastLink(ctx(), user.email);
    const check = await ctx().app.inject({ method: 'POST', url: '/api/auth/jeton/verifier', payload: { jeton } });
    expect(check.json()).toMatchObject({ type: 'reinitialisation', email: user.email });
    const set = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton, motDePasse: 'Ma nouvelle phrase secrète' },
    });
    expect(set.statusCode).toBe(204);
    expect((await session.request('GET', '/api/auth/session')).statusCode).toBe(401);
    const reuse = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton, motDePasse: 'Encore une autre phrase' },
    });
    expect(reuse.statusCode).toBe(410);
    expect(reuse.json().code).toBe('lien_expire');
    expect((await attempt(ctx(), user.email, 'Ma nouvelle phrase secrète', {}, '192.0.2.70')).statusCode).toBe(200);

    await ctx().app.inject({ method: 'POST', url: '/api/auth/mot-de-passe-oublie', payload: { email: user.email } });
    const late = await lastLink(ctx(), user.email);
    ctx().clock.advance(61 * MINUTE);
    const expired = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton: late, motDePasse: 'Trop tard pour ce lien' },
    });
    expect(expired.statusCode).toBe(410);
  });

  it('an invitation is valid 72 hours, once; a resent one replaces the old link', async () => {
    const c = await createCollectivite(ctx().database.db);
    const admin = await createUser(ctx().database.db, { collectiviteId: c.id });
    const client = await login(ctx(), admin.email);
    const created = await client.request('POST', '/api/comptes', {
      email: 'Ella.Gestionnaire@Mairie-Exemple.fr',
      nom: 'GESTIONNAIRE',
      prenom: 'Ella',
      role: 'lecteur',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'ella.gestionnaire@mairie-exemple.fr',
      role: 'lecteur',
      invitationAcceptee: false,
      actif: true,
    });
    const first = await lastLink(ctx(), 'ella.gestionnaire@mairie-exemple.fr');
    ctx().clock.advance(71 * 60 * MINUTE);
    expect(
      (await ctx().app.inject({ method: 'POST', url: '/api/auth/jeton/verifier', payload: { jeton: first } })).json()
        .type,
    ).toBe('invitation');
    ctx().clock.advance(2 * 60 * MINUTE);
    expect(
      (await ctx().app.inject({ method: 'POST', url: '/api/auth/jeton/verifier', payload: { jeton: first } }))
        .statusCode,
    ).toBe(410);

    const fresh = await login(ctx(), admin.email);
    expect((await fresh.request('POST', `/api/comptes/${created.json().id}/invitation`)).statusCode).toBe(202);
    const second = await lastLink(ctx(), 'ella.gestionnaire@mairie-exemple.fr');
    const weak = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton: second, motDePasse: 'gestionnaire' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('motDePasse');
    const ok = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/definir-mot-de-passe',
      payload: { jeton: second, motDePasse: 'Ella choisit une phrase de passe !' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (
        await attempt(
          ctx(),
          'ella.gestionnaire@mairie-exemple.fr',
          'Ella choisit une phrase de passe !',
          {},
          '192.0.2.80',
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await ctx().app.inject({
          method: 'POST',
          url: '/api/auth/definir-mot-de-passe',
          payload: { jeton: second, motDePasse: 'Ella choisit une phrase de passe !' },
        })
      ).statusCode,
    ).toBe(410);
  });

  it('two simultaneous uses of one link: exactly one succeeds', async () => {
    const user = await newUser(ctx());
    await ctx().app.inject({ method: 'POST', url: '/api/auth/mot-de-passe-oublie', payload: { email: user.email } });
    const jeton = await lastLink(ctx(), user.email);
    const results = await Promise.all(
      ['Première phrase de passe', 'Seconde phrase de passe'].map((motDePasse) =>
        ctx().app.inject({ method: 'POST', url: '/api/auth/definir-mot-de-passe', payload: { jeton, motDePasse } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 410]);
  });

  it('an unknown or malformed link gets a clear answer', async () => {
    const unknown = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/jeton/verifier',
      payload: { jeton: 'x'.repeat(43) },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('lien n’est pas valide');
    const malformed = await ctx().app.inject({
      method: 'POST',
      url: '/api/auth/jeton/verifier',
      payload: { jeton: 'court' },
    });
    expect(malformed.statusCode).toBe(422);
  });
});
