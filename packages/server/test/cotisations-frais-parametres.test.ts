import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { cotisationsWorld, generer } from './cotisations-world.js';
import { createAssureur, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

const URL = '/api/gestion/cotisations/frais';

describeEachDatabase('frais de gestion du CDG : fin d’une période', (ctx) => {
  it('ends the open period, then a later period can be added; the fee follows the period in force', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const [ouverte] = (await g.request('GET', URL)).json().items;
    // 2031 overlaps the open period from 01/01/2024: refused with the reason beside « Du ».
    const trop = await g.request('POST', URL, { du: '2031-01-01', modele: 'pourcentage_assiette', tauxCnracl: 400 });
    expect(trop.statusCode).toBe(409);
    expect(trop.json().errors).toEqual([
      { field: 'du', message: 'Déjà couverte par la période commencée le 01/01/2024 : terminez-la d’abord.' },
    ]);

    const fin = await g.request('PATCH', `${URL}/${ouverte.id}`, { au: '2030-12-31' });
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json()).toMatchObject({ id: ouverte.id, du: '2024-01-01', au: '2030-12-31', montantParAgent: 7_000 });
    const ajout = await g.request('POST', URL, {
      du: '2031-01-01',
      modele: 'pourcentage_assiette',
      tauxCnracl: 400,
      tauxIrcantec: 150,
      appelesSeparement: true,
    });
    expect(ajout.statusCode, ajout.body).toBe(201);
    expect(
      (await g.request('GET', URL)).json().items.map((f: { du: string; au: string | null }) => [f.du, f.au]),
    ).toEqual([
      ['2031-01-01', null],
      ['2024-01-01', '2030-12-31'],
    ]);
    // 2026 still takes 70 € per CNRACL agent (1 agent → 70,00 €).
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    expect(appel.lignes).toContainEqual(expect.objectContaining({ nature: 'frais_gestion', montant: 7_000 }));

    // Reopening the first period would run over 2031: refused beside « Au ».
    const rouvrir = await g.request('PATCH', `${URL}/${ouverte.id}`, { au: null });
    expect(rouvrir.statusCode).toBe(409);
    expect(rouvrir.json()).toMatchObject({
      code: 'frais_chevauchement',
      detail: 'La période prolongée chevaucherait les paramètres en vigueur à partir du 01/01/2031.',
      errors: [{ field: 'au', message: 'Chevaucherait la période commencée le 01/01/2031.' }],
    });
    // Ending before its start: 422 on « Au ».
    const avant = await g.request('PATCH', `${URL}/${ouverte.id}`, { au: '2023-12-31' });
    expect(avant.statusCode).toBe(422);
    expect(avant.json().errors).toEqual([{ field: 'au', message: 'La période commence le 01/01/2024.' }]);
    // Shortening is always possible and audited with the old and new end.
    expect((await g.request('PATCH', `${URL}/${ouverte.id}`, { au: '2029-12-31' })).statusCode).toBe(200);
    const events = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, ouverte.id), eq(auditEvent.action, 'modification')));
    expect(events.map((e) => e.changes)).toEqual([{ au: [null, '2030-12-31'] }, { au: ['2030-12-31', '2029-12-31'] }]);
  });

  it('another CDG’s period is not found; an insurer’s staff and a collectivité are refused', async () => {
    const { t, g } = await cotisationsWorld(ctx());
    const [periode] = (await g.request('GET', URL)).json().items;
    const autre = await tenantWithUsers(ctx());
    const { client: g2 } = await staffMember(ctx(), { cdgId: autre.collectivite.cdgId });
    expect((await g2.request('PATCH', `${URL}/${periode.id}`, { au: '2030-12-31' })).statusCode).toBe(404);
    const assureur = await createAssureur(ctx().database.db);
    const { client: a } = await staffMember(ctx(), { assureurId: assureur.id });
    expect((await a.request('PATCH', `${URL}/${periode.id}`, { au: '2030-12-31' })).statusCode).toBe(403);
    expect((await t.admin.request('PATCH', `${URL}/${periode.id}`, { au: '2030-12-31' })).statusCode).toBe(403);
    expect((await g.request('PATCH', `${URL}/${periode.id}`, { au: '31/12/2030' })).statusCode).toBe(422);
    expect((await g.request('GET', URL)).json().items).toEqual([expect.objectContaining({ au: null })]);
  });
});
