import fc from 'fast-check';
import { expect, it } from 'vitest';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { emettre, generer } from './cotisations-world.js';
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

/** The sums as the page used to compute them at read time, straight from bases, décomptes and règlements. */
const DIRECT = `
  WITH primes AS (
    SELECT DISTINCT ON (collectivite_id, contrat_id, annee) collectivite_id, contrat_id, annee, cotisation, type
    FROM base_assurance ORDER BY collectivite_id, contrat_id, annee, (type = 'reelle') DESC
  ), charges AS (
    SELECT d.collectivite_id, d.contrat_id, extract(year FROM d.periode_du)::int AS annee, count(*)::int AS n,
           COALESCE(sum(d.a_regler) FILTER (WHERE r.statut = 'paye'), 0) AS regle,
           COALESCE(sum(d.a_regler) FILTER (WHERE r.statut IS DISTINCT FROM 'paye'), 0) AS du
    FROM decompte d LEFT JOIN reglement r ON r.id = d.reglement_id WHERE d.statut = 'valide' GROUP BY 1, 2, 3
  )
  SELECT COALESCE(p.collectivite_id, c.collectivite_id)::text AS co, COALESCE(p.contrat_id, c.contrat_id)::text AS ct,
         COALESCE(p.annee, c.annee) AS annee, COALESCE(p.cotisation, 0)::text AS primes, p.type AS base_type,
         COALESCE(c.regle, 0)::text AS regle, COALESCE(c.du, 0)::text AS du, COALESCE(c.n, 0) AS n
  FROM primes p FULL JOIN charges c
    ON c.collectivite_id = p.collectivite_id AND c.contrat_id = p.contrat_id AND c.annee = p.annee
  ORDER BY 1, 2, 3`;
const PRECALCULE = `
  SELECT collectivite_id::text AS co, contrat_id::text AS ct, annee, primes::text, base_type, regle::text, du::text,
         decomptes AS n
  FROM sinistralite_total WHERE base_type IS NOT NULL OR decomptes > 0 ORDER BY 1, 2, 3`;

async function egaux(c: TestContext) {
  const direct = await c.database.query(DIRECT);
  expect(await c.database.query(PRECALCULE)).toEqual(direct);
  return direct;
}

async function totalAnnee(c: TestContext, collectiviteId: string, annee: number) {
  const [row] = await c.database.query<{ regle: number; du: number }>(
    'SELECT sum(regle)::float8 AS regle, sum(du)::float8 AS du FROM sinistralite_total WHERE collectivite_id = $1 AND annee = $2',
    [collectiviteId, annee],
  );
  return { regle: Number(row!.regle), du: Number(row!.du) };
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

  it('the precomputed sums equal the direct aggregate after each write: calls, avoir, décomptes, payment, rejection', async () => {
    const c = ctx();
    const { g, x, y, k2 } = await monde(c);
    await egaux(c);
    const { client: gc } = await staffMember(c, { cdgId: y.cdgId });
    // Contribution calls do not feed the S/P (premiums are the bases'): issued, cancelled, regularised.
    const appel = await generer(gc, { collectiviteId: y.id, contratId: k2.id, annee: 2026 });
    await emettre(gc, appel.id);
    await egaux(c);
    const annule = await gc.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, {
      motif: 'Erreur',
    });
    expect(annule.statusCode, annule.body).toBe(200);
    const second = await generer(gc, { collectiviteId: y.id, contratId: k2.id, annee: 2026 });
    await emettre(gc, second.id);
    // A base réelle below the prévisionnelle: the premiums follow it, and its regularisation is an avoir.
    const py = await login(c, (await createUser(c.database.db, { collectiviteId: y.id, role: 'publicateur' })).email);
    const reelle = await py.request('POST', '/api/bases', {
      contratId: k2.id,
      annee: 2026,
      type: 'reelle',
      effectif: 3,
      tbi: 9_000_000,
    });
    expect(reelle.statusCode, reelle.body).toBe(201);
    await egaux(c);
    const avoir = await gc.request('POST', `/api/gestion/cotisations/appels/${second.id}/regularisation`, {
      dateEcheance: '2027-03-31',
    });
    expect(avoir.statusCode, avoir.body).toBe(201);
    expect(avoir.json().sens).toBe('avoir');
    await egaux(c);
    // The paid règlement rejected by the bank: its décomptes are due again.
    const [paye] = await c.database.query<{ id: string }>(
      `SELECT id FROM reglement WHERE statut = 'paye' AND collectivite_id = $1`,
      [x.id],
    );
    const avantRejet = await totalAnnee(c, x.id, 2026);
    const rejet = await g.request('POST', `/api/gestion/reglements/${paye!.id}/rejet`, { motif: 'Compte clos' });
    expect(rejet.statusCode, rejet.body).toBe(200);
    await egaux(c);
    const apresRejet = await totalAnnee(c, x.id, 2026);
    expect(apresRejet).toEqual({ regle: 0, du: avantRejet.du + avantRejet.regle });
    // A décompte validated, then paid in a new règlement.
    const [sinistre] = await c.database.query<{ id: string }>(
      'SELECT sinistre_id AS id FROM decompte WHERE collectivite_id = $1 LIMIT 1',
      [x.id],
    );
    const jan = await enregistrer(c, sinistre!.id, { du: '2026-01-01', au: '2026-01-31' }, 10_000);
    await egaux(c);
    await validerDecompte(g, jan.id);
    await egaux(c);
    const run = await g.request('POST', '/api/gestion/reglements', { du: '2026-01-01', au: '2026-01-31' });
    const r = run.json().crees[0];
    expect(r, run.body).toBeDefined();
    await g.request('POST', `/api/gestion/reglements/${r.id}/validation`);
    await g.request('POST', '/api/gestion/reglements/paiements', { reglementIds: [r.id], dateExecution: '2026-11-27' });
    expect((await g.request('POST', `/api/gestion/reglements/${r.id}/paiement`)).json().statut).toBe('paye');
    await egaux(c);
    expect((await totalAnnee(c, x.id, 2026)).regle).toBeGreaterThan(0);
  });

  it('property: any sequence of writes of bases, décomptes and règlements keeps the sums exact', async () => {
    const c = ctx();
    const { x, y, k1, k2 } = await monde(c);
    const [sinistre] = await c.database.query<{ id: string }>('SELECT id FROM sinistre LIMIT 1');
    const cles = [x.id, y.id].flatMap((co) => [k1.id, k2.id].map((ct) => ({ co, ct })));
    const cle = fc.integer({ min: 0, max: cles.length - 1 });
    const annee = fc.constantFrom(2025, 2026);
    const ecriture = fc.oneof(
      fc.record({
        op: fc.constant('decompte' as const),
        k: cle,
        annee,
        montant: fc.integer({ min: -50_000, max: 200_000 }),
        valide: fc.boolean(),
        r: fc.option(fc.nat(2)),
      }),
      fc.record({
        op: fc.constant('statut' as const),
        i: fc.nat(),
        statut: fc.constantFrom('calcule', 'valide', 'abandonne'),
      }),
      fc.record({ op: fc.constant('rattacher' as const), i: fc.nat(), r: fc.option(fc.nat(2)) }),
      fc.record({
        op: fc.constant('reglement' as const),
        r: fc.nat(2),
        statut: fc.constantFrom('valide', 'mis_en_paiement', 'paye', 'rejete'),
      }),
      fc.record({ op: fc.constant('supprimer' as const), i: fc.nat() }),
      fc.record({ op: fc.constant('tous' as const), k: cle }),
      fc.record({
        op: fc.constant('base' as const),
        k: cle,
        annee,
        reelle: fc.boolean(),
        cotisation: fc.nat(5_000_000),
      }),
      fc.record({ op: fc.constant('sansBase' as const), k: cle, annee, reelle: fc.boolean() }),
    );
    let version = 1000;
    await fc.assert(
      fc.asyncProperty(fc.array(ecriture, { maxLength: 12 }), async (ecritures) => {
        const q = (text: string, params: unknown[] = []) => c.database.query(text, params);
        const reglements = (
          await q(
            `INSERT INTO reglement (annee, collectivite_id, contrat_id, periode_du, periode_au, statut, beneficiaire, montant)
             SELECT 2026, $1, $2, '2026-01-01', '2026-01-31', 'valide', 'collectivite', 1 FROM generate_series(1, 3) RETURNING id`,
            [x.id, k1.id],
          )
        ).map((r) => r.id as string);
        const ids: string[] = [];
        for (const e of ecritures) {
          const pick = (i: number) => ids[i % Math.max(ids.length, 1)];
          if (e.op === 'decompte') {
            const { co, ct } = cles[e.k]!;
            const [row] = await q(
              `INSERT INTO decompte (annee, collectivite_id, sinistre_id, contrat_id, periode_du, periode_au, version, statut,
                 nature, beneficiaire, montant, a_regler, lignes, journal, entrees, calcule_le, reglement_id)
               VALUES ($1, $2, $3, $4, make_date($1, 3, 1), make_date($1, 3, 31), $5, $6, 'indemnites_journalieres',
                 'collectivite', $7, $7, '[]', '[]', '{"empreinte": "p"}', now(), $8) RETURNING id`,
              [
                e.annee,
                co,
                sinistre!.id,
                ct,
                version++,
                e.valide ? 'valide' : 'calcule',
                e.montant,
                e.r === null ? null : reglements[e.r],
              ],
            );
            ids.push(row!.id as string);
          } else if (e.op === 'statut' && ids.length)
            await q('UPDATE decompte SET statut = $2 WHERE id = $1', [pick(e.i), e.statut]);
          else if (e.op === 'rattacher' && ids.length)
            await q('UPDATE decompte SET reglement_id = $2 WHERE id = $1', [
              pick(e.i),
              e.r === null ? null : reglements[e.r],
            ]);
          else if (e.op === 'reglement')
            await q('UPDATE reglement SET statut = $2 WHERE id = $1', [reglements[e.r], e.statut]);
          else if (e.op === 'supprimer' && ids.length) {
            const id = pick(e.i)!;
            await q('DELETE FROM decompte WHERE id = $1', [id]);
            ids.splice(ids.indexOf(id), 1);
          } else if (e.op === 'tous')
            // Many rows in one statement: the statement-level trigger sums them together.
            await q(
              `UPDATE decompte SET a_regler = a_regler + 7, contrat_id = $2 WHERE collectivite_id = $1 AND version >= 1000`,
              [cles[e.k]!.co, cles[e.k]!.ct],
            );
          else if (e.op === 'base') {
            const { co, ct } = cles[e.k]!;
            await q(
              `INSERT INTO base_assurance (collectivite_id, contrat_id, annee, type, effectif, tbi, taux_cotisation, assiette, cotisation)
               VALUES ($1, $2, $3, $4, 1, $5, 1000, $5, $5)
               ON CONFLICT (collectivite_id, contrat_id, annee, type) DO UPDATE SET cotisation = excluded.cotisation`,
              [co, ct, e.annee, e.reelle ? 'reelle' : 'previsionnelle', e.cotisation],
            );
          } else if (e.op === 'sansBase') {
            const { co, ct } = cles[e.k]!;
            await q(
              `DELETE FROM base_assurance WHERE collectivite_id = $1 AND contrat_id = $2 AND annee = $3 AND type = $4`,
              [co, ct, e.annee, e.reelle ? 'reelle' : 'previsionnelle'],
            );
          }
        }
        await egaux(c);
        // Undo this run's décomptes and règlements (the bases stay: the next run starts from any state).
        await q('DELETE FROM decompte WHERE version >= 1000');
        await q('DELETE FROM reglement WHERE id = ANY($1::uuid[])', [reglements]);
        await egaux(c);
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });
});
