import { expect } from 'vitest';
import { type Client, createContrat, POLICIER, staffMember, tenantWithUsers } from './factories.js';
import type { TestContext } from './harness.js';

/** Seed 002: the CDG's fee, 70 € per CNRACL agent counted on the first day of the adhesion. */
export const FORFAIT_70 = { du: '2024-01-01', au: null, modele: 'forfait_agent', montantParAgent: 7_000 };

/**
 * A collectivité of a CDG, on a CNRACL contract at 8,600 % (adhesion 01/01/2024), its base
 * prévisionnelle 2026 of 99 200 € (TBI only), the seeds' policier (CNRACL, entered 2018), and a
 * gestionnaire of the CDG.
 */
export async function cotisationsWorld(ctx: TestContext, options: { frais?: object | null } = {}) {
  const t = await tenantWithUsers(ctx);
  const contrat = await createContrat(ctx.database.db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    taux: 8600,
  });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: contrat.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 1,
    tbi: 9_920_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  const agent = await t.publicateur.request('POST', '/api/agents', POLICIER);
  expect(agent.statusCode, agent.body).toBe(201);
  const { client: g, user: gUser } = await staffMember(ctx, { cdgId: t.collectivite.cdgId });
  const frais = options.frais === undefined ? FORFAIT_70 : options.frais;
  if (frais) {
    const r = await g.request('POST', '/api/gestion/cotisations/frais', frais);
    expect(r.statusCode, r.body).toBe(201);
  }
  return { t, contrat, g, gUser, baseId: base.json().id as string };
}

export async function generer(g: Client, body: Record<string, unknown>) {
  const r = await g.request('POST', '/api/gestion/cotisations/appels', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** Checked then issued by the CDG. */
export async function emettre(g: Client, id: string) {
  const c = await g.request('POST', `/api/gestion/cotisations/appels/${id}/controle`);
  expect(c.statusCode, c.body).toBe(200);
  const e = await g.request('POST', `/api/gestion/cotisations/appels/${id}/emission`);
  expect(e.statusCode, e.body).toBe(200);
  return e.json();
}
