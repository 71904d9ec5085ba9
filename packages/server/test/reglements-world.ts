import type { TDecompteNature } from '@statutis/domain';
import { expect } from 'vitest';
import { type Actor, createAudit } from '../src/lib/audit.js';
import { createNotificationsRepository } from '../src/modules/notifications/notifications.repository.js';
import { createReglementsRepository } from '../src/modules/reglements/reglements.repository.js';
import { createReglementsService, type DecompteAEnregistrer } from '../src/modules/reglements/reglements.service.js';
import { type Client, staffMember } from './factories.js';
import type { TestContext } from './harness.js';

export const IBAN_COLLECTIVITE = 'FR76 3000 6000 0112 3456 7890 189';
export const IBAN_CDG = 'FR1420041010050500013M02606';

/** The engine, until it is wired: it records through the same service function. */
export const MOTEUR: Actor = { userId: null, userLabel: 'Moteur de remboursement', collectiviteId: null, ip: null };

export const reglementsService = (ctx: TestContext) =>
  createReglementsService({
    db: ctx.database.db,
    clock: ctx.clock,
    audit: createAudit(ctx.clock),
    repo: createReglementsRepository(),
    notifications: createNotificationsRepository(),
  });

/** A décompte as the engine would produce it: one month line of TBI, its days covered. */
export async function enregistrer(
  ctx: TestContext,
  sinistreId: string,
  periode: { du: string; au: string },
  montant: number,
  extra: Partial<DecompteAEnregistrer> & { nature?: TDecompteNature } = {},
) {
  return ctx.database.db.transaction((tx) =>
    reglementsService(ctx).enregistrerDecompte(tx, MOTEUR, {
      sinistreId,
      periode,
      nature: 'indemnites_journalieres',
      beneficiaire: { type: 'collectivite' },
      montant,
      joursFranchise: 0,
      joursCarence: 0,
      ijss: 0,
      lignes: [{ mois: periode.du.slice(0, 7), element: 'tbi', trentiemes: 30, fraction: 1000, montant }],
      journal: [],
      entrees: { empreinte: 'test' },
      calculePar: null,
      ...extra,
    }),
  );
}

/** A gestionnaire of the CDG with the organisation's payment settings. */
export async function tresorier(ctx: TestContext, cdgId: string, seuilQuatreYeux: number | null = null) {
  const { client, user } = await staffMember(ctx, { cdgId });
  const r = await client.request('PUT', '/api/gestion/reglements/parametres', {
    seuilQuatreYeux,
    iban: IBAN_CDG,
    bic: 'PSSTFRPP',
    titulaire: 'Centre de gestion du Nord',
  });
  expect(r.statusCode, r.body).toBe(200);
  return { client, user };
}

export async function validerDecompte(g: Client, id: string) {
  const r = await g.request('POST', `/api/gestion/decomptes/${id}/validation`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
