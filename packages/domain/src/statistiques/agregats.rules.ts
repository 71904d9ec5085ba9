import type { TRisque } from '../contrats/contrats.schemas.js';
import { type Indicateur, indicateursDeTotaux, type ResumePreparation, type Totaux } from './indicateurs.rules.js';
import type { Periode } from './periode.rules.js';
import type { Preparation } from './preparation.rules.js';
import { GROUPES_CATEGORIE, type TGroupeCategorie } from './statistiques.types.js';

/**
 * The counts a collectivité's indicators are made of over one period (issue 12, CDG dashboard): what a
 * job precomputes for every collectivité of a CDG, so that the CDG's page sums rows rather than arrêts.
 * Everything `indicateursDeTotaux` reads, nothing of the arrêts themselves.
 */
export type AgregatStat = {
  /** Σ over the period's days of the agents on the staff (the taux's denominator). */
  joursAgents: number;
  /** Agents on the staff at least one day (the exposition's denominator). */
  agentsPresents: number;
  /** The headcount when it is one figure (a base de l’assurance), null for an employment history. */
  effectifNombre: number | null;
  effectifSource: string | null;
  totaux: Totaux;
  exclus: Partial<Record<TRisque, number>>;
  joursHorsEmploi: number;
  /** Days and arrêts per category group (the CDG's split by motif). */
  parGroupe: Record<TGroupeCategorie, { jours: number; arrets: number }>;
};

/** The aggregate of one computation: `calculerIndicateurs(…).preparation` and its `totaux`. */
export function agregatDe(p: Preparation, t: Totaux): AgregatStat {
  const parGroupe = Object.fromEntries(GROUPES_CATEGORIE.map((g) => [g, { jours: 0, arrets: 0 }])) as Record<
    TGroupeCategorie,
    { jours: number; arrets: number }
  >;
  for (const r of p.retenus) {
    parGroupe[r.groupe].jours += r.jours;
    parGroupe[r.groupe].arrets += 1;
  }
  return {
    joursAgents: p.joursAgents,
    agentsPresents: p.agentsPresents,
    effectifNombre: p.effectif.type === 'nombre' ? p.effectif.agents : null,
    effectifSource: p.effectif.type === 'nombre' ? (p.effectif.source ?? null) : null,
    totaux: t,
    exclus: p.exclus,
    joursHorsEmploi: p.joursHorsEmploi,
    parGroupe,
  };
}

/** Adds two nullable counts: unknown only when both are (a known count plus an unknown one is the known one). */
const plus = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/**
 * The aggregate of several collectivités (a CDG, a stratum): sums. An agent belongs to one collectivité,
 * so the absent agents add up. The headcount becomes one figure, the average of the summed agent-days.
 */
export function sommerAgregats(list: readonly AgregatStat[], jours: number, source: string): AgregatStat {
  const out: AgregatStat = {
    joursAgents: 0,
    agentsPresents: 0,
    effectifNombre: null,
    effectifSource: source,
    totaux: {
      jours: 0,
      arrets: 0,
      arretsCommencesAvant: 0,
      agentsAbsents: 0,
      agentsDemiTraitement: null,
      arretsDemiInconnu: 0,
      maintenu: null,
      rembourse: null,
      arretsCoutInconnu: 0,
    },
    exclus: {},
    joursHorsEmploi: 0,
    parGroupe: Object.fromEntries(
      GROUPES_CATEGORIE.map((g) => [g, { jours: 0, arrets: 0 }]),
    ) as AgregatStat['parGroupe'],
  };
  const t = out.totaux;
  for (const a of list) {
    out.joursAgents += a.joursAgents;
    out.agentsPresents += a.agentsPresents;
    out.joursHorsEmploi += a.joursHorsEmploi;
    t.jours += a.totaux.jours;
    t.arrets += a.totaux.arrets;
    t.arretsCommencesAvant += a.totaux.arretsCommencesAvant;
    t.agentsAbsents += a.totaux.agentsAbsents;
    // Without arrêts a collectivité says nothing of half pay or costs (its 0 is not a known figure).
    const sans = a.totaux.arrets === 0;
    t.agentsDemiTraitement = plus(t.agentsDemiTraitement, sans ? null : a.totaux.agentsDemiTraitement);
    t.arretsDemiInconnu += a.totaux.arretsDemiInconnu;
    t.maintenu = plus(t.maintenu, sans ? null : a.totaux.maintenu);
    t.rembourse = plus(t.rembourse, sans ? null : a.totaux.rembourse);
    t.arretsCoutInconnu += a.totaux.arretsCoutInconnu;
    for (const [c, n] of Object.entries(a.exclus)) out.exclus[c as TRisque] = (out.exclus[c as TRisque] ?? 0) + n;
    for (const g of GROUPES_CATEGORIE) {
      out.parGroupe[g].jours += a.parGroupe[g].jours;
      out.parGroupe[g].arrets += a.parGroupe[g].arrets;
    }
  }
  // As `totauxStat`: no arrêt at all is a known zero.
  if (t.arrets === 0) {
    t.agentsDemiTraitement = 0;
    t.maintenu = 0;
    t.rembourse = 0;
  }
  // A sum over several headcounts is one figure: their average over the period.
  out.effectifNombre = jours > 0 ? out.joursAgents / jours : 0;
  return out;
}

/**
 * The indicators of an aggregate over `periode`: the same function as `calculerIndicateurs`, so a
 * collectivité's precomputed figures are its live ones.
 */
export function indicateursAgregat(
  periode: Periode,
  a: AgregatStat,
  maternite: 'exclue' | 'incluse' = 'exclue',
): { indicateurs: Indicateur[]; alertes: string[] } {
  const resume: ResumePreparation = {
    periode,
    joursAgents: a.joursAgents,
    effectifMoyen: periode.jours > 0 ? a.joursAgents / periode.jours : 0,
    agentsPresents: a.agentsPresents,
    effectif:
      a.effectifNombre === null
        ? { type: 'historique', emplois: [] }
        : { type: 'nombre', agents: a.effectifNombre, ...(a.effectifSource ? { source: a.effectifSource } : {}) },
    exclus: a.exclus,
    joursHorsEmploi: a.joursHorsEmploi,
    maternite,
  };
  return indicateursDeTotaux(resume, a.totaux);
}
