import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { describeEachDatabase, testConfig } from './harness.js';

describeEachDatabase('interface web servie par le serveur', (ctx) => {
  it('serves the built files, client routes through index.html, and keeps /api answers in problem+json', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'statutis-web-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="fr"><title>Statutis</title></html>');
    mkdirSync(path.join(dist, 'assets'));
    const { app } = await buildApp({
      config: testConfig(),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: dist,
    });
    const get = (url: string) => app.inject({ method: 'GET', url });

    expect((await get('/')).body).toContain('<title>Statutis</title>');
    const deepLink = await get('/environnement/comptes?page=2');
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.headers['content-type']).toContain('text/html');
    // A file built after the server started (a rebuild) is served, not replaced by index.html.
    writeFileSync(path.join(dist, 'assets', 'app-123.js'), 'console.log(1)');
    const asset = await get('/assets/app-123.js');
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.body).toBe('console.log(1)');
    // A file missing after a redeploy is a 404, never index.html (the browser would refuse it as a script).
    expect((await get('/assets/ancien-456.js')).statusCode).toBe(404);
    const api = await get('/api/inexistant');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/health')).json().status).toBe('ok');
    await app.close();
  });
});
