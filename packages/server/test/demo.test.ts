import { expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, loadDemoData } from '../src/db/demo.js';
import { login } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('données de démonstration', (ctx) => {
  it('load into an empty database and give every documented account a working login and the seeds’ contracts', async () => {
    const db = ctx().database.db;
    expect(await isEmpty(db)).toBe(true);
    await loadDemoData(db);
    expect(await isEmpty(db)).toBe(false);
    for (const account of DEMO_ACCOUNTS) {
      const client = await login(ctx(), account.email, DEMO_PASSWORD);
      expect(client.info, account.email).toBeDefined();
    }
    const admin = await login(ctx(), 'admin@demo.statutis.fr', DEMO_PASSWORD);
    const commune = admin.info.collectivites.find((c) => c.nom === 'Commune de Belleville-sur-Arvelle');
    expect(commune).toBeDefined();
    await admin.request('PUT', '/api/auth/session/collectivite', { collectiviteId: commune!.id });
    const contrats = (await admin.request('GET', '/api/contrats?sort=numero')).json().items;
    expect(contrats.map((c: { numero: string; tauxCotisation: number }) => [c.numero, c.tauxCotisation])).toEqual([
      ['ARV-CNRACL-2024', 6500],
      ['ARV-IRCANTEC-2024', 1100],
    ]);
    const cnracl = (await admin.request('GET', `/api/contrats/${contrats[0].id}`)).json();
    expect(cnracl).toMatchObject({
      preavisAssureurMois: 6,
      preavisAssureMois: 4,
      dateEffet: '2024-01-01',
      dateFin: '2027-12-31',
    });
    expect(cnracl.garanties.find((g: { risque: string }) => g.risque === 'maladie_ordinaire')).toMatchObject({
      franchiseNombre: 15,
      franchiseUnite: 'jours_fermes_par_arret',
      delaiDeclarationJours: 90,
      delaiPiecesMedicalesJours: 730,
      delaiDecesJours: 3650,
    });
  });
});
