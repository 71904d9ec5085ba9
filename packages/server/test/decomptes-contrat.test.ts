import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { contrat, garantie } from '../src/modules/contrats/contrats.table.js';
import { decompte, reglement } from '../src/modules/reglements/reglements.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { calculer, TBI } from './decomptes-world.js';
import { createContrat } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { pdfText } from './pdf-text.js';
import { IBAN_COLLECTIVITE, tresorier, validerDecompte } from './reglements-world.js';
import { declareSinistre, insuredTenant } from './world.js';

const NOVEMBRE = { du: '2026-11-01', au: '2026-11-30' };

/**
 * Contract A (the world's, 80 % for MO here) ends on 31/10/2026; contract B, renewed from 01/11/2026
 * at 100 %, is the one in force now and the sinistre reads it. An MO chain started on 01/10/2026
 * under A runs until 20/11/2026.
 */
async function renouvellement(ctx: TestContext) {
  const world = await insuredTenant(ctx);
  const { t, agentId } = world;
  const db = ctx.database.db;
  const a = world.contrat;
  await db.update(contrat).set({ dateFin: '2026-10-31' }).where(eq(contrat.id, a.id));
  await db
    .update(garantie)
    .set({ remboursementPct: 80 })
    .where(and(eq(garantie.contratId, a.id), eq(garantie.risque, 'maladie_ordinaire')));
  const b = await createContrat(db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    risques: ['maladie_ordinaire', 'accident_service', 'clm'],
  });
  await db.update(contrat).set({ dateEffet: '2026-11-01', dateFin: '2029-12-31' }).where(eq(contrat.id, b.id));
  const iban = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
    iban: IBAN_COLLECTIVITE,
    titulaire: 'Commune d’Hellemmes',
  });
  expect(iban.statusCode, iban.body).toBe(200);
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-10-01');
  for (const body of [
    { type: 'initial', debut: '2026-10-01', fin: '2026-10-31' },
    { type: 'prolongation', debut: '2026-11-01', fin: '2026-11-20' },
  ]) {
    const r = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/arrets`, body);
    expect(r.statusCode, r.body).toBe(201);
  }
  const s = await t.publicateur.request('PUT', `/api/sinistres/${sinistreId}/salaires`, {
    mois: [
      { mois: '2026-10', tbi: TBI },
      { mois: '2026-11', tbi: TBI },
    ],
  });
  expect(s.statusCode, s.body).toBe(200);
  // The file now reads the renewed contract (as a renewal moves the open files).
  await db.update(sinistre).set({ statut: 'ouvert', contratId: b.id }).where(eq(sinistre.id, sinistreId));
  const g = await tresorier(ctx, t.collectivite.cdgId);
  return { ...world, a, b, sinistreId, g: g.client };
}

describeEachDatabase('un décompte appartient au contrat de sa chaîne', (ctx) => {
  it('records the chain started under the former contract under it, at its rate, in its PDF and règlement', async () => {
    const { t, g, a, b, sinistreId } = await renouvellement(ctx());
    const db = ctx().database.db;
    const out = await calculer(g, sinistreId, NOVEMBRE);
    // Chain from 01/10 under A: November 01/11–20/11 = 20 days at 90 % (n < 90 MO days):
    // 196 911 × 20/30 × 0,9 = 118 146,60 cents; at A's 80 %: 94 517,28 → 945,17 € (B's 100 % would give 1 181,47 €).
    expect(out.decompte).toMatchObject({
      montant: 94_517,
      mois: [{ mois: '2026-11', remboursementPct: 80, rembourse: 94_517 }],
      entreesAffichees: { remboursementPct: 80 },
    });
    const [row] = await db
      .select({ contratId: decompte.contratId })
      .from(decompte)
      .where(eq(decompte.id, out.decompte.id));
    expect(row!.contratId).toBe(a.id);

    const pdf = await t.lecteur.request(
      'GET',
      `/api/sinistres/${sinistreId}/decomptes/${out.decompte.id}/decompte.pdf`,
    );
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Remboursement à 80\u00a0% 945,17\u00a0€');
    expect(text).toContain(`Contrat n° ${a.numero}`);
    expect(text).not.toContain(b.numero);

    await validerDecompte(g, out.decompte.id);
    const run = await g.request('POST', '/api/gestion/reglements', NOVEMBRE);
    expect(run.statusCode, run.body).toBe(201);
    const [r] = run.json().crees;
    expect(r).toMatchObject({ montant: 94_517, nombreDecomptes: 1 });
    const [regle] = await db.select({ contratId: reglement.contratId }).from(reglement).where(eq(reglement.id, r.id));
    expect(regle!.contratId).toBe(a.id);
  });

  it('moves a period recorded under the wrong contract to the chain’s, regularising both', async () => {
    const { g, a, b, sinistreId } = await renouvellement(ctx());
    const db = ctx().database.db;
    const first = (await calculer(g, sinistreId, NOVEMBRE)).decompte;
    await validerDecompte(g, first.id);
    // As the engine recorded it before: the file's current contract B, at B's 100 % (1 181,47 €).
    await db
      .update(decompte)
      .set({ contratId: b.id, montant: 118_147, aRegler: 118_147 })
      .where(eq(decompte.id, first.id));
    await db.update(sinistre).set({ remboursementARecalculerDepuis: '2026-11-01' }).where(eq(sinistre.id, sinistreId));
    const r = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decomptes/recalcul`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = await db
      .select({
        contratId: decompte.contratId,
        version: decompte.version,
        montant: decompte.montant,
        aRegler: decompte.aRegler,
        statut: decompte.statut,
      })
      .from(decompte)
      .where(eq(decompte.sinistreId, sinistreId))
      .orderBy(decompte.version);
    // B gives back what it paid (−1 181,47 €); A pays its 945,17 €.
    expect(rows).toEqual([
      { contratId: b.id, version: 1, montant: 118_147, aRegler: 118_147, statut: 'valide' },
      { contratId: a.id, version: 2, montant: 94_517, aRegler: 94_517, statut: 'calcule' },
      { contratId: b.id, version: 3, montant: 0, aRegler: -118_147, statut: 'calcule' },
    ]);
  });
});
