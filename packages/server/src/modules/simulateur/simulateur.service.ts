import {
  anneesSimulees,
  cumulVide,
  formuleDeContrat,
  resultatSimulation,
  simulerCollectivite,
  type TRegime,
  type TSimulationContexte,
  type TSimulationResultat,
  type ZSimulationInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { Forbidden, NotFound } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { Scope } from '../../lib/scope.js';
import type { LotSimulation, SimulateurRepository } from './simulateur.repository.js';

/** Collectivités read per chunk: a CDG's data is never held whole, only two chunks at a time. */
export const LOT_COLLECTIVITES = 50;
/** The engine yields the event loop after this long, so other requests are served meanwhile. */
const TRANCHE_MS = 20;

const laisserPasser = () => new Promise<void>((resolve) => setImmediate(resolve));

type Demande = z.output<typeof ZSimulationInput>;

/**
 * The formula simulator (issue 12): replays the real arrêts of the last three full years of the
 * perimeter — a collectivité, or a whole CDG — through the reimbursement engine under each formula.
 * The perimeter is read chunk by chunk (the next chunk loads while the engine costs the current
 * one), and the engine yields the event loop every few milliseconds.
 */
export function createSimulateurService(deps: {
  db: Db;
  clock: Clock;
  repo: SimulateurRepository;
  /** Collectivités per chunk (tests make it small). */
  lot?: number;
}) {
  const { db, clock, repo } = deps;
  const LOT = deps.lot ?? LOT_COLLECTIVITES;

  const annees = () => anneesSimulees(parisDate(clock.now()));

  /** The scope of a gestionnaire's request: his CDG, or one collectivité of it (404 outside it). */
  async function perimetreGestion(scope: Scope, collectiviteId: string | null): Promise<Scope> {
    if (scope.kind !== 'staff' || scope.organisation.kind !== 'cdg')
      throw Forbidden('Le simulateur de formules est réservé aux gestionnaires d’un centre de gestion.');
    const perimetre: Scope = { ...scope, collectiviteId };
    if (collectiviteId && (await repo.collectivites(db, perimetre, null, 1)).length === 0)
      throw NotFound('Collectivité introuvable.');
    return perimetre;
  }

  async function simuler(scope: Scope, demande: Demande): Promise<TSimulationResultat> {
    const ans = annees();
    const periode = { debut: `${ans[0]}-01-01`, fin: `${ans.at(-1)}-12-31` };
    const { formules, regime } = demande;
    const cumul = cumulVide(ans, formules.length);
    const perimetre = { collectivites: 0, agents: 0, arrets: 0, bases: 0 };

    const suivant = async (apres: string | null): Promise<{ ids: string[]; lot: LotSimulation } | null> => {
      const ids = await repo.collectivites(db, scope, apres, LOT);
      if (ids.length === 0) return null;
      return { ids, lot: await repo.lot(db, ids, regime, periode, ans) };
    };

    let courant = await suivant(null);
    while (courant) {
      const { ids, lot } = courant;
      // The next chunk is read while this one is costed.
      const prochain = ids.length < LOT ? Promise.resolve(null) : suivant(ids.at(-1)!);
      prochain.catch(() => {});
      perimetre.collectivites += ids.length;
      perimetre.agents += lot.agents;
      perimetre.arrets += lot.arrets;
      perimetre.bases += lot.bases;
      let depuis = performance.now();
      for (const c of lot.collectivites) {
        simulerCollectivite(cumul, c, formules);
        if (performance.now() - depuis > TRANCHE_MS) {
          await laisserPasser();
          depuis = performance.now();
        }
      }
      await laisserPasser();
      courant = await prochain;
    }
    return { annees: ans, regime, perimetre, formules: resultatSimulation(cumul, formules) };
  }

  async function contexte(scope: Scope, regime: TRegime): Promise<TSimulationContexte> {
    const ans = annees();
    const contrat = await repo.contratEnVigueur(db, scope, regime, parisDate(clock.now()));
    return { annees: ans, formuleActuelle: contrat ? formuleDeContrat(contrat) : null };
  }

  return {
    simuler,
    contexte,
    async simulerGestion(scope: Scope, demande: Demande & { collectiviteId: string | null }) {
      return simuler(await perimetreGestion(scope, demande.collectiviteId), demande);
    },
    async contexteGestion(scope: Scope, regime: TRegime, collectiviteId: string | null) {
      return contexte(await perimetreGestion(scope, collectiviteId), regime);
    },
  };
}
export type SimulateurService = ReturnType<typeof createSimulateurService>;
