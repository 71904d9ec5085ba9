import {
  CALCUL_PREVISION,
  DEFAULT_PAGE_SIZE,
  finHorizon,
  HORIZON_PREVISION_JOURS,
  hypotheseDePrevision,
  numeroSinistre,
  prevoirAgent,
  type TLignePrevision,
  type TPrevision,
  type TPrevisionQuery,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { NotFound } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { TenantScope } from '../../lib/scope.js';
import { entreesCalculDe } from '../remboursements/entrees.repository.js';
import type { StatistiquesRepository } from './statistiques.repository.js';
import type { PrevisionRepository, SinistreEnArretRow } from './statistiques-prevision.repository.js';

/** The key of a line in the list's order (first change of pay, then sinistre): a page starts after it. */
const cleDe = (l: TLignePrevision) =>
  `${[l.demiTraitement?.date, l.finDroits?.date].filter((d): d is string => !!d).sort()[0]}_${l.sinistreId}`;

/**
 * « Prévisions à 90 jours » of the collectivité's dashboard: for each agent with a known arrêt in the
 * window, the engine's inputs as for a décompte (`entreesCalculDe`, the set-based reader `entreesCalcul` uses
 * too, so that the forecast and the décompte read the same arrêts, contracts and antécédents: a constant
 * number of statements per chunk of agents, not ten per agent), his latest payslip carried forward, and
 * `prevoirAgent`.
 * The named lines are the sinistres the scope reads (an insurer's staff: his contracts' only), sorted by
 * their first change of pay and paged by that key (20 a page); the figures cover them all.
 */
export function createPrevisionService(deps: {
  db: Db;
  repo: PrevisionRepository;
  statistiques: StatistiquesRepository;
  clock: Clock;
}) {
  const { db, repo, clock } = deps;
  return {
    async prevision(scope: TenantScope, q: TPrevisionQuery): Promise<TPrevision> {
      const collectivite = await deps.statistiques.collectivite(db, scope, scope.collectiviteId);
      if (!collectivite) throw NotFound('Collectivité introuvable.');
      const auJour = parisDate(clock.now());
      const fin = finHorizon(auJour);
      const rows = await repo.sinistresEnArret(db, scope, collectivite.id, auJour, fin);
      const parAgent = new Map<string, SinistreEnArretRow[]>();
      for (const r of rows) parAgent.set(r.agent_id, [...(parAgent.get(r.agent_id) ?? []), r]);
      const salaires = await repo.derniersSalaires(db, scope, collectivite.id, [...parAgent.keys()], fin.slice(0, 7));

      const lignes: TLignePrevision[] = [];
      const cout = { maintenuCentimes: 0, rembourseCentimes: 0, resteAChargeCentimes: 0, agentsSansSalaire: 0 };
      let agentsEnArret = 0;
      const entrees = await entreesCalculDe(
        db,
        scope,
        [...parAgent.values()].map((sinistres) => sinistres[0]!.sinistre_id),
        { debut: auJour, fin },
      );
      for (const [agentId, sinistres] of parAgent) {
        const entree = entrees.get(sinistres[0]!.sinistre_id);
        if (!entree) continue;
        const dernier = salaires.get(agentId);
        const p = prevoirAgent(
          {
            ...entree,
            salaires: dernier ? { [dernier.mois]: dernier.salaire, ...entree.salaires } : entree.salaires,
            sinistreIds: sinistres.map((s) => s.sinistre_id),
          },
          auJour,
        );
        if (p.sinistres.length > 0) agentsEnArret++;
        if (p.cout.salaireInconnu) cout.agentsSansSalaire++;
        cout.maintenuCentimes += p.cout.maintenuCentimes;
        cout.rembourseCentimes += p.cout.rembourseCentimes;
        cout.resteAChargeCentimes += p.cout.resteAChargeCentimes;
        for (const x of p.sinistres) {
          if (!x.demiTraitement && !x.finDroits) continue;
          const s = sinistres.find((r) => r.sinistre_id === x.sinistreId)!;
          lignes.push({
            ...x,
            sinistreNumero: numeroSinistre({ numero: s.numero, dateSurvenance: s.date_survenance }),
            agentId,
            agentNom: `${s.nom.toUpperCase()} ${s.prenom}`,
          });
        }
      }
      const tri = lignes.map((l) => ({ l, cle: cleDe(l) })).sort((a, b) => a.cle.localeCompare(b.cle));
      const suite = q.apres ? tri.filter((x) => x.cle > q.apres!) : tri;
      const page = suite.slice(0, DEFAULT_PAGE_SIZE);
      return {
        auJour,
        finHorizon: fin,
        horizonJours: HORIZON_PREVISION_JOURS,
        hypothese: hypotheseDePrevision(auJour, fin),
        calcul: CALCUL_PREVISION,
        agentsEnArret,
        passagesDemiTraitement: lignes.filter((l) => l.demiTraitement).length,
        finsDeDroits: lignes.filter((l) => l.finDroits).length,
        cout,
        items: page.map((x) => x.l),
        suivant: suite.length > DEFAULT_PAGE_SIZE ? page.at(-1)!.cle : null,
      };
    },
  };
}

export type PrevisionService = ReturnType<typeof createPrevisionService>;
