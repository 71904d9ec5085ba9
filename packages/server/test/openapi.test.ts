import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './harness.js';

type Operation = {
  operationId?: string;
  summary?: string;
  responses?: Record<string, unknown>;
  parameters?: unknown[];
  requestBody?: unknown;
};

describeEachDatabase('OpenAPI', (ctx) => {
  it('publishes a valid OpenAPI 3.1 document', async () => {
    const response = await ctx().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route with an operationId, a French summary, its schemas and its errors', async () => {
    const document = (await ctx().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(15);
    const ids = new Set<string>();
    for (const { key, op } of operations) {
      expect(op.operationId, key).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId!), `operationId en double : ${op.operationId}`).toBe(false);
      ids.add(op.operationId!);
      expect(op.summary, key).toMatch(/[a-zéèàç]/);
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith('2')),
        `${key} sans réponse de succès`,
      ).toBe(true);
      if (key !== 'GET /api/health')
        expect(
          statuses.some((s) => s.startsWith('4')),
          `${key} sans erreur documentée`,
        ).toBe(true);
      if (
        ['POST', 'PUT', 'PATCH'].some((m) => key.startsWith(m)) &&
        ![
          '/invitation',
          '/validation',
          '/lus',
          '/lue',
          '/lues',
          '/paiement',
          '/reemission',
          '/recalcul',
          '/controle',
          '/emission',
          '/application',
        ].some((action) => key.endsWith(action)) &&
        !key.endsWith('/deconnexion')
      ) {
        expect(op.requestBody, `${key} sans corps documenté`).toBeDefined();
      }
    }
  });

  it('serves the documentation UI', async () => {
    const response = await ctx().app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
