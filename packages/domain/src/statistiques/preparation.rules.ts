import { addDays } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import { mulDivRound } from '../common/money.js';
import { risqueLabels, type TRisque } from '../contrats/contrats.schemas.js';
import { compte } from './nombres.js';
import { couper, fusionner, type Intervalle, intersection, joursIntervalle, type Periode } from './periode.rules.js';
import {
  type ArretStat,
  type Effectif,
  groupeCategorie,
  type OptionsStat,
  type ProfilAgent,
  type TGroupeCategorie,
} from './statistiques.types.js';

/** An arrêt counted in the period, cut to it. */
export type ArretRetenu = {
  arret: ArretStat;
  groupe: TGroupeCategorie;
  /** Its days inside the period (and inside the agent's employment), each day of an agent counted once. */
  segments: Intervalle[];
  jours: number;
  /** Started before the period: counted in it all the same (see `preparer`). */
  commenceAvant: boolean;
  /** The whole arrêt's calendar days, début to fin (or to the « as of » date while it runs): its duration band. */
  dureeTotale: number;
  /** Half-pay days inside `segments`, null when not known. */
  joursDemi: number | null;
  /** The cost of `segments`, cents, prorated from the whole arrêt's; null when not known. */
  maintenu: number | null;
  rembourse: number | null;
};

export type Preparation = {
  periode: Periode;
  /** Σ over the period's days of the agents on the staff: the taux's denominator. */
  joursAgents: number;
  /** joursAgents / period days. */
  effectifMoyen: number;
  /**
   * Agents on the staff at least one day of the period: the exposition's denominator (persons, so that the
   * share of agents stopped stays within 100 % when staff comes and goes). The plain headcount otherwise.
   */
  agentsPresents: number;
  effectif: Effectif;
  /** Per agent, his employment spans inside the period (historique only). */
  emplois: Map<string, { spans: Intervalle[]; profil?: ProfilAgent }> | null;
  retenus: ArretRetenu[];
  /** Arrêts of the period left out, by category: maternity (by option), TPT, disponibilité d’office, décès. */
  exclus: Partial<Record<TRisque, number>>;
  /** Arrêt days of the period outside the agent's employment (historique only): not counted. */
  joursHorsEmploi: number;
  maternite: 'exclue' | 'incluse';
};

/**
 * Cuts the arrêts to the period and to the headcount. Conventions (shown on screen by the explanations):
 * - Trap 2 of domain §8: an arrêt crossing a boundary of the period is cut at it; only its days inside
 *   count. An arrêt still running counts up to the period's end, which a running year sets at the « as of »
 *   date (trap 1).
 * - An arrêt counts in the fréquence of every period in which it has at least one day, even one that began
 *   before: fréquence, gravité and arrêts per absent agent then share one population (an arrêt begun in
 *   December carries its January days into January's gravité with itself as denominator). The
 *   explanations say how many began before.
 * - An agent's day is counted once: where two arrêts overlap, the earlier one keeps the day (the later
 *   one still counts as an arrêt).
 * - With the employment history, arrêt days outside the agent's employment are not counted (the
 *   denominator has no day of his there either).
 */
export function preparer(
  periode: Periode,
  effectif: Effectif,
  arrets: readonly ArretStat[],
  options: OptionsStat = {},
): Preparation {
  const maternite = options.maternite ?? 'exclue';
  let joursAgents: number;
  let emplois: Preparation['emplois'] = null;
  if (effectif.type === 'nombre') {
    joursAgents = periode.jours * Math.max(0, effectif.agents);
  } else {
    const parAgent = new Map<string, { brut: Intervalle[]; profil?: ProfilAgent }>();
    for (const e of effectif.emplois) {
      const x = intersection({ debut: e.debut, fin: e.fin ?? periode.fin }, periode);
      const entry = parAgent.get(e.agentId) ?? { brut: [] };
      if (x) entry.brut.push(x);
      if (e.profil && (x || !entry.profil)) entry.profil = e.profil;
      parAgent.set(e.agentId, entry);
    }
    emplois = new Map();
    joursAgents = 0;
    for (const [id, { brut, profil }] of parAgent) {
      const spans = fusionner(brut);
      joursAgents += spans.reduce((n, s) => n + joursIntervalle(s), 0);
      emplois.set(id, { spans, profil });
    }
  }

  const exclus: Partial<Record<TRisque, number>> = {};
  const parAgent = new Map<string, ArretStat[]>();
  for (const a of arrets) {
    const span = { debut: a.debut, fin: a.fin ?? periode.fin };
    if (!intersection(span, periode)) continue;
    const groupe = groupeCategorie(a.categorie);
    if (groupe === null || (groupe === 'maternite' && maternite === 'exclue')) {
      exclus[a.categorie] = (exclus[a.categorie] ?? 0) + 1;
      continue;
    }
    const list = parAgent.get(a.agentId) ?? [];
    list.push(a);
    parAgent.set(a.agentId, list);
  }

  const retenus: ArretRetenu[] = [];
  let joursHorsEmploi = 0;
  for (const [agentId, list] of parAgent) {
    list.sort((x, y) => x.debut.localeCompare(y.debut) || (x.fin ?? '9999').localeCompare(y.fin ?? '9999'));
    // Sorted by start: what earlier arrêts cover from this start on is one span ending at `couvertJusquA`.
    let couvertJusquA = '0000-00-00';
    const spansEmploi = emplois ? (emplois.get(agentId)?.spans ?? []) : [periode];
    for (const a of list) {
      const finArret = a.fin ?? periode.fin;
      const libre = { debut: a.debut > couvertJusquA ? a.debut : addDays(couvertJusquA, 1), fin: finArret };
      if (finArret > couvertJusquA) couvertJusquA = finArret;
      // The arrêt counts when it has a day in the period while the agent is on the staff, even a day an
      // earlier arrêt already counted; its own days are those no earlier arrêt took.
      const brut = intersection({ debut: a.debut, fin: finArret }, periode);
      if (!brut) continue;
      const dansPeriode = intersection(libre, periode);
      if (couper(brut, spansEmploi).length === 0) {
        if (dansPeriode) joursHorsEmploi += joursIntervalle(dansPeriode);
        continue;
      }
      const segments = dansPeriode ? couper(dansPeriode, spansEmploi) : [];
      const jours = segments.reduce((n, s) => n + joursIntervalle(s), 0);
      if (dansPeriode) joursHorsEmploi += joursIntervalle(dansPeriode) - jours;
      const dureeTotale = joursIntervalle({ debut: a.debut, fin: a.fin ?? periode.auJour });
      const demi = a.demiTraitement
        ? fusionner(a.demiTraitement).reduce(
            (n, d) => n + couper(d, segments).reduce((m, s) => m + joursIntervalle(s), 0),
            0,
          )
        : null;
      const prorata = (cents: number) =>
        dureeTotale > 0 ? mulDivRound(cents, Math.min(jours, dureeTotale), dureeTotale) : 0;
      retenus.push({
        arret: a,
        groupe: groupeCategorie(a.categorie)!,
        segments,
        jours,
        commenceAvant: a.debut < periode.debut,
        dureeTotale,
        joursDemi: demi,
        maintenu: a.cout ? prorata(a.cout.maintenuCentimes) : null,
        rembourse: a.cout ? prorata(a.cout.rembourseCentimes ?? 0) : null,
      });
    }
  }
  return {
    periode,
    joursAgents,
    effectifMoyen: periode.jours > 0 ? joursAgents / periode.jours : 0,
    agentsPresents:
      effectif.type === 'nombre'
        ? Math.max(0, effectif.agents)
        : [...(emplois?.values() ?? [])].filter((e) => e.spans.length > 0).length,
    effectif,
    emplois,
    retenus,
    exclus,
    joursHorsEmploi,
    maternite,
  };
}

/** The sentences every indicator repeats: what was counted, over which days, what was left out. */
export function precisionsCommunes(p: Omit<Preparation, 'emplois' | 'retenus'>): string[] {
  const { periode } = p;
  const out = [
    `Jours calendaires d’arrêt du ${formatDate(periode.debut)} au ${formatDate(periode.fin)}, chaque arrêt coupé aux bornes de la période ; un arrêt commencé avant la période y compte pour ses jours dans la période.`,
  ];
  if (periode.enCours)
    out.push(`Période en cours : jours d’arrêt et effectif sont comptés jusqu’au ${formatDate(periode.fin)} inclus.`);
  out.push(
    p.effectif.type === 'nombre'
      ? `Effectif : ${compte(p.effectif.agents, 'agent', 'agents')}${p.effectif.source ? ` (${p.effectif.source})` : ''}.`
      : `Effectif : ${compte(p.joursAgents, 'jour', 'jours')} de présence des agents dans la période (historique d’emploi), soit ${compte(p.effectifMoyen, 'agent', 'agents')} en moyenne.`,
  );
  const exclusions = Object.entries(p.exclus).map(
    ([c, n]) => `${risqueLabels[c as TRisque].toLocaleLowerCase('fr-FR')} (${compte(n, 'arrêt', 'arrêts')})`,
  );
  if (p.maternite === 'exclue' && !p.exclus.maternite) exclusions.unshift('maternité, paternité, adoption');
  if (exclusions.length > 0) out.push(`Non comptés : ${exclusions.join(' ; ')}.`);
  if (p.maternite === 'incluse') out.push('Maternité, paternité et adoption comprises.');
  if (p.joursHorsEmploi > 0)
    out.push(
      `${compte(p.joursHorsEmploi, 'jour', 'jours')} d’arrêt hors des périodes d’emploi des agents non ${p.joursHorsEmploi < 2 ? 'compté' : 'comptés'}.`,
    );
  return out;
}
