import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Actor, createAudit } from '../lib/audit.js';
import { manualClock } from '../lib/clock.js';
import { NOTHING, type Scope } from '../lib/scope.js';
import { collectivite } from '../modules/collectivites/collectivites.table.js';
import { createReglementsRepository } from '../modules/reglements/reglements.repository.js';
import { createReglementsService } from '../modules/reglements/reglements.service.js';
import { reglementParametre } from '../modules/reglements/reglements.table.js';
import { createDecomptesRepository } from '../modules/remboursements/decomptes.repository.js';
import { createDecomptesService } from '../modules/remboursements/decomptes.service.js';
import { sinistre } from '../modules/sinistres/sinistres.table.js';

const MOTEUR: Actor = { userId: null, userLabel: 'Démonstration', collectiviteId: null, ip: null };

/**
 * « Vos règlements » of the demo collectivité: validated décomptes of its two illnesses and the paid
 * règlement of them, computed by the engine through the handler's own service (issue 10).
 */
export async function loadDemoReglements(tx: Db, ids: { collectiviteId: string; cdgId: string }) {
  const c = ids.collectiviteId;
  const repo = createReglementsRepository();
  const clock = manualClock('2026-10-05T08:00:00Z');
  const service = createReglementsService({ db: tx, clock, audit: createAudit(clock), repo });
  await tx
    .update(collectivite)
    .set({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', titulaireCompte: 'CC du Val d’Arvelle' })
    .where(eq(collectivite.id, c));
  await tx.insert(reglementParametre).values({
    cdgId: ids.cdgId,
    seuilQuatreYeux: 1_000_000,
    iban: 'FR1420041010050500013M02606',
    bic: 'PSSTFRPP',
    titulaire: 'Centre de gestion de la fonction publique territoriale',
    updatedAt: clock.now(),
  });
  const ofCategory = (statut: string) =>
    tx
      .select({ id: sinistre.id })
      .from(sinistre)
      .where(
        and(eq(sinistre.collectiviteId, c), eq(sinistre.statut, statut), eq(sinistre.categorie, 'maladie_ordinaire')),
      )
      .limit(1);
  const [[maladie], [clos]] = await Promise.all([ofCategory('ouvert'), ofCategory('clos')]);
  // Computed by the engine from the demo's own arrêts, monthly salaries and contract, as the handler
  // would compute them, then validated: demo users read true numbers and a true « Pourquoi ce montant ? ».
  const decomptesService = createDecomptesService({
    db: tx,
    clock,
    audit: createAudit(clock),
    repo: createDecomptesRepository(),
    reglementsRepo: repo,
    reglements: service,
  });
  const scope: Scope = { kind: 'plateforme', userId: NOTHING, collectiviteId: c };
  const decomptes = [];
  for (const [sinistreId, periode] of [
    [clos!.id, { du: '2026-06-01', au: '2026-06-30' }],
    [maladie!.id, { du: '2026-09-01', au: '2026-09-30' }],
  ] as const) {
    const issue = await decomptesService.calculer(tx, MOTEUR, scope, sinistreId, periode, null);
    if (issue.kind !== 'calcule') continue;
    const d = (await repo.decompteDetail(tx, issue.decompteId))!.d;
    await repo.updateDecompte(tx, d.id, { statut: 'valide', valideLe: clock.now() });
    decomptes.push(d);
  }
  if (decomptes.length === 0) return;
  const montant = decomptes.reduce((s, d) => s + d.aRegler, 0);
  const r = await repo.insertReglement(tx, {
    annee: 2026,
    collectiviteId: c,
    contratId: decomptes[0]!.contratId,
    cdgId: ids.cdgId,
    periodeDu: '2026-09-01',
    periodeAu: '2026-09-30',
    statut: 'paye',
    beneficiaire: 'collectivite',
    montant,
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    titulaire: 'CC du Val d’Arvelle',
    createdAt: new Date('2026-10-05T08:00:00Z'),
    valideLe: new Date('2026-10-05T09:00:00Z'),
    miseEnPaiementLe: new Date('2026-10-06T09:00:00Z'),
    payeLe: new Date('2026-10-08T09:00:00Z'),
  });
  await repo.attacher(
    tx,
    decomptes.map((d) => d.id),
    r.id,
  );
}
