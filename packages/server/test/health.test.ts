import { expect, it } from 'vitest';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('santé', (ctx) => {
  it('answers 200 with the database kind', async () => {
    const response = await ctx().app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: { kind: ctx().kind, ok: true } });
  });

  it('answers problem+json in French for an unknown route', async () => {
    const response = await ctx().app.inject({ method: 'GET', url: '/api/inexistant' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'route_inconnue',
      detail: expect.stringContaining('Aucune ressource'),
    });
  });
});
