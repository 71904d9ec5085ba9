import { Readable } from 'node:stream';
import { assietteAssuree, cotisation } from '@statutis/domain';
import type { Db } from '../db/client.js';
import type { AuthContext } from '../http/context.js';
import { createAudit } from '../lib/audit.js';
import { manualClock } from '../lib/clock.js';
import { baseAssurance } from '../modules/base-assurance/base-assurance.table.js';
import { createCotisationsRepository } from '../modules/cotisations/cotisations.repository.js';
import { createCotisationsService } from '../modules/cotisations/cotisations.service.js';
import { cotisationFraisParametre } from '../modules/cotisations/cotisations.table.js';
import { createEncaissementsRepository } from '../modules/cotisations/encaissements.repository.js';
import { createEncaissementsService } from '../modules/cotisations/encaissements.service.js';

const IP = '127.0.0.1';
type Ids = {
  cdgId: string;
  cdgNom: string;
  gestionnaire: { id: string; email: string; nom: string; prenom: string };
  communeId: string;
  ccasId: string;
  cnraclId: string;
  ircantecId: string;
};

/**
 * Contributions at work for the demo (issue 11), made through the services the CDG's gestionnaire
 * uses, on a clock set to each step's day:
 * - the CDG's fee, 70 € per CNRACL agent: with the contribution in 2024, called separately from 2025;
 * - Commune de Belleville-sur-Arvelle, 2025: the CNRACL call quarterly, three échéances paid (by hand,
 *   then from an imported bank statement) and the last one overdue; its regularisation (+ 975,00 €)
 *   issued and unpaid; the IRCANTEC call and the separate fee call paid from the statement;
 * - CCAS de Belleville-sur-Arvelle: 2025 call and fee paid, the regularisation an avoir (− 520,00 €);
 *   2026 CNRACL call semestrial, its first half paid, the second overdue; its 2026 fee call issued.
 * The communauté de communes is left alone: the journeys prepare and issue its 2026 calls.
 */
export async function loadDemoCotisations(tx: Db, ids: Ids) {
  const clock = manualClock('2024-12-02T09:00:00Z');
  const audit = createAudit(clock);
  const repo = createCotisationsRepository();
  const appels = createCotisationsService({ db: tx, clock, audit, repo });
  const encaissements = createEncaissementsService({
    db: tx,
    clock,
    audit,
    repo: createEncaissementsRepository(),
    appels: repo,
    cotisations: appels,
  });
  const organisation = { kind: 'cdg' as const, id: ids.cdgId, nom: ids.cdgNom };
  const ctx: AuthContext = {
    user: {
      id: ids.gestionnaire.id,
      email: ids.gestionnaire.email,
      nom: ids.gestionnaire.nom,
      prenom: ids.gestionnaire.prenom,
      staffRole: 'gestionnaire',
      staffCdgId: ids.cdgId,
      staffAssureurId: null,
      organisation,
    },
    sessionIdHash: 'demo',
    csrfToken: 'demo',
    createdAt: clock.now(),
    lastSeenAt: clock.now(),
    collectiviteId: null,
    role: null,
    scope: { kind: 'staff', userId: ids.gestionnaire.id, organisation, collectiviteId: null },
  };
  const jour = (iso: string) => clock.set(`${iso}T09:00:00Z`);

  await tx.insert(cotisationFraisParametre).values([
    { cdgId: ids.cdgId, du: '2024-01-01', au: '2024-12-31', modele: 'forfait_agent', montantParAgent: 7_000 },
    {
      cdgId: ids.cdgId,
      du: '2025-01-01',
      au: null,
      modele: 'forfait_agent',
      montantParAgent: 7_000,
      appelesSeparement: true,
    },
  ]);

  const base = (
    collectiviteId: string,
    contratId: string,
    annee: number,
    type: 'previsionnelle' | 'reelle',
    effectif: number,
    taux: number,
    amounts: { tbi: number; nbi?: number },
  ) => ({
    collectiviteId,
    contratId,
    annee,
    type,
    effectif,
    tbi: amounts.tbi,
    nbi: amounts.nbi ?? null,
    tauxCotisation: taux,
    assiette: assietteAssuree(amounts),
    cotisation: cotisation(amounts, taux),
    createdAt: new Date(`${annee - (type === 'previsionnelle' ? 1 : -1)}-11-15T09:00:00Z`),
  });
  await tx.insert(baseAssurance).values([
    // 492 000 € × 6,50 % = 31 980,00 €; réelle 507 000 € → 32 955,00 € (+ 975,00 €)
    base(ids.communeId, ids.cnraclId, 2025, 'previsionnelle', 27, 6500, { tbi: 48_000_000, nbi: 1_200_000 }),
    base(ids.communeId, ids.cnraclId, 2025, 'reelle', 27, 6500, { tbi: 49_500_000, nbi: 1_200_000 }),
    // 60 000 € × 1,10 % = 660,00 €
    base(ids.communeId, ids.ircantecId, 2025, 'previsionnelle', 4, 1100, { tbi: 6_000_000 }),
    // 150 000 € × 6,50 % = 9 750,00 €; réelle 142 000 € → 9 230,00 € (− 520,00 €)
    base(ids.ccasId, ids.cnraclId, 2025, 'previsionnelle', 6, 6500, { tbi: 15_000_000 }),
    base(ids.ccasId, ids.cnraclId, 2025, 'reelle', 6, 6500, { tbi: 14_200_000 }),
    // 152 000 € × 6,50 % = 9 880,00 €
    base(ids.ccasId, ids.cnraclId, 2026, 'previsionnelle', 6, 6500, { tbi: 15_200_000 }),
  ]);

  /** Generated, checked and issued on the given days; returns the contribution call and its fee call. */
  const appel = async (
    collectiviteId: string,
    contratId: string,
    annee: number,
    periodicite: 'annuelle' | 'semestrielle' | 'trimestrielle',
    effectifCnracl: number,
  ) => {
    jour(`${annee - 1}-12-02`);
    const a = await appels.generer(
      ctx,
      { collectiviteId, contratId, annee, periodicite, dateDeliberation: null, effectifCnracl },
      IP,
    );
    const frais = await repo.appelVivant(tx, {
      collectiviteId,
      contratId,
      annee,
      nature: 'appel',
      objet: 'frais_gestion',
    });
    for (const id of frais ? [a.id, frais.id] : [a.id]) {
      jour(`${annee - 1}-12-09`);
      await appels.controler(ctx, id, IP);
      jour(`${annee}-01-06`);
      await appels.emettre(ctx, id, IP);
    }
    return { a, frais };
  };
  const payer = (appelId: string, montant: number, date: string, mode: 'virement' | 'cheque' = 'virement') => {
    jour(date);
    return encaissements.saisir(ctx, appelId, { montant, date, reference: `VIR ${date}`, mode }, IP);
  };
  const regulariser = async (appelId: string, annee: number, dateEcheance: string) => {
    jour(`${annee + 1}-02-16`);
    const r = await appels.regulariser(ctx, appelId, { dateEcheance }, IP);
    jour(`${annee + 1}-02-18`);
    await appels.controler(ctx, r.id, IP);
    jour(`${annee + 1}-02-20`);
    await appels.emettre(ctx, r.id, IP);
    return r;
  };

  // -- Commune de Belleville-sur-Arvelle, 2025
  const commune = await appel(ids.communeId, ids.cnraclId, 2025, 'trimestrielle', 27);
  const communeIrcantec = await appel(ids.communeId, ids.ircantecId, 2025, 'annuelle', 27);
  // 31 980,00 € = 4 × 7 995,00 €: the first by hand, the next two from the bank, the last overdue.
  await payer(commune.a.id, 799_500, '2025-01-28');
  await regulariser(commune.a.id, 2025, '2026-03-31');
  jour('2025-08-04');
  const releve = [
    'Date opération;Libellé;Montant (EUR);Référence',
    `2025-02-03;VIR MAIRIE BELLEVILLE IRCANTEC;660,00;${communeIrcantec.a.numero}`,
    // 27 agents × 70 € = 1 890,00 €
    `2025-02-03;VIR MAIRIE BELLEVILLE FRAIS CDG;1890,00;${commune.frais!.numero}`,
    `2025-04-29;VIR MAIRIE BELLEVILLE T2;7995,00;${commune.a.numero}`,
    `2025-07-30;VIR MAIRIE BELLEVILLE T3;7995,00;${commune.a.numero}`,
    '2025-07-31;VIR TRESORERIE SANS REFERENCE;125,00;',
    '2025-07-31;Frais de tenue de compte;-8,40;',
  ].join('\n');
  const imp = await encaissements.deposer(
    ctx,
    { stream: Readable.from([Buffer.from(releve, 'utf8')]), filename: 'releve-juillet-2025.csv', fields: {} },
    IP,
  );
  await encaissements.appliquer(ctx, imp.id, IP);

  // -- CCAS de Belleville-sur-Arvelle: 2025 paid, its avoir; 2026 half paid, the fee issued
  const ccas = await appel(ids.ccasId, ids.cnraclId, 2025, 'annuelle', 6);
  await payer(ccas.a.id, 975_000, '2025-01-30', 'cheque');
  // 6 agents × 70 € = 420,00 €
  await payer(ccas.frais!.id, 42_000, '2025-01-30', 'cheque');
  await regulariser(ccas.a.id, 2025, '2026-03-31');
  const ccas2026 = await appel(ids.ccasId, ids.cnraclId, 2026, 'semestrielle', 6);
  // 9 880,00 € = 2 × 4 940,00 €: the first half paid, the second (31/07/2026) overdue.
  await payer(ccas2026.a.id, 494_000, '2026-01-29');
}
