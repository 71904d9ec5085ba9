import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { membership } from '../src/modules/users/users.table.js';
import { createCdg, createCollectivite, createUser, login, newSiret } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('collectivités : gestion par l’administrateur de la plateforme, dernière choisie', (ctx) => {
  async function platform() {
    const admin = await createUser(ctx().database.db, { staffRole: 'admin_plateforme' });
    return login(ctx(), admin.email);
  }

  it('the platform administrator edits a collectivité (SIRET checked, audited) and deactivates it', async () => {
    const { db } = ctx().database;
    const centre = await createCdg(db);
    const c = await createCollectivite(db, centre.id);
    const member = await createUser(db, { collectiviteId: c.id, role: 'administrateur' });
    const other = await createCollectivite(db, centre.id);
    const plateforme = await platform();

    const bad = await plateforme.request('PUT', `/api/collectivites/${c.id}`, {
      nom: 'Commune de Saint-Ouen',
      siret: '12345678901234',
      type: 'commune',
      cdgId: centre.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toMatch(/siret/);
    const taken = await plateforme.request('PUT', `/api/collectivites/${c.id}`, {
      nom: 'Commune de Saint-Ouen',
      siret: other.siret,
      type: 'commune',
      cdgId: centre.id,
    });
    expect(taken.statusCode).toBe(409);
    const siret = newSiret();
    const saved = await plateforme.request('PUT', `/api/collectivites/${c.id}`, {
      nom: 'Commune de Saint-Ouen',
      siret,
      type: 'commune',
      cdgId: centre.id,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ id: c.id, nom: 'Commune de Saint-Ouen', siret, actif: true });
    const events = await db.select().from(auditEvent).where(eq(auditEvent.entityId, c.id));
    expect(events.find((e) => e.action === 'modification')?.changes).toMatchObject({
      nom: [c.nom, 'Commune de Saint-Ouen'],
      siret: [c.siret, siret],
    });

    // An administrator of the collectivité may not touch it.
    const memberClient = await login(ctx(), member.email);
    const refused = await memberClient.request('PUT', `/api/collectivites/${c.id}`, {
      nom: 'Autre',
      siret,
      type: 'commune',
      cdgId: centre.id,
    });
    expect(refused.statusCode).toBe(403);

    const off = await plateforme.request('PUT', `/api/collectivites/${c.id}/activation`, { actif: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().actif).toBe(false);
    // Its members can no longer work there: the current session loses it, a new login is refused.
    expect((await memberClient.request('GET', '/api/agents')).statusCode).toBe(404);
    await expect(login(ctx(), member.email)).rejects.toThrow(/403/);
    // The platform administrator still lists it, marked inactive.
    const list = await plateforme.request('GET', `/api/collectivites?q=${encodeURIComponent('Saint-Ouen')}`);
    expect(list.json().items).toMatchObject([{ id: c.id, actif: false }]);

    const on = await plateforme.request('PUT', `/api/collectivites/${c.id}/activation`, { actif: true });
    expect(on.json().actif).toBe(true);
    expect((await login(ctx(), member.email)).info.current?.id).toBe(c.id);
    const actions = (await db.select().from(auditEvent).where(eq(auditEvent.entityId, c.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['desactivation', 'reactivation']));
  });

  it('an unknown collectivité is a 404', async () => {
    const plateforme = await platform();
    const centre = await createCdg(ctx().database.db);
    const missing = '00000000-0000-4000-8000-000000000000';
    const r = await plateforme.request('PUT', `/api/collectivites/${missing}`, {
      nom: 'Commune',
      siret: newSiret(),
      type: 'commune',
      cdgId: centre.id,
    });
    expect(r.statusCode).toBe(404);
  });

  it('the next login opens in the collectivité chosen last, while it stays accessible', async () => {
    const { db } = ctx().database;
    const centre = await createCdg(db);
    const a = await createCollectivite(db, centre.id);
    const b = await createCollectivite(db, centre.id);
    const user = await createUser(db, { collectiviteId: a.id, role: 'administrateur' });
    await db.insert(membership).values({ userId: user.id, collectiviteId: b.id, role: 'lecteur' });
    const first = await login(ctx(), user.email);
    const [second, firstChoice] = first.info.collectivites.map((c) => c.id).reverse();
    expect(first.info.current?.id).toBe(firstChoice);
    const switched = await first.request('PUT', '/api/auth/session/collectivite', { collectiviteId: second });
    expect(switched.statusCode, switched.body).toBe(200);
    // Another browser, another day.
    expect((await login(ctx(), user.email)).info.current?.id).toBe(second);
    // Once that membership is gone, the first accessible one again.
    await db.delete(membership).where(eq(membership.collectiviteId, second!));
    expect((await login(ctx(), user.email)).info.current?.id).toBe(firstChoice);
  });
});
