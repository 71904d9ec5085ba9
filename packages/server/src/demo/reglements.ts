import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Actor, createAudit } from '../lib/audit.js';
import { manualClock } from '../lib/clock.js';
import { NOTHING, type Scope } from '../lib/scope.js';
import { collectivite } from '../modules/collectivites/collectivites.table.js';
import { createFraisMedicauxRepository } from '../modules/frais-medicaux/frais-medicaux.repository.js';
import { createNotificationsRepository } from '../modules/notifications/notifications.repository.js';
import { createReglementsRepository } from '../modules/reglements/reglements.repository.js';
import { createReglementsService } from '../modules/reglements/reglements.service.js';
import { reglementParametre } from '../modules/reglements/reglements.table.js';
import { createDecomptesRepository } from '../modules/remboursements/decomptes.repository.js';
import { createDecomptesService } from '../modules/remboursements/decomptes.service.js';
import { sinistre } from '../modules/sinistres/sinistres.table.js';

const MOTEUR: Actor = { userId: null, userLabel: 'Démonstration', collectiviteId: null, ip: null };

/**
 * « Vos règlements » of the demo collectivité: décomptes of its illnesses computed by the engine
 * through the handler's own service (issue 10) and validated, the paid règlement of the first ones,
 * the one under requalification waiting for the back office's next run.
 */
export async function loadDemoReglements(tx: Db, ids: { collectiviteId: string; cdgId: string }) {
  const c = ids.collectiviteId;
  const repo = createReglementsRepository();
  const clock = manualClock('2026-10-05T08:00:00Z');
  const service = createReglementsService({
    db: tx,
    clock,
    audit: createAudit(clock),
    repo,
    notifications: createNotificationsRepository(),
  });
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
  // The demo's illnesses, told apart by their first day (activite.ts).
  const survenu = async (jour: string) => {
    const [row] = await tx
      .select({ id: sinistre.id })
      .from(sinistre)
      .where(and(eq(sinistre.collectiviteId, c), eq(sinistre.dateSurvenance, jour)));
    return row!.id;
  };
  const [maladie, clos, requalifiee] = await Promise.all([
    survenu('2026-09-01'),
    survenu('2026-06-02'),
    survenu('2026-10-05'),
  ]);
  // Computed by the engine from the demo's own arrêts, monthly salaries and contract, as the handler
  // would compute them, then validated: demo users read true numbers and a true « Pourquoi ce montant ? ».
  // The closed 4-day illness stays inside its franchise: nothing to pay, no décompte.
  const decomptesService = createDecomptesService({
    db: tx,
    clock,
    audit: createAudit(clock),
    repo: createDecomptesRepository(),
    reglementsRepo: repo,
    reglements: service,
    frais: createFraisMedicauxRepository(),
  });
  const scope: Scope = { kind: 'plateforme', userId: NOTHING, collectiviteId: c };
  const payes = [];
  for (const [sinistreId, periode, payer] of [
    [clos, { du: '2026-06-01', au: '2026-06-30' }, true],
    [maladie, { du: '2026-09-01', au: '2026-09-30' }, true],
    // Validated but not yet paid: the next run of the back office pays it.
    [requalifiee, { du: '2026-10-01', au: '2026-10-31' }, false],
  ] as const) {
    const issue = await decomptesService.calculer(tx, MOTEUR, scope, sinistreId, periode, null);
    if (issue.kind !== 'calcule') continue;
    const d = (await repo.decompteDetail(tx, issue.decompteId))!.d;
    await repo.updateDecompte(tx, d.id, { statut: 'valide', valideLe: clock.now() });
    if (payer) payes.push(d);
  }
  // The accident's consultation, validated on 21/10/2026, on its décompte the day after: the back
  // office's next run pays it to the collectivité. The physiotherapy still waits for its decision.
  const [accident] = await tx
    .select({ id: sinistre.id })
    .from(sinistre)
    .where(and(eq(sinistre.collectiviteId, c), eq(sinistre.categorie, 'accident_service')));
  clock.set('2026-10-22T08:00:00Z');
  const frais = await decomptesService.payerFraisMedicaux(tx, MOTEUR, scope, accident!.id, '2026-10-31', null);
  for (const id of frais.decompteIds)
    await repo.updateDecompte(tx, id, { statut: 'valide', valideLe: new Date('2026-10-22T09:00:00Z') });
  clock.set('2026-10-05T08:00:00Z');
  if (payes.length === 0) return;
  const montant = payes.reduce((s, d) => s + d.aRegler, 0);
  const r = await repo.insertReglement(tx, {
    annee: 2026,
    collectiviteId: c,
    contratId: payes[0]!.contratId,
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
    payes.map((d) => d.id),
    r.id,
  );
}
