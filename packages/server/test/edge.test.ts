import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { download } from '../src/http/download.js';
import { registerProblemHandlers } from '../src/http/problem.js';
import { createUser, ENQUETE, login, POLICIER, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext, testConfig } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';
import { declareSinistre, insuredTenant } from './world.js';

const CONTROL = 'Ce champ contient un caractère invisible ou de contrôle non autorisé.';

/** An insured collectivité with the seeds' agent and an accident de service. */
async function setup(ctx: TestContext) {
  const { t, agentId } = await insuredTenant(ctx);
  return { t, sinistreId: await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-04-01') };
}

function expectControlRefused(
  response: { statusCode: number; body: string; headers: Record<string, unknown> },
  field: string,
) {
  expect(response.statusCode, response.body).toBe(422);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const problem = JSON.parse(response.body);
  expect(problem.errors).toEqual([{ field, message: CONTROL }]);
}

describeEachDatabase('bord de l’API : caractères de contrôle et corps multipart', (ctx) => {
  it('refuses q=%00 on every list of the route table with a 422 naming q', async () => {
    const { app, routes } = await buildApp({
      config: testConfig(),
      database: ctx().database,
      clock: ctx().clock,
      logger: false,
      webDist: '/nonexistent',
    });
    await app.close();
    const c = (await tenantWithUsers(ctx())).collectivite;
    // One user who may call every route: platform administrator and administrator of a collectivité.
    const user = await createUser(ctx().database.db, {
      collectiviteId: c.id,
      role: 'administrateur',
      staffRole: 'admin_plateforme',
    });
    const client = await login(ctx(), user.email);
    // The handlers' own routes (the work queue) are a gestionnaire's, not the platform's.
    const gestionnaire = await login(
      ctx(),
      (await createUser(ctx().database.db, { staffRole: 'gestionnaire', staffCdgId: c.cdgId })).email,
    );
    const lists = routes.filter((r) => r.method === 'GET' && !r.url.includes(':') && r.url !== '/api/openapi.json');
    expect(lists.length).toBeGreaterThan(10);
    for (const route of lists) {
      const caller =
        route.access?.kind === 'staff' && route.access.staffRole === 'gestionnaire' ? gestionnaire : client;
      const response = await caller.request('GET', `${route.url}?q=%00`);
      expect(response.statusCode, `${route.url} : ${response.body}`).toBe(422);
      expect(response.json().errors, route.url).toEqual([{ field: 'q', message: CONTROL }]);
    }
  });

  it('refuses an export with a NUL before any byte of the file is sent', async () => {
    const { t } = await setup(ctx());
    for (const url of [
      '/api/agents/export?q=%00',
      '/api/agents/export?format=xlsx&q=%00',
      '/api/sinistres/export.csv?q=a%00b',
    ]) {
      const response = await t.lecteur.request('GET', url);
      expectControlRefused(response, 'q');
      expect(response.headers['content-disposition'], url).toBeUndefined();
    }
  });

  it('refuses NUL and other control characters in any text field, naming its path', async () => {
    const { t, sinistreId } = await setup(ctx());
    expectControlRefused(
      await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/commentaires`, { texte: 'Bonjour\u0000' }),
      'texte',
    );
    expectControlRefused(
      await t.publicateur.request('PUT', `/api/sinistres/${sinistreId}/enquete`, {
        ...ENQUETE,
        temoins: [{ nom: 'DU\u0007RAND', prenom: 'Luc', coordonnees: '06 12 34 56 78' }],
      }),
      'temoins.0.nom',
    );
    // C1 control (CSI), DEL, and a lone surrogate (not text: it cannot be stored as UTF-8).
    for (const bad of ['\u009b31m', 'a\u007f', 'x\ud800y']) {
      expectControlRefused(await t.publicateur.request('POST', '/api/agents', { ...POLICIER, nom: bad }), 'nom');
    }
    expectControlRefused(await t.lecteur.request('GET', `/api/sinistres/${sinistreId}%00`), 'id');
    // Tabs and line breaks are text: a comment keeps them.
    const ok = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/commentaires`, {
      texte: 'Ligne 1\r\nLigne 2\tfin',
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('stores and downloads file names without bidi controls, cut between characters', async () => {
    const { t, sinistreId } = await setup(ctx());
    const names = [
      ['facture\u202efdp.pdf', 'facturefdp.pdf'],
      [`${'😀'.repeat(200)}.pdf`, `${'😀'.repeat(146)}.pdf`],
    ];
    for (const [sent, kept] of names) {
      const body = multipartBody({ name: sent!, content: TINY_PDF }, 'fichier', { code: 'autre', libelle: 'Divers' });
      const piece = await t.publicateur.request(
        'POST',
        `/api/sinistres/${sinistreId}/pieces`,
        body.payload,
        body.headers,
      );
      expect(piece.statusCode, piece.body).toBe(201);
      expect(piece.json().nom).toBe(kept);
      const file = await t.publicateur.request('GET', `/api/sinistres/${sinistreId}/pieces/${piece.json().id}/fichier`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(kept!)}`);
    }
  });

  it('maps broken multipart bodies to 400, 415 and 413 in French, and checks their text fields', async () => {
    const { t, sinistreId } = await setup(ctx());
    const url = `/api/sinistres/${sinistreId}/pieces`;
    const good = multipartBody({ name: 'a.pdf', content: TINY_PDF }, 'fichier', { code: 'autre', libelle: 'X' });
    const cases: { name: string; payload: Buffer | string; type: string; status: number }[] = [
      { name: 'sans boundary', payload: good.payload, type: 'multipart/form-data', status: 400 },
      {
        name: 'coupé',
        payload: good.payload.subarray(0, good.payload.length - 60),
        type: good.headers['content-type'],
        status: 400,
      },
      {
        name: 'sans fin',
        payload: good.payload.subarray(0, 40),
        type: good.headers['content-type'],
        status: 400,
      },
      { name: 'XML', payload: '<a/>', type: 'application/xml', status: 415 },
      { name: 'formulaire', payload: 'fichier=a', type: 'application/x-www-form-urlencoded', status: 415 },
    ];
    for (const c of cases) {
      for (const target of [url, '/api/agents/imports']) {
        const response = await t.publicateur.request('POST', target, c.payload, { 'content-type': c.type });
        expect(response.statusCode, `${c.name} ${target} : ${response.body}`).toBe(c.status);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().detail).toMatch(/[éèàô]|fichier|formulaire/);
      }
    }
    const nul = multipartBody({ name: 'a.pdf', content: TINY_PDF }, 'fichier', { code: 'autre', libelle: 'X\u0000' });
    expectControlRefused(await t.publicateur.request('POST', url, nul.payload, nul.headers), 'libelle');
  });
});

it('starts a download only once its first chunk is produced: a failing export is a problem, not a cut 200', async () => {
  const app = Fastify({ logger: false });
  registerProblemHandlers(app, { spaFallback: () => false });
  const source = (fail: boolean) =>
    Readable.from(
      (async function* () {
        if (fail) throw new Error('requête impossible');
        yield 'Nom;Prénom\r\n';
        yield 'DUPONT;Jean\r\n';
      })(),
    );
  app.get('/ok', (_request, reply) =>
    download(reply, { fileName: 'a.csv', contentType: 'text/csv', body: source(false) }),
  );
  app.get('/ko', (_request, reply) =>
    download(reply, { fileName: 'a.csv', contentType: 'text/csv', body: source(true) }),
  );
  const ok = await app.inject({ method: 'GET', url: '/ok' });
  expect(ok.statusCode).toBe(200);
  expect(ok.body).toBe('Nom;Prénom\r\nDUPONT;Jean\r\n');
  const ko = await app.inject({ method: 'GET', url: '/ko' });
  expect(ko.statusCode).toBe(500);
  expect(ko.headers['content-disposition']).toBeUndefined();
  expect(ko.json().code).toBe('erreur_interne');
  await app.close();
});
