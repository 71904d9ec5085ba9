import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { type Client, createContrat, POLICIER, tenantWithUsers } from './factories.js';
import type { TestContext } from './harness.js';
import { IBAN_COLLECTIVITE, tresorier } from './reglements-world.js';
import { declareSinistre, insuredTenant } from './world.js';

export const OCTOBRE = { du: '2026-10-01', au: '2026-10-31' };
export const AUTOMNE = { du: '2026-10-01', au: '2026-11-30' };
/** domain.md §6's worked example: IM 400 → TBI 1 969,11 €. */
export const TBI = 196_911;

export async function arrets(client: Client, sinistreId: string, bodies: Record<string, unknown>[]) {
  for (const body of bodies) {
    const r = await client.request('POST', `/api/sinistres/${sinistreId}/arrets`, body);
    expect(r.statusCode, r.body).toBe(201);
  }
}

export async function salaire(client: Client, sinistreId: string, mois: string, tbi: number) {
  const r = await client.request('PUT', `/api/sinistres/${sinistreId}/salaires`, { mois: [{ mois, tbi }] });
  expect(r.statusCode, r.body).toBe(200);
}

export const calculer = async (g: Client, sinistreId: string, periode = OCTOBRE) => {
  const r = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decomptes`, periode);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

/**
 * The seeds' case 2 (module 4): a maladie ordinaire, an initial arrêt from the 1st to the 7th and a
 * 16-day prolongation (8th–23rd), of a CNRACL fonctionnaire, in October 2026; the file is open.
 */
export async function casDeux(ctx: TestContext) {
  const world = await insuredTenant(ctx);
  const { t, agentId } = world;
  const iban = await t.admin.request('PUT', '/api/collectivite/coordonnees-bancaires', {
    iban: IBAN_COLLECTIVITE,
    titulaire: 'Commune d’Hellemmes',
  });
  expect(iban.statusCode, iban.body).toBe(200);
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-10-01');
  await arrets(t.publicateur, sinistreId, [
    { type: 'initial', debut: '2026-10-01', fin: '2026-10-07' },
    { type: 'prolongation', debut: '2026-10-08', fin: '2026-10-23' },
  ]);
  await salaire(t.publicateur, sinistreId, '2026-10', TBI);
  await ctx.database.db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, sinistreId));
  const g = await tresorier(ctx, t.collectivite.cdgId);
  return { ...world, sinistreId, g: g.client };
}

/** The seeds' agent as an IRCANTEC contractuel (`autres` changes more of him), created: his id. */
export async function agentIrcantec(publicateur: Client, autres: Record<string, unknown> = {}) {
  const agent = await publicateur.request('POST', '/api/agents', {
    ...POLICIER,
    regime: 'IRCANTEC',
    statut: 'contractuel',
    ...autres,
  });
  expect(agent.statusCode, agent.body).toBe(201);
  return agent.json().id as string;
}

/** An IRCANTEC contractuel entered 01/09/2023 (37 months of service), MO 01/10–23/10/2026, October's TBI saved. */
export async function casIrcantec(ctx: TestContext) {
  const t = await tenantWithUsers(ctx);
  const contrat = await createContrat(ctx.database.db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    regime: 'IRCANTEC',
    risques: ['maladie_ordinaire'],
  });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: contrat.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 3,
    tbi: 9_000_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  const agentId = await agentIrcantec(t.publicateur, { dateEntree: '2023-09-01' });
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-10-01');
  await arrets(t.publicateur, sinistreId, [{ type: 'initial', debut: '2026-10-01', fin: '2026-10-23' }]);
  await salaire(t.publicateur, sinistreId, '2026-10', TBI);
  const { client: g } = await tresorier(ctx, t.collectivite.cdgId);
  return { t, g, sinistreId };
}
