import { expect, it } from 'vitest';
import { cotisationsWorld, emettre, generer } from './cotisations-world.js';
import { tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('« Vos cotisations » : export', (ctx) => {
  it('exports the issued calls only, amounts as numbers, to the collectivité alone', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    const csv = async (query = '') => {
      const r = await t.lecteur.request('GET', `/api/cotisations/export?format=csv${query}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-disposition']).toContain('cotisations.csv');
      return r.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
    };
    // A draft is the CDG's work: not exported.
    expect(await csv()).toHaveLength(1);
    await emettre(g, appel.id);
    const [header, line] = await csv();
    expect(header).toBe(
      'Appel;Nature;Année;Contrat;Statut;Échéancier;Couverture du;Émis le;Montant (€);Payé (€);Reste dû (€)',
    );
    // 99 200 € × 8,60 % = 8 531,20 € + the CDG's fee 70,00 € = 8 601,20 €, nothing paid yet.
    expect(line).toMatch(
      new RegExp(
        `^${appel.numero};Appel de cotisation;2026;${contrat.numero};Émis;Annuelle;01/01/2026;\\d\\d/\\d\\d/2026;8601,20;0,00;8601,20$`,
      ),
    );
    expect(await csv('&annee=2025')).toHaveLength(1);
    const xlsx = await t.lecteur.request('GET', '/api/cotisations/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await tenantWithUsers(ctx());
    const theirs = await other.lecteur.request('GET', '/api/cotisations/export?format=csv');
    expect(
      theirs.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
    expect((await t.lecteur.request('GET', '/api/cotisations/export?format=pdf')).statusCode).toBe(422);
  });
});
