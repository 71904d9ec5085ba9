import type { TStatut } from '../agents/agents.schemas.js';
import type { TRegime, TRisque } from '../contrats/contrats.schemas.js';
import type { Intervalle } from './periode.rules.js';

/** What the breakdowns need to know of an agent; every field may be unknown (« Non renseigné »). */
export type ProfilAgent = {
  sexe?: 'M' | 'F' | null;
  dateNaissance?: string | null;
  regime?: TRegime | null;
  /** Titulaire, stagiaire or contractuel: the Rapport social unique's columns (rsu.rules.ts). */
  statut?: TStatut | null;
  service?: string | null;
};

/**
 * The headcount of the period. Trap 3 of domain §8: a past year is measured with that year's headcount,
 * never today's staff. Two forms:
 * - `nombre`: one figure for the whole period, such as the headcount of that year's base de l'assurance
 *   (`effectifDeLAnnee` picks it). The denominator is then period days × that figure.
 * - `historique`: the agents' employment spans (agent_emploi); the denominator is the exact sum of the
 *   days each agent was on the staff within the period, and the headcount shown is its average (agent-days
 *   ÷ period days, perhaps 39,5). An agent who left in March weighs a quarter of an agent in that year and
 *   nothing in the next; arrêt days outside his employment are not counted, so the taux stays within
 *   0–100 %. With a profile per span, the breakdowns by sex, age, regime and service get their own
 *   denominators (their taux), otherwise only their shares.
 */
export type Effectif =
  | {
      type: 'nombre';
      agents: number;
      /** « base de l’assurance réelle 2024 » */
      source?: string;
    }
  | {
      type: 'historique';
      emplois: readonly { agentId: string; debut: string; fin: string | null; profil?: ProfilAgent }[];
    };

/**
 * One arrêt as the statistics count it: an initial arrêt with its contiguous prolongations (one stoppage;
 * `regrouperProlongations` builds them from certificates), a rechute or a new sinistre being another arrêt.
 */
export type ArretStat = {
  id?: string;
  agentId: string;
  /** The category today (after any requalification). */
  categorie: TRisque;
  debut: string;
  /** Null while the arrêt runs: counted up to the end of the period (itself stopped at the « as of » date). */
  fin: string | null;
  /**
   * The days paid at half pay (from the engine's ledger: MO after 90 days, CLM after a year…). Undefined or
   * null: not known; an empty list: none.
   */
  demiTraitement?: readonly Intervalle[] | null;
  /**
   * Cost of the whole arrêt (its début to its fin, or to the « as of » date while it runs), integer cents:
   * pay maintained by the employer and what the insurer reimbursed. Cut to the period by calendar days.
   */
  cout?: { maintenuCentimes: number; rembourseCentimes?: number } | null;
  /** The agent, for the breakdowns. */
  profil?: ProfilAgent;
};

/** Options of the computation. */
export type OptionsStat = {
  /**
   * Maternité, paternité and adoption: the national references differ (2023: 9,6 % without, 10,1 % with);
   * excluded by default, as the latest reference (2024: 9,8 % excluding maternity).
   */
  maternite?: 'exclue' | 'incluse';
};

/** Category groups of the breakdowns and of the 2021 national split. */
export const GROUPES_CATEGORIE = ['mo', 'longue_maladie', 'citis', 'maternite'] as const;
export type TGroupeCategorie = (typeof GROUPES_CATEGORIE)[number];

export const groupeCategorieLabels: Record<TGroupeCategorie, string> = {
  mo: 'Maladie ordinaire',
  longue_maladie: 'Longue maladie (CLM, CLD, CGM)',
  citis: 'Accidents et maladies professionnelles (CITIS)',
  maternite: 'Maternité, paternité, adoption',
};

/**
 * The group of a category, or null for what is not an absence for health reasons in these statistics:
 * temps partiel thérapeutique (the agent works), disponibilité d’office (the agent is no longer in
 * activity) and décès.
 */
export function groupeCategorie(c: TRisque): TGroupeCategorie | null {
  switch (c) {
    case 'maladie_ordinaire':
      return 'mo';
    case 'clm':
    case 'cld':
    case 'cgm':
      return 'longue_maladie';
    case 'accident_service':
    case 'accident_trajet':
    case 'maladie_professionnelle':
      return 'citis';
    case 'maternite':
      return 'maternite';
    default:
      return null;
  }
}
