import { expect, it } from 'vitest';
import { arrets, calculer, casDeux, casIrcantec, salaire, TBI } from './decomptes-world.js';
import type { Client } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { validerDecompte } from './reglements-world.js';
import { declareSinistre } from './world.js';

const decomptes = async (g: Client, sinistreId: string) => {
  const r = await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

/** « Recalculer »: each validated period costed again; the file is no longer marked. */
async function recalculer(g: Client, sinistreId: string) {
  const r = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decomptes/recalcul`);
  expect(r.statusCode, r.body).toBe(200);
  expect(await decomptes(g, sinistreId)).toMatchObject({ aRecalculerDepuis: null, recalculMotif: null });
  return r.json().items.map((i: { decompte: unknown }) => i.decompte);
}

const nonMarque = { aRecalculerDepuis: null, recalculMotif: null };

describeEachDatabase('un changement des données marque le dossier à recalculer', (ctx) => {
  it('salary: marks after a validated décompte only, and « Recalculer » regularises it', async () => {
    const { t, g, sinistreId } = await casDeux(ctx());
    const v1 = (await calculer(g, sinistreId)).decompte;
    // No validated décompte yet: a new payslip changes nothing already paid.
    await salaire(t.publicateur, sinistreId, '2026-10', 200_000);
    expect(await decomptes(g, sinistreId)).toMatchObject(nonMarque);
    // 200 000 × 8/30 × 0,9 = 48 000 cents.
    const v2 = (await calculer(g, sinistreId)).decompte;
    expect(v2).toMatchObject({ version: 2, montant: 48_000, aRegler: 48_000 });
    expect(v1.id).not.toBe(v2.id);
    await validerDecompte(g, v2.id);

    // The payslip was right at first: 472,59 € were owed, 480,00 € validated.
    await salaire(t.publicateur, sinistreId, '2026-10', TBI);
    expect(await decomptes(g, sinistreId)).toMatchObject({
      aRecalculerDepuis: '2026-10-01',
      recalculMotif: `Données salariales d’octobre 2026 modifiées après le décompte n° ${v2.numero}.`,
    });
    const [v3] = await recalculer(g, sinistreId);
    expect(v3).toMatchObject({ version: 3, montant: 47_259, dejaRegle: 48_000, aRegler: -741 });
  });

  it('IJSS: adding a CPAM statement after the décompte regularises it downwards', async () => {
    const { t, g, sinistreId } = await casIrcantec(ctx());
    const v1 = (await calculer(g, sinistreId)).decompte;
    // 16/10–23/10 = 8 days at 90 %: 196 911 × 8/30 × 0,9 = 47 258,64 → 472,59 €.
    expect(v1.montant).toBe(47_259);
    await validerDecompte(g, v1.id);
    const ijss = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/ijss`, {
      du: '2026-10-04',
      au: '2026-10-23',
      montantJournalier: 3_000,
    });
    expect(ijss.statusCode, ijss.body).toBe(201);
    expect(await decomptes(g, sinistreId)).toMatchObject({
      aRecalculerDepuis: '2026-10-04',
      recalculMotif: `IJSS du 04/10/2026 au 23/10/2026 ajoutées après le décompte n° ${v1.numero}.`,
    });
    // IJSS of the 8 counted days: 8 × 30,00 € = 240,00 €; 472,59 − 240,00 = 232,59 €.
    const [v2] = await recalculer(g, sinistreId);
    expect(v2).toMatchObject({ version: 2, montant: 23_259, ijss: 24_000, dejaRegle: 47_259, aRegler: -24_000 });
  });

  it('arrêt and reprise: a prolongation pays more, a reprise inside it pays less; a later arrêt marks nothing', async () => {
    const { t, g, sinistreId, agentId } = await casDeux(ctx());
    const v1 = (await calculer(g, sinistreId)).decompte;
    await validerDecompte(g, v1.id);
    await arrets(t.publicateur, sinistreId, [{ type: 'prolongation', debut: '2026-10-24', fin: '2026-10-31' }]);
    expect(await decomptes(g, sinistreId)).toMatchObject({
      aRecalculerDepuis: '2026-10-24',
      recalculMotif: `Arrêt du 24/10/2026 au 31/10/2026 déclaré après le décompte n° ${v1.numero}.`,
    });
    // 16/10–31/10 = 16 days: 196 911 × 16/30 × 0,9 = 94 517,28 → 945,17 €; + 945,17 − 472,59 = 472,58 €.
    const [v2] = await recalculer(g, sinistreId);
    expect(v2).toMatchObject({ version: 2, montant: 94_517, aRegler: 47_258 });
    await validerDecompte(g, v2.id);

    const reprise = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/reprise`, {
      date: '2026-10-28',
      confirmer: true,
    });
    expect(reprise.statusCode, reprise.body).toBe(200);
    expect(await decomptes(g, sinistreId)).toMatchObject({
      aRecalculerDepuis: '2026-10-28',
      recalculMotif: `Reprise au 28/10/2026 déclarée après le décompte n° ${v2.numero} : l’arrêt se termine le 27/10/2026 au lieu du 31/10/2026.`,
    });
    // 16/10–27/10 = 12 days: 196 911 × 12/30 × 0,9 = 70 887,96 → 708,88 €; 708,88 − 945,17 = −236,29 €.
    const [v3] = await recalculer(g, sinistreId);
    expect(v3).toMatchObject({ version: 3, montant: 70_888, dejaRegle: 94_517, aRegler: -23_629 });

    // An accident of the same agent in November touches no validated period.
    const autre = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-11-10');
    await arrets(t.publicateur, autre, [{ type: 'initial', debut: '2026-11-10', fin: '2026-11-20' }]);
    expect(await decomptes(g, sinistreId)).toMatchObject(nonMarque);
    expect(await decomptes(g, autre)).toMatchObject(nonMarque);
  });

  it('antécédent: 90 days of MO earlier in the year halve the pay of the validated October', async () => {
    const { t, g, sinistreId, agentId } = await casDeux(ctx());
    const v1 = (await calculer(g, sinistreId)).decompte;
    await validerDecompte(g, v1.id);
    const r = await t.publicateur.request('POST', `/api/agents/${agentId}/antecedents`, {
      categorie: 'maladie_ordinaire',
      du: '2026-01-01',
      au: '2026-03-31',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(await decomptes(g, sinistreId)).toMatchObject({
      aRecalculerDepuis: '2026-01-01',
      recalculMotif: `Antécédent du 01/01/2026 au 31/03/2026 ajouté après le décompte n° ${v1.numero}.`,
    });
    // 31 + 28 + 31 = 90 MO days in the rolling year before 16/10: half pay. 196 911 × 8/30 × 0,5 =
    // 26 254,80 → 262,55 €; 262,55 − 472,59 = −210,04 €.
    const [v2] = await recalculer(g, sinistreId);
    expect(v2).toMatchObject({ version: 2, montant: 26_255, dejaRegle: 47_259, aRegler: -21_004 });
  });

  it('contre-visite: the arrêt found unjustified from a date pays nothing from it', async () => {
    const { g, sinistreId } = await casDeux(ctx());
    const v1 = (await calculer(g, sinistreId)).decompte;
    await validerDecompte(g, v1.id);
    const controle = {
      type: 'contre_visite',
      demandeur: 'employeur',
      medecin: 'Dr Anne LEROY',
      date: '2026-10-19',
      resultat: 'non_justifie',
      injustifieAPartirDu: '2026-10-20',
      cout: 12_000,
      payePar: 'assureur',
    };
    const r = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/controles-medicaux`, controle);
    expect(r.statusCode, r.body).toBe(201);
    expect(await decomptes(g, sinistreId)).toMatchObject({
      aRecalculerDepuis: '2026-10-20',
      recalculMotif: `Contre-visite : arrêt injustifié à partir du 20/10/2026, résultat enregistré après le décompte n° ${v1.numero}.`,
    });
    // 16/10–19/10 = 4 days: 196 911 × 4/30 × 0,9 = 23 629,32 → 236,29 €; 236,29 − 472,59 = −236,30 €.
    const [v2] = await recalculer(g, sinistreId);
    expect(v2).toMatchObject({ version: 2, montant: 23_629, dejaRegle: 47_259, aRegler: -23_630 });
    // The same result saved again changes nothing.
    const same = await g.request(
      'PUT',
      `/api/gestion/sinistres/${sinistreId}/controles-medicaux/${r.json().id}`,
      controle,
    );
    expect(same.statusCode, same.body).toBe(200);
    expect(await decomptes(g, sinistreId)).toMatchObject(nonMarque);
  });
});
