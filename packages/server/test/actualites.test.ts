import { expect, it } from 'vitest';
import { createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('actualités', (ctx) => {
  it('the platform administrator publishes news; future ones stay hidden from users until their date', async () => {
    ctx().clock.set('2026-11-25T09:00:00Z');
    const t = await tenantWithUsers(ctx());
    const admin = await createUser(ctx().database.db, { staffRole: 'admin_plateforme' });
    const p = await login(ctx(), admin.email);
    const now = await p.request('POST', '/api/actualites', {
      titre: 'Nouveau contrat 2027',
      contenu: 'Le contrat groupe est renouvelé.',
    });
    expect(now.statusCode).toBe(201);
    expect(now.json().publieeLe).toBe('2026-11-25');
    const later = await p.request('POST', '/api/actualites', {
      titre: 'Webinaire',
      contenu: 'Inscriptions ouvertes.',
      publieeLe: '2026-12-01',
    });
    const titles = async () =>
      (await t.lecteur.request('GET', '/api/actualites')).json().items.map((a: { titre: string }) => a.titre);
    expect(await titles()).toEqual(['Nouveau contrat 2027']);
    expect((await p.request('GET', '/api/actualites')).json().total).toBe(2);

    const edited = await p.request('PUT', `/api/actualites/${now.json().id}`, {
      titre: 'Contrat 2027 renouvelé',
      contenu: 'Détails dans l’espace contractuel.',
    });
    expect(edited.json()).toMatchObject({ titre: 'Contrat 2027 renouvelé', publieeLe: '2026-11-25' });
    expect((await p.request('DELETE', `/api/actualites/${later.json().id}`)).statusCode).toBe(204);
    expect((await p.request('DELETE', `/api/actualites/${later.json().id}`)).statusCode).toBe(404);
    const invalid = await p.request('POST', '/api/actualites', { titre: '', contenu: 'x', publieeLe: '31/12/2026' });
    expect(
      invalid
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['publieeLe', 'titre']);
  });
});
