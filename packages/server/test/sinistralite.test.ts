import { expect, it } from 'vitest';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { createAssureur, createCollectivite, createContrat, createUser, login, staffMember } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { enregistrer, IBAN_COLLECTIVITE, tresorier, validerDecompte } from './reglements-world.js';
import { declareSinistre, insuredTenant } from './world.js';

type Ligne = { collectivite: { id: string; nom: string }; contrat: { numero: string }; rapport: number | null };

/**
 * A CDG with two collectivités. X (contract K1 at 6,50 %): bases 2026 prévisionnelle 300 000 € and
 * réelle 320 000 €; décomptes of October and November 2026 paid (2 000,00 €), December validated
 * and not paid (500,00 €), December 2025 validated (another year). Y (contract K2 at 8,60 %, of an
 * insurer): base prévisionnelle 100 000 €, no décompte.
 */
async function monde(ctx: TestContext) {
  const { t, contrat: k1, agentId } = await insuredTenant(ctx);
  const cdgId = t.collectivite.cdgId;
  // 320 000 € × 6,50 % = 20 800,00 € of premiums, the réelle replacing the prévisionnelle (19 500 €).
  const reelle = await t.publicateur.request('POST', '/api/bases', {
    contratId: k1.id,
    annee: 2026,
    type: 'reelle',
    effectif: 10,
    tbi: 32_000_000,
  });
  expect(reelle.statusCode, reelle.body).toBe(201);
  expect(reelle.json().cotisation).toBe(2_080_000);
  await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', { iban: IBAN_COLLECTIVITE, titulaire: 'X' });
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-01-05');
  const { client: g } = await tresorier(ctx, cdgId);
  const oct = await enregistrer(ctx, sinistreId, { du: '2026-10-01', au: '2026-10-31' }, 123_456);
  const nov = await enregistrer(ctx, sinistreId, { du: '2026-11-01', au: '2026-11-30' }, 76_544);
  for (const d of [oct, nov]) await validerDecompte(g, d.id);
  const run = await g.request('POST', '/api/gestion/reglements', { du: '2026-11-01', au: '2026-11-30' });
  const r = run.json().crees[0];
  await g.request('POST', `/api/gestion/reglements/${r.id}/validation`);
  await g.request('POST', '/api/gestion/reglements/paiements', { reglementIds: [r.id], dateExecution: '2026-11-27' });
  expect((await g.request('POST', `/api/gestion/reglements/${r.id}/paiement`)).json().statut).toBe('paye');
  const dec = await enregistrer(ctx, sinistreId, { du: '2026-12-01', au: '2026-12-31' }, 50_000);
  await validerDecompte(g, dec.id);
  const avant = await enregistrer(ctx, sinistreId, { du: '2025-12-01', au: '2025-12-31' }, 40_000);
  await validerDecompte(g, avant.id);
  // Computed, not validated: neither paid nor due.
  await enregistrer(ctx, sinistreId, { du: '2026-09-01', au: '2026-09-30' }, 99_999);

  const assureur = await createAssureur(ctx.database.db);
  const y = await createCollectivite(ctx.database.db, cdgId);
  const k2 = await createContrat(ctx.database.db, {
    cdgId,
    assureurId: assureur.id,
    collectiviteIds: [y.id],
    risques: ['maladie_ordinaire'],
    taux: 8600,
  });
  const py = await login(ctx, (await createUser(ctx.database.db, { collectiviteId: y.id, role: 'publicateur' })).email);
  // 100 000 € × 8,60 % = 8 600,00 €.
  const by = await py.request('POST', '/api/bases', {
    contratId: k2.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 3,
    tbi: 10_000_000,
  });
  expect(by.json().cotisation, by.body).toBe(860_000);
  return { t, g, x: t.collectivite, y, k1, k2, assureur, cdgId };
}

const lignes = (body: { items: Ligne[] }) => body.items.map((l) => [l.collectivite.nom, l.contrat.numero, l.rapport]);

describeEachDatabase('rapport S/P', (ctx) => {
  it('per collectivité and contract: paid and due over the premiums of the réelle, with the CDG total', async () => {
    const { g, x, y, k1, k2 } = await monde(ctx());
    const r = await g.request('GET', '/api/gestion/sinistralite?annee=2026');
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    // X: (200 000 + 50 000) × 10 000 / 2 080 000 = 1 201,9… → 12,02 %; Y: 0 / 860 000 = 0 %.
    expect(page.items).toEqual([
      {
        collectivite: { id: x.id, nom: x.nom },
        contrat: { id: k1.id, numero: k1.numero },
        baseType: 'reelle',
        primes: 2_080_000,
        regle: 200_000,
        du: 50_000,
        rapport: 1_202,
        explication: expect.stringMatching(/^S\/P = remboursements \(2\s000,00\s€ réglés \+ 500,00\s€ validés/),
      },
      {
        collectivite: { id: y.id, nom: y.nom },
        contrat: { id: k2.id, numero: k2.numero },
        baseType: 'previsionnelle',
        primes: 860_000,
        regle: 0,
        du: 0,
        rapport: 0,
        explication: expect.stringContaining('base prévisionnelle'),
      },
    ]);
    // 250 000 × 10 000 / 2 940 000 = 850,3… → 8,50 %.
    expect(page.total).toEqual({ lignes: 2, primes: 2_940_000, regle: 200_000, du: 50_000, rapport: 850 });
    expect(page.suivant).toBeNull();

    // Another year: December 2025's décompte without a base of that year — no ratio, said so.
    const avant = (await g.request('GET', '/api/gestion/sinistralite?annee=2025')).json();
    expect(avant.items).toEqual([
      expect.objectContaining({ primes: 0, regle: 0, du: 40_000, rapport: null, baseType: null }),
    ]);
    expect(avant.items[0].explication).toMatch(/^Pas de rapport S\/P : aucune base déclarée pour cette année/);

    // Sorted the other way, filtered by contract.
    const asc = (await g.request('GET', '/api/gestion/sinistralite?annee=2026&ordre=asc')).json();
    expect(lignes(asc)).toEqual([
      [y.nom, k2.numero, 0],
      [x.nom, k1.numero, 1_202],
    ]);
    const k2Only = (await g.request('GET', `/api/gestion/sinistralite?annee=2026&contratId=${k2.id}`)).json();
    expect(lignes(k2Only)).toEqual([[y.nom, k2.numero, 0]]);
    expect(k2Only.total).toMatchObject({ lignes: 1, primes: 860_000 });
  });

  it('each organisation sees its own scope; the employer does not see it; bad input is a French 422', async () => {
    const { t, y, k2, assureur } = await monde(ctx());
    const { client: insurer } = await staffMember(ctx(), { assureurId: assureur.id });
    expect(lignes((await insurer.request('GET', '/api/gestion/sinistralite?annee=2026')).json())).toEqual([
      [y.nom, k2.numero, 0],
    ]);
    const { client: other } = await staffMember(ctx(), { cdgId: (await createCollectivite(ctx().database.db)).cdgId });
    const none = (await other.request('GET', '/api/gestion/sinistralite?annee=2026')).json();
    expect(none).toMatchObject({ items: [], total: { lignes: 0, primes: 0, rapport: null } });
    expect((await t.admin.request('GET', '/api/gestion/sinistralite?annee=2026')).statusCode).toBe(403);
    const bad = await insurer.request('GET', '/api/gestion/sinistralite?annee=deux');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: 'annee', message: 'Année : un nombre est attendu.' }]);
  });

  it('pages by keyset in every order, each line once, and exports numbers a spreadsheet reads', async () => {
    const db = ctx().database.db;
    const { client: g, cdgId } = await (async () => {
      const c = await createCollectivite(db);
      return { ...(await staffMember(ctx(), { cdgId: c.cdgId })), cdgId: c.cdgId };
    })();
    // 45 collectivités of one CDG, premiums 1 000,00 € × n (some equal, to test the ties).
    const ids: string[] = [];
    for (let n = 0; n < 45; n++) {
      const c = await createCollectivite(db, cdgId);
      const k = await createContrat(db, { cdgId, collectiviteIds: [c.id], risques: ['maladie_ordinaire'] });
      await db.insert(baseAssurance).values({
        collectiviteId: c.id,
        contratId: k.id,
        annee: 2026,
        type: 'previsionnelle',
        effectif: 1,
        tbi: 100_000,
        tauxCotisation: 6500,
        assiette: 100_000,
        cotisation: 100_000 * (1 + (n % 7)),
        createdAt: ctx().clock.now(),
      });
      ids.push(c.id);
    }
    for (const [tri, ordre] of [
      ['primes', 'desc'],
      ['collectivite', 'asc'],
      ['rapport', 'asc'],
    ] as const) {
      const seen: Ligne[] = [];
      let apres: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/gestion/sinistralite?annee=2026&tri=${tri}&ordre=${ordre}${apres ? `&apres=${apres}` : ''}`;
        const body = (await g.request('GET', url)).json();
        expect(body.items.length).toBeLessThanOrEqual(20);
        expect(body.total.lignes).toBe(45);
        seen.push(...body.items);
        apres = body.suivant;
        pages++;
      } while (apres);
      expect(pages).toBe(3);
      expect(new Set(seen.map((l) => l.collectivite.id))).toEqual(new Set(ids));
      expect(seen).toHaveLength(45);
      if (tri === 'primes') {
        const primes = seen.map((l) => (l as unknown as { primes: number }).primes);
        expect(primes).toEqual([...primes].sort((a, b) => b - a));
      }
      if (tri === 'collectivite') {
        const noms = seen.map((l) => l.collectivite.nom);
        expect(noms).toEqual([...noms].sort((a, b) => a.localeCompare(b, 'fr')));
      }
    }

    const csv = await g.request('GET', '/api/gestion/sinistralite/export?annee=2026&tri=primes&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('rapport-sp-2026.csv');
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(
      'Collectivité;Contrat;Base;Primes (€);Remboursements réglés (€);Remboursements à régler (€);Sinistres (€);S/P (%)',
    );
    expect(rows).toHaveLength(46);
    expect(rows[1]).toMatch(/;prévisionnelle;7000,00;0,00;0,00;0,00;0,00$/);
    const xlsx = await g.request('GET', '/api/gestion/sinistralite/export?annee=2026&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
