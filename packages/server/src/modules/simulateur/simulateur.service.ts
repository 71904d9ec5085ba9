import {
  anneesSimulees,
  cumulVide,
  formuleDeContrat,
  REGIMES,
  resultatSimulation,
  simulerCollectivite,
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

/** Where a simulation stands: collectivités replayed (every regime) out of the perimeter's. */
export type Avancement = { faites: number; total: number };

/**
 * The formula simulator (issue 12): replays the real arrêts of the last three full years of the
 * perimeter — a collectivité, or a whole CDG — through the reimbursement engine under each formula.
 * The perimeter is read chunk by chunk (the next chunk loads while the engine costs the current
 * one), every regime of the demand per chunk, and the engine yields the event loop every few
 * milliseconds; `onAvancement` hears how many collectivités are done, for the page's progress bar.
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

  async function simuler(
    scope: Scope,
    demande: Demande,
    onAvancement?: (a: Avancement) => void,
    /** Aborted when the client left: the replay stops at its next turn. */
    signal?: AbortSignal,
  ): Promise<TSimulationResultat> {
    const ans = annees();
    const periode = { debut: `${ans[0]}-01-01`, fin: `${ans.at(-1)}-12-31` };
    const { formules, regimes } = demande;
    const parRegime = regimes.map((regime) => ({
      regime,
      cumul: cumulVide(ans, formules.length),
      perimetre: { regime, agents: 0, arrets: 0, bases: 0 },
    }));
    const total = onAvancement ? await repo.compter(db, scope) : 0;
    let faites = 0;
    onAvancement?.({ faites, total });

    const suivant = async (apres: string | null) => {
      const ids = await repo.collectivites(db, scope, apres, LOT);
      if (ids.length === 0) return null;
      return { ids, lots: await Promise.all(regimes.map((r) => repo.lot(db, ids, r, periode, ans))) };
    };

    let courant = await suivant(null);
    while (courant) {
      const { ids, lots } = courant;
      // The next chunk is read while this one is costed.
      const prochain = ids.length < LOT ? Promise.resolve(null) : suivant(ids.at(-1)!);
      prochain.catch(() => {});
      let depuis = performance.now();
      for (let i = 0; i < ids.length; i++) {
        lots.forEach((lot: LotSimulation, r) => {
          simulerCollectivite(parRegime[r]!.cumul, lot.collectivites[i]!, formules, regimes[r]!);
        });
        faites++;
        if (performance.now() - depuis > TRANCHE_MS) {
          onAvancement?.({ faites, total });
          await laisserPasser();
          signal?.throwIfAborted();
          depuis = performance.now();
        }
      }
      lots.forEach((lot, r) => {
        const p = parRegime[r]!.perimetre;
        p.agents += lot.agents;
        p.arrets += lot.arrets;
        p.bases += lot.bases;
      });
      onAvancement?.({ faites, total });
      await laisserPasser();
      signal?.throwIfAborted();
      courant = await prochain;
    }
    const somme = (cle: 'agents' | 'arrets' | 'bases') => parRegime.reduce((n, r) => n + r.perimetre[cle], 0);
    return {
      annees: ans,
      regimes,
      perimetre: { collectivites: faites, agents: somme('agents'), arrets: somme('arrets'), bases: somme('bases') },
      perimetreParRegime: parRegime.map((r) => r.perimetre),
      formules: resultatSimulation(parRegime, ans, formules),
    };
  }

  /** The contracts in force today, one per regime that has one, and the formula they make. */
  async function contexte(scope: Scope): Promise<TSimulationContexte> {
    const jour = parisDate(clock.now());
    const contrats = (await Promise.all(REGIMES.map((r) => repo.contratEnVigueur(db, scope, r, jour)))).filter(
      (c) => c !== null,
    );
    const [premier, ...autres] = contrats;
    return {
      annees: annees(),
      regimes: contrats.map((c) => c.regime),
      formuleActuelle: premier ? formuleDeContrat(premier, ...autres) : null,
    };
  }

  return {
    simuler,
    contexte,
    /** The CDG's perimeter, checked before anything is sent (a 404 is still a 404 when streamed). */
    perimetreGestion,
    async simulerGestion(
      scope: Scope,
      demande: Demande & { collectiviteId: string | null },
      onAvancement?: (a: Avancement) => void,
      signal?: AbortSignal,
    ) {
      return simuler(await perimetreGestion(scope, demande.collectiviteId), demande, onAvancement, signal);
    },
    async contexteGestion(scope: Scope, collectiviteId: string | null) {
      return contexte(await perimetreGestion(scope, collectiviteId));
    },
  };
}
export type SimulateurService = ReturnType<typeof createSimulateurService>;
