import { expect, it } from 'vitest';
import { POLICIER, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('prénoms des agents', (ctx) => {
  it('a first name typed in lower or upper case is stored with its capitals, like the name', async () => {
    const t = await tenantWithUsers(ctx());
    const created = await t.publicateur.request('POST', '/api/agents', { ...POLICIER, nom: 'martin', prenom: 'ella' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ nom: 'MARTIN', prenom: 'Ella' });
    const updated = await t.publicateur.request('PUT', `/api/agents/${created.json().id}`, {
      ...POLICIER,
      nom: 'martin',
      prenom: 'JEAN-PIERRE',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().prenom).toBe('Jean-Pierre');
  });
});
