import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { formatWait } from '../src/modules/auth/auth.service.js';
import { createCollectivite, createUser, PASSWORD } from './factories.js';
import { describeEachDatabase, testConfig } from './harness.js';

describe('configuration', () => {
  it('has working defaults: embedded database in ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    // Finished jobs a month, sent mails a quarter, then the nightly purge removes them.
    expect(config).toMatchObject({ jobsRetentionDays: 30, mailsRetentionDays: 90 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ APP_URL: 'statutis.fr' }, 'APP_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ LOG_LEVEL: 'bavard' }, 'LOG_LEVEL'],
    [{ JOBS_RETENTION_DAYS: '0' }, 'JOBS_RETENTION_DAYS'],
    [{ MAILS_RETENTION_DAYS: 'trois mois' }, 'MAILS_RETENTION_DAYS'],
  ])('stops on a wrong value and names it: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('uses Secure cookies when APP_URL is https', () => {
    expect(loadConfig({ APP_URL: 'https://statutis.example.fr/' })).toMatchObject({
      appUrl: 'https://statutis.example.fr',
      secureCookies: true,
    });
  });

  it.each([
    [1, '1 seconde'],
    [2, '2 secondes'],
    [59.2, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('wait of %d s reads « %s »', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

describeEachDatabase('cookies derrière HTTPS', (ctx) => {
  it('marks the session cookie Secure', async () => {
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
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((k) => k.name === '__Host-statutis_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(response.headers['strict-transport-security']).toBeDefined();
    await app.close();
  });
});
