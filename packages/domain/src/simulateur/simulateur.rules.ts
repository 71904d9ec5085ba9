import { assietteAssuree } from '../base-assurance/base-assurance.rules.js';
import { mulDivRound } from '../common/money.js';
import {
  ELEMENTS_BASE,
  RISQUES,
  TAUX_SCALE,
  type TElementBase,
  type TRegime,
  type TRisque,
} from '../contrats/contrats.schemas.js';
import { calculerRemboursement } from '../remboursements/moteur.js';
import type { ContratMoteur, EntreeMoteur, GarantieMoteur } from '../remboursements/moteur.types.js';
import { rapportSP } from '../sinistralite/sinistralite.rules.js';
import {
  DELAIS_DECLARATION,
  FRANCHISES_AUTRES,
  FRANCHISES_MO,
  REMBOURSEMENTS_PCT,
  RISQUES_FRANCHISE,
  RISQUES_SIMULES,
  type TFormule,
  type TMontantsSimulation,
} from './simulateur.schemas.js';

/**
 * The formula simulator (issue 12): the real arrêts of a collectivité (or of a whole CDG) over the
 * last three full years, replayed through the reimbursement engine under other formulas.
 *
 * For each formula and year, in cents:
 * - **primes** = the formula's rate for the agents' regime × insured base of the year (the base of the
 *   collectivité's contract of that regime), the base réelle if declared, else the prévisionnelle,
 *   keeping only the elements the formula insures (TBI always; NBI, SFT, IR, RI %, CP % when declared);
 * - **remboursements** = what the engine pays under the formula: the real engine inputs (agent, arrêts
 *   with their real reception date, payslips, IJSS, antécédents, contre-visites) are kept, only the
 *   contract is rebuilt from the formula — its franchise per risk (per chain), its %, its elements,
 *   its risks, its late-declaration rule and deadline (applied by the engine itself); no death capital;
 * - **salaire maintenu** = the pay the employer maintained on the arrêt days, net of the IJSS: what the
 *   same engine pays under « everything insured, no franchise, 100 % » (carence, unpaid and halved days
 *   as the statute says). It does not depend on the formula;
 * - **reste à charge** = salaire maintenu − remboursements + primes: what the absences cost the
 *   employer over the year once the insurer has paid and been paid;
 * - **S/P** = remboursements / primes, in basis points (null without premiums).
 * A year is the calendar year of the reimbursed month. Several regimes are replayed side by side, each
 * with its own agents and bases; the formula's total adds them up.
 */

/** A collectivité's base for a year: réelle when declared, else prévisionnelle (amounts in cents). */
export type BaseSimulee = {
  annee: number;
  tbi: number;
  nbi: number | null;
  sft: number | null;
  ir: number | null;
  riPct: number | null;
  cpPct: number | null;
};

/** The engine inputs of one collectivité: one entry per agent (all his arrêts), its bases by year. */
export type CollectiviteSimulee = {
  agents: readonly Omit<EntreeMoteur, 'contrats' | 'periode' | 'sinistreIds'>[];
  bases: readonly BaseSimulee[];
};

/** Sums per formula and year, in cents (the resteACharge and S/P are derived from them). */
export type CumulSimulation = {
  annees: readonly number[];
  /** [formula][year index] */
  primes: number[][];
  remboursements: number[][];
  /** [year index] */
  salaireMaintenu: number[];
  /** [formula]: arrêt days of the years the formula does not pay because they were declared late. */
  joursHorsDelai: number[];
};

const DEBUT = '0001-01-01';
const FIN = '9999-12-31';
/** A formula without a late-declaration rule: a deadline longer than any history. */
const SANS_DELAI = 36_500;

/** The formula that costs the employer's maintained pay: every risk and element, no franchise, 100 %. */
export const FORMULE_SALAIRE: TFormule = {
  libelle: 'Salaire maintenu',
  franchiseMoJours: 0,
  franchisesJours: {},
  declarationTardive: 'aucune',
  delaiDeclarationJours: 90,
  remboursementPct: 100,
  elements: [...ELEMENTS_BASE],
  risques: [...RISQUES_SIMULES],
  taux: {},
};

/** The franchise a formula sets on a risk, in days per chain: MO's, the other risks' that may have one, else 0. */
export function franchiseDeFormule(f: TFormule, r: TRisque): number {
  if (r === 'maladie_ordinaire') return f.franchiseMoJours;
  return (RISQUES_FRANCHISE as readonly string[]).includes(r)
    ? (f.franchisesJours[r as keyof typeof FRANCHISES_AUTRES] ?? 0)
    : 0;
}

/**
 * The engine's garanties of a formula: its risks covered, each with its franchise, and the formula's
 * declaration deadline (none when it has no late-declaration rule).
 */
export function garantiesDeFormule(f: TFormule): Partial<Record<TRisque, GarantieMoteur>> {
  return Object.fromEntries(
    RISQUES.map((r): [TRisque, GarantieMoteur] => [
      r,
      {
        couvert: (f.risques as readonly string[]).includes(r),
        franchiseNombre: franchiseDeFormule(f, r),
        franchiseUnite: 'jours_fermes_par_arret',
        remboursementPct: f.remboursementPct,
        delaiDeclarationJours: f.declarationTardive === 'aucune' ? SANS_DELAI : f.delaiDeclarationJours,
      },
    ]),
  );
}

/** The base that prices a year: that year's, else the latest before, else the first after (as the engine's). */
function baseDe(bases: readonly BaseSimulee[], annee: number): BaseSimulee | null {
  const avant = bases.filter((b) => b.annee <= annee).sort((a, b) => b.annee - a.annee);
  return avant[0] ?? [...bases].sort((a, b) => a.annee - b.annee)[0] ?? null;
}

/**
 * The contracts of a formula for one collectivité: one per simulated year (the first from the
 * beginning of time, the last open-ended, so a chain starting before the years is paid too), each
 * with the RI and CP percentages of that year's base. A chain is paid by the contract of its first day.
 */
export function contratsDeFormule(
  f: TFormule,
  annees: readonly number[],
  bases: readonly BaseSimulee[],
): ContratMoteur[] {
  const garanties = garantiesDeFormule(f);
  return annees.map((annee, i) => {
    const base = baseDe(bases, annee);
    return {
      contratId: `formule-${annee}`,
      debut: i === 0 ? DEBUT : `${annee}-01-01`,
      fin: i === annees.length - 1 ? FIN : `${annee}-12-31`,
      garanties,
      elements: f.elements,
      riPct: f.elements.includes('ri') ? (base?.riPct ?? null) : null,
      cpPct: f.elements.includes('cp') ? (base?.cpPct ?? null) : null,
      declarationTardive: f.declarationTardive === 'refus' ? 'refus' : 'reception',
      capitalDecesCentimes: null,
    };
  });
}

/** The insured base of a year under a formula's elements: the base's amounts it does not insure dropped. */
export function assietteDeFormule(base: BaseSimulee, elements: readonly TElementBase[]): number {
  const garde = (e: TElementBase) => elements.includes(e);
  return assietteAssuree({
    tbi: base.tbi,
    nbi: garde('nbi') ? base.nbi : null,
    sft: garde('sft') ? base.sft : null,
    ir: garde('ir') ? base.ir : null,
    riPct: garde('ri') ? base.riPct : null,
    cpPct: garde('cp') ? base.cpPct : null,
  });
}

/** The premium of a year: the regime's rate (thousandths of %) × insured base, half-up to the cent. */
export const primeDeFormule = (base: BaseSimulee, f: TFormule, regime: TRegime): number =>
  mulDivRound(assietteDeFormule(base, f.elements), f.taux[regime] ?? 0, TAUX_SCALE);

export function cumulVide(annees: readonly number[], formules: number): CumulSimulation {
  return {
    annees,
    primes: Array.from({ length: formules }, () => annees.map(() => 0)),
    remboursements: Array.from({ length: formules }, () => annees.map(() => 0)),
    salaireMaintenu: annees.map(() => 0),
    joursHorsDelai: Array.from({ length: formules }, () => 0),
  };
}

/**
 * What the engine reimburses per year of `annees` under `contrats` (months outside the years dropped);
 * returns the days of the years it did not pay because they were declared late.
 */
function rembourseParAnnee(
  agent: CollectiviteSimulee['agents'][number],
  contrats: ContratMoteur[],
  annees: readonly number[],
  into: number[],
): number {
  const periode = { debut: `${annees[0]}-01-01`, fin: `${annees.at(-1)}-12-31` };
  const r = calculerRemboursement({ ...agent, contrats, periode });
  for (const m of r.mois) {
    const i = annees.indexOf(Number(m.mois.slice(0, 4)));
    if (i >= 0) into[i]! += m.rembourse;
  }
  let horsDelai = 0;
  for (const s of r.journal) if (s.motif === 'declaration_tardive') horsDelai += s.jours;
  return horsDelai;
}

/**
 * Adds one collectivité to the sums (mutates and returns `cumul`): its premiums per formula and
 * year when it declared a base for that year, the engine's reimbursements and maintained pay of
 * each of its agents. The server calls it collectivité by collectivité so that a CDG's data is never
 * held whole.
 */
export function simulerCollectivite(
  cumul: CumulSimulation,
  collectivite: CollectiviteSimulee,
  formules: readonly TFormule[],
  regime: TRegime,
): CumulSimulation {
  const { annees } = cumul;
  formules.forEach((f, k) => {
    annees.forEach((annee, i) => {
      const base = collectivite.bases.find((b) => b.annee === annee);
      if (base) cumul.primes[k]![i]! += primeDeFormule(base, f, regime);
    });
    const contrats = contratsDeFormule(f, annees, collectivite.bases);
    for (const agent of collectivite.agents)
      cumul.joursHorsDelai[k]! += rembourseParAnnee(agent, contrats, annees, cumul.remboursements[k]!);
  });
  const reference = contratsDeFormule(FORMULE_SALAIRE, annees, collectivite.bases);
  for (const agent of collectivite.agents) rembourseParAnnee(agent, reference, annees, cumul.salaireMaintenu);
  return cumul;
}

/** primes, remboursements and maintained pay → the line shown, with reste à charge and S/P. */
export function montantsSimulation(
  primes: number,
  remboursements: number,
  salaireMaintenu: number,
): TMontantsSimulation {
  return {
    primes,
    remboursements,
    salaireMaintenu,
    resteACharge: salaireMaintenu - remboursements + primes,
    rapport: rapportSP(remboursements, primes),
  };
}

const somme = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One formula's lines of a cumul: each year, and the total of the years. */
function lignesDe(cumul: CumulSimulation, k: number) {
  return {
    annees: cumul.annees.map((annee, i) => ({
      annee,
      ...montantsSimulation(cumul.primes[k]![i]!, cumul.remboursements[k]![i]!, cumul.salaireMaintenu[i]!),
    })),
    total: montantsSimulation(somme(cumul.primes[k]!), somme(cumul.remboursements[k]!), somme(cumul.salaireMaintenu)),
    joursHorsDelai: cumul.joursHorsDelai[k]!,
  };
}

/** The cumul of several regimes added up, year by year (the same years in each). */
export function cumulDesRegimes(cumuls: readonly CumulSimulation[], annees: readonly number[], formules: number) {
  const total = cumulVide(annees, formules);
  for (const c of cumuls)
    annees.forEach((_, i) => {
      total.salaireMaintenu[i]! += c.salaireMaintenu[i]!;
      for (let k = 0; k < formules; k++) {
        total.primes[k]![i]! += c.primes[k]![i]!;
        total.remboursements[k]![i]! += c.remboursements[k]![i]!;
      }
    });
  for (const c of cumuls) for (let k = 0; k < formules; k++) total.joursHorsDelai[k]! += c.joursHorsDelai[k]!;
  return total;
}

/** The result per formula: each year and the total of the years, all regimes together and per regime. */
export function resultatSimulation(
  parRegime: readonly { regime: TRegime; cumul: CumulSimulation }[],
  annees: readonly number[],
  formules: readonly TFormule[],
) {
  const total = cumulDesRegimes(
    parRegime.map((r) => r.cumul),
    annees,
    formules.length,
  );
  return formules.map((formule, k) => ({
    formule,
    ...lignesDe(total, k),
    parRegime: parRegime.map(({ regime, cumul }) => ({ regime, ...lignesDe(cumul, k) })),
  }));
}

/** The whole simulation of a few collectivités per regime at once (tests, small perimeters). */
export function simulerRegimes(
  annees: readonly number[],
  parRegime: readonly { regime: TRegime; collectivites: readonly CollectiviteSimulee[] }[],
  formules: readonly TFormule[],
) {
  const cumuls = parRegime.map(({ regime, collectivites }) => {
    const cumul = cumulVide(annees, formules.length);
    for (const c of collectivites) simulerCollectivite(cumul, c, formules, regime);
    return { regime, cumul };
  });
  return resultatSimulation(cumuls, annees, formules);
}

/** One regime's simulation (tests, small perimeters). */
export const simulerFormules = (
  annees: readonly number[],
  collectivites: readonly CollectiviteSimulee[],
  formules: readonly TFormule[],
  regime: TRegime = 'CNRACL',
) => simulerRegimes(annees, [{ regime, collectivites }], formules);

/** A contract as `formuleDeContrat` reads it. */
export type ContratFormule = {
  libelle: string;
  regime: TRegime;
  tauxCotisation: number;
  elementsAssurables: readonly string[];
  garanties: readonly {
    risque: TRisque;
    couvert: boolean;
    franchiseNombre: number;
    remboursementPct: number;
    delaiDeclarationJours: number;
    horsDelaiRegle: string;
  }[];
};

const proche = <T extends number>(valeurs: readonly T[], v: number): T =>
  valeurs.reduce((best, x) => (Math.abs(x - v) < Math.abs(best - v) ? x : best), valeurs[0]!);
const PAS_TAUX = TAUX_SCALE / 10_000;
const tauxArrondi = (taux: number) => Math.max(PAS_TAUX, Math.round(taux / PAS_TAUX) * PAS_TAUX);

/**
 * The current formula from the contracts in force (one per regime): the first one's cover — its
 * franchise per risk (the nearest offered, the shorter on a tie), its MO reimbursement % and
 * declaration deadline (the nearer offered), its late-declaration rule, its insurable elements and
 * the risks it covers — and the rate of each contract, at two decimals, for its regime.
 */
export function formuleDeContrat(...contrats: [ContratFormule, ...ContratFormule[]]): TFormule {
  const c = contrats[0];
  const garantieDe = (r: TRisque) => c.garanties.find((g) => g.risque === r);
  const mo = garantieDe('maladie_ordinaire');
  const couverts = RISQUES_SIMULES.filter((r) => c.garanties.some((g) => g.risque === r && g.couvert));
  return {
    libelle: `Formule actuelle (${c.libelle})`.slice(0, 60),
    franchiseMoJours: proche(FRANCHISES_MO, mo?.franchiseNombre ?? 0),
    franchisesJours: Object.fromEntries(
      RISQUES_FRANCHISE.map((r) => [r, proche(FRANCHISES_AUTRES[r], garantieDe(r)?.franchiseNombre ?? 0)]),
    ),
    declarationTardive: mo?.horsDelaiRegle === 'refus' ? 'refus' : 'reception',
    delaiDeclarationJours: proche(DELAIS_DECLARATION, mo?.delaiDeclarationJours ?? 90),
    remboursementPct: proche(REMBOURSEMENTS_PCT, mo?.remboursementPct ?? 100),
    elements: ELEMENTS_BASE.filter((e) => c.elementsAssurables.includes(e)),
    risques: couverts.length > 0 ? couverts : [...RISQUES_SIMULES],
    taux: Object.fromEntries(contrats.map((x) => [x.regime, tauxArrondi(x.tauxCotisation)])),
  };
}

/** The last three full years before `aujourdhui` (ISO date): on 07/12/2026, 2023, 2024 and 2025. */
export function anneesSimulees(aujourdhui: string): number[] {
  const an = Number(aujourdhui.slice(0, 4));
  return [an - 3, an - 2, an - 1];
}
