/**
 * The reimbursement engine's input and output (issue 10, domain §3, §6, §6.1, §10).
 *
 * Conventions, everywhere below:
 * - dates are ISO strings `YYYY-MM-DD`, months `YYYY-MM`, both ends of a period included;
 * - money is integer cents; percentages of reimbursement are whole % (TGarantie.remboursementPct),
 *   RI and CP percentages of TBI are hundredths of a percent (726 = 7,26 %, as in base-assurance);
 * - pay fractions are integers over FRACTION_SCALE (10 000 = 1, 9 000 = 0,9, 5 000 = 0,5), so that
 *   every product stays exact; only the month's reimbursed amount is rounded (§6.1.15).
 *
 * The engine works on one agent at a time: the rolling-year and rights counts need every arrêt of
 * the agent, whichever sinistre is costed.
 *
 * Functions: `calculerRemboursement(entree)` (moteur.ts); `expliquerJournal(journal)` and
 * `joursDuJournal(journal)` (explication.ts); `calculerRequalification(avant, apres)`,
 * `entreeRequalifiee(entree, requalification)` and `regularisations(ancien, nouveau)`
 * (requalification.ts); `contratMoteurDe(contrat, base)` (contrat.ts). Test and bench builders:
 * moteur.fixtures.ts.
 */

import type { TStatut } from '../agents/agents.schemas.js';
import type { TElementBase, TGarantie, TRegime, TRisque } from '../contrats/contrats.schemas.js';
import type { TArretType } from '../sinistres/arrets.rules.js';

/** 10 000 = the whole pay; fractions are integers over it (0,45 = 4 500: half of 90 %). */
export const FRACTION_SCALE = 10_000;

/** The insured elements of a payslip; RI and CP are derived from TBI with the contract's percentages. */
export type ElementRemboursable = 'tbi' | TElementBase;

// ————————————————————————————————————————————————————————— input

/** The cover of one risk by a contract: franchise, rate and declaration deadline (contract parameters). */
export type GarantieMoteur = Pick<
  TGarantie,
  'couvert' | 'franchiseNombre' | 'franchiseUnite' | 'remboursementPct' | 'delaiDeclarationJours'
>;

/** A contract as the engine needs it: the one in force on a chain's first day pays that chain (§6.1.11). */
export type ContratMoteur = {
  contratId: string;
  /** Period of the contract: a chain starting inside it belongs to it, until the chain ends. */
  debut: string;
  fin: string;
  /**
   * Garanties per risk; a missing or uncovered risk pays nothing (motif « non_couvert »).
   * `franchiseUnite` « jours_fermes_par_sinistre »: a rechute after a long return (a new chain of
   * the same sinistre) continues the franchise already counted instead of starting a new one.
   */
  garanties: Partial<Record<TRisque, GarantieMoteur>>;
  /** Insured elements besides TBI (always insured): from the base de l'assurance. */
  elements: readonly TElementBase[];
  /** RI and CP as a percentage of TBI, hundredths of a percent (the base's percentages); null when not insured. */
  riPct: number | null;
  cpPct: number | null;
  /**
   * Late declaration (§6.1.12): an arrêt received more than `delaiDeclarationJours` (of the garantie)
   * after its start pays nothing (« refus ») or nothing before its reception date (« reception »).
   */
  declarationTardive: 'refus' | 'reception';
  /**
   * Death capital in cents (risk « décès »). domain.md gives no rule for it: it is a parameter of the
   * contract's garantie, paid once at the garantie's % when the death falls in the costed period.
   */
  capitalDecesCentimes?: number | null;
};

export type AgentMoteur = {
  regime: TRegime;
  /** titulaire and stagiaire follow the fonctionnaire rules; contractuel the rules by service length. */
  statut: TStatut;
  /** Start of service, needed for a contractuel's rights (MO, CGM, accident du travail). */
  debutService?: string | null;
};

/** One arrêt of the agent (all sinistres together). */
export type ArretMoteur = {
  id: string;
  sinistreId: string;
  /** The arrêt's own category (after a requalification split), else its sinistre's. */
  categorie: TRisque;
  type: TArretType;
  debut: string;
  fin: string;
  /** When the agent sent the arrêt to the employer (§6.1.10); null when unknown (never late). */
  dateEnvoi?: string | null;
  /** When the declaration reached the insurer / Statutis (§6.1.12); null when unknown (never late). */
  dateReception?: string | null;
  /** TPT: quotité of service worked, in % (50…90); the insurer pays the unworked share. */
  quotiteTpt?: number | null;
  /** An arrêt related to a pregnancy: no jour de carence. */
  grossesse?: boolean;
  /** An affection de longue durée: one carence per 3 years. */
  ald?: boolean;
};

/** Days of a category before the agent came into Statutis (entered by the employer). */
export type AntecedentMoteur = { categorie: TRisque; debut: string; fin: string };

/** The payslip of one calendar month, in cents (RI and CP come from TBI and the contract's percentages). */
export type SalaireMois = { tbi: number; nbi?: number; sft?: number; ir?: number };

/**
 * IJSS from the CPAM statements (IRCANTEC): either a daily amount, or the amount of the whole period
 * (spread over its calendar days in whole cents, the remainder on its first days).
 */
export type IjssMoteur =
  | { debut: string; fin: string; montantJournalier: number }
  | { debut: string; fin: string; montantPeriode: number };

/** A contre-visite (or expertise) finding the arrêt unjustified from a date (§6.1.9). */
export type ContreVisiteMoteur = { sinistreId: string; injustifieAPartirDu: string };

export type EntreeMoteur = {
  agent: AgentMoteur;
  contrats: readonly ContratMoteur[];
  /** Every arrêt of the agent: the rolling-year and rights counts read them all. */
  arrets: readonly ArretMoteur[];
  antecedents?: readonly AntecedentMoteur[];
  /** `YYYY-MM` → payslip; a missing month of a costed day is an anomaly and pays nothing. */
  salaires: Readonly<Record<string, SalaireMois>>;
  ijss?: readonly IjssMoteur[];
  contreVisites?: readonly ContreVisiteMoteur[];
  /** A death: its capital is paid under the contract in force that day (if in the period and costed). */
  deces?: { sinistreId: string; date: string } | null;
  /**
   * The period to cost: only its days appear in the ledger and the months (there is no « hors
   * période » day in the output). Days of the costed chains before it are still walked — the
   * franchise, a month's 30/30 and a contractuel's accident du travail depend on them — so costing
   * whole months one by one or together gives the same amounts.
   */
  periode: { debut: string; fin: string };
  /** The sinistres to cost; all of them when absent. */
  sinistreIds?: readonly string[];
};

// ————————————————————————————————————————————————————————— output

/**
 * Why a day pays what it pays, the first that applies in this order:
 * - `non_couvert`: no contract in force on the chain's first day, or its garantie does not cover the risk;
 * - `contre_visite`: from the « injustifié à partir du » date, the rest of the chain;
 * - `declaration_tardive`: declared late, refused or before its reception (§6.1.12);
 * - `carence`: the jour de carence (MO);
 * - `non_remunere`: rights exhausted or none (rolling year, CLM/CLD/CGM, contractuel's service,
 *   disponibilité d'office), or no payslip for the month;
 * - `franchise`: inside the chain's franchise;
 * - `couvert`: reimbursable (perhaps at half for an arrêt sent late: `envoiTardif`).
 * `franchise` and `carence` are also flags: a carence day inside the franchise consumes it.
 */
export type MotifJour =
  | 'couvert'
  | 'franchise'
  | 'carence'
  | 'non_remunere'
  | 'contre_visite'
  | 'declaration_tardive'
  | 'non_couvert';

/** The pay rule of a day, for the ledger and its explanation. */
export type RegleJour =
  | 'mo_plein_100'
  | 'mo_plein_90'
  | 'mo_demi'
  | 'mo_epuise'
  | 'mo_contractuel_sans_droit'
  | 'clm_plein'
  | 'clm_demi'
  | 'cld_plein'
  | 'cld_demi'
  | 'cgm_plein'
  | 'cgm_demi'
  | 'droits_epuises'
  | 'cgm_sans_droit'
  | 'citis_plein'
  | 'at_contractuel_plein'
  | 'at_contractuel_epuise'
  | 'maternite_plein'
  | 'tpt'
  | 'disponibilite_office'
  | 'salaire_manquant'
  | 'sans_regle';

/**
 * The day ledger, compacted: a run of consecutive days of one arrêt inside one calendar month whose
 * every field is the same. `joursDuJournal` expands it day by day.
 */
export type SegmentJournal = {
  debut: string;
  fin: string;
  /** Calendar days in the run. */
  jours: number;
  /** Trentièmes the run weighs (its days, the month's last counted day adjusted to make 30/30, §6.1.13). */
  trentiemes: number;
  sinistreId: string;
  arretId: string;
  categorie: TRisque;
  /** null when no contract was in force on the chain's first day. */
  contratId: string | null;
  /** Index of the chain among its sinistre's chains (0 = the first). */
  chaine: number;
  motif: MotifJour;
  regle: RegleJour;
  /** The day consumes the chain's franchise (§6.1.2); `rangFranchise` = its rank in it (1-based) for the first day. */
  franchise: boolean;
  rangFranchise: number | null;
  /** The franchise of the chain's garantie, in days. */
  franchiseJours: number;
  carence: boolean;
  /**
   * Pay fraction of TBI, NBI, RI and CP over FRACTION_SCALE, as paid: 0 on a day that pays nothing
   * (any motif but « couvert »); TPT: the unworked share; halved when sent late. `regle` still names
   * the pay rule of an unpaid day (e.g. a franchise day at « mo_plein_90 »).
   */
  fractionTraitement: number;
  /** Pay fraction of SFT and IR over FRACTION_SCALE: the whole on a paid day (TPT and late sending aside). */
  fractionAccessoires: number;
  /** Half pay for an arrêt sent late a second time within 24 months (§6.1.10). */
  envoiTardif: boolean;
  /** The MO days counted in the rolling year before the run's first day (MO only). */
  joursAnneeGlissante: number | null;
};

/** One line of a month: an element at one pay fraction. */
export type LigneElement = {
  element: ElementRemboursable;
  fraction: number;
  /** Trentièmes at this fraction. */
  trentiemes: number;
  /** The element's monthly amount in cents (RI, CP: TBI × percentage, exact, shown rounded). */
  mensuel: number;
  /** mensuel × trentièmes / 30 × fraction, rounded half-up for display only. */
  montant: number;
};

/** A month of a sinistre under a contract: the unit of rounding (§6.1.15). */
export type MoisRemboursement = {
  sinistreId: string;
  contratId: string;
  mois: string;
  /** Reimbursement % of the garantie (whole %); when a requalification mixes two within the month, the latest. */
  remboursementPct: number;
  trentiemes: number;
  lignes: LigneElement[];
  /** Pay before IJSS, cents, rounded half-up for display (the exact value is used below). */
  brut: number;
  /** IJSS of the month's counted days, cents. */
  ijss: number;
  /** max(0, brut − IJSS), display rounding. */
  net: number;
  /** Exact net × %, rounded half-up to the cent: what the insurer pays. */
  rembourse: number;
};

export type CapitalDeces = { sinistreId: string; contratId: string; date: string; montant: number };

export type ResultatRemboursement = {
  journal: SegmentJournal[];
  mois: MoisRemboursement[];
  capitaux: CapitalDeces[];
  totaux: {
    /** Sums of the months' display values; `rembourse` is the sum of the rounded months (plus capitals). */
    brut: number;
    ijss: number;
    rembourse: number;
    joursFranchise: number;
    joursCarence: number;
    joursCouverts: number;
  };
  /** French warnings for the handler (first late sending, missing payslip, unknown contract…). */
  alertes: string[];
};

/** Old vs new after a requalification, and the regularisation per month (§6.1.16). */
export type RegularisationMois = {
  sinistreId: string;
  contratId: string;
  mois: string;
  ancien: number;
  nouveau: number;
  /** nouveau − ancien: positive owed to the collectivité, negative to be paid back. */
  difference: number;
};

export type ResultatRequalification = {
  ancien: ResultatRemboursement;
  nouveau: ResultatRemboursement;
  regularisations: RegularisationMois[];
  total: number;
};
