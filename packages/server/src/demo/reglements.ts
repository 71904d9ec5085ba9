import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Actor, createAudit } from '../lib/audit.js';
import { manualClock } from '../lib/clock.js';
import { collectivite } from '../modules/collectivites/collectivites.table.js';
import { createReglementsRepository } from '../modules/reglements/reglements.repository.js';
import { createReglementsService } from '../modules/reglements/reglements.service.js';
import { reglementParametre } from '../modules/reglements/reglements.table.js';
import { sinistre } from '../modules/sinistres/sinistres.table.js';

const MOTEUR: Actor = { userId: null, userLabel: 'Démonstration', collectiviteId: null, ip: null };

/** « 22/30 of a monthly amount », rounded half-up to the cent as the engine rounds. */
const trentiemes = (mensuel: number, n: number) => Math.round((mensuel * n) / 30);

/**
 * « Vos règlements » of the demo collectivité: validated décomptes of its illnesses, the paid
 * règlement of two of them, the third waiting for the back office's next run. The amounts stand for the engine's output until the engine is wired (issue 10):
 * they are recorded through the same `enregistrerDecompte` the engine will call, so versions,
 * numbers and regularisation are computed as for real ones.
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
  // The open illness: 01/09 → 23/09, one day of carence, 22/30 of TBI 2 456,12 € and NBI 73,84 €.
  const septembre = [
    { mois: '2026-09', element: 'tbi', trentiemes: 22, fraction: 1000, montant: trentiemes(245_612, 22) },
    { mois: '2026-09', element: 'nbi', trentiemes: 22, fraction: 1000, montant: trentiemes(7_384, 22) },
  ];
  // The closed illness: 02/06 → 05/06, one day of carence, 3/30 of TBI 1 870,20 €.
  const juin = [{ mois: '2026-06', element: 'tbi', trentiemes: 3, fraction: 1000, montant: trentiemes(187_020, 3) }];
  // The illness under requalification: 05/10 → 31/10, one day of carence, 26/30 of TBI 2 013,00 €.
  const octobre = [
    { mois: '2026-10', element: 'tbi', trentiemes: 26, fraction: 1000, montant: trentiemes(201_300, 26) },
  ];
  const decomptes = [];
  for (const [sinistreId, periode, lignes] of [
    [clos, { du: '2026-06-02', au: '2026-06-05' }, juin],
    [maladie, { du: '2026-09-01', au: '2026-09-23' }, septembre],
    // Validated but not yet paid: the next run of the back office pays it.
    [requalifiee, { du: '2026-10-05', au: '2026-10-31' }, octobre],
  ] as const) {
    const d = await service.enregistrerDecompte(tx, MOTEUR, {
      sinistreId,
      periode,
      nature: 'indemnites_journalieres',
      beneficiaire: { type: 'collectivite' },
      montant: lignes.reduce((s, l) => s + l.montant, 0),
      joursFranchise: 0,
      joursCarence: 1,
      ijss: 0,
      lignes: [...lignes],
      journal: [],
      entrees: { empreinte: 'demonstration' },
      calculePar: null,
    });
    await repo.updateDecompte(tx, d.id, { statut: 'valide', valideLe: clock.now() });
    decomptes.push(d);
  }
  const payes = decomptes.slice(0, 2);
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
