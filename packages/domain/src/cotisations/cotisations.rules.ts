import { regularisation } from '../base-assurance/base-assurance.rules.js';
import { addDays, addMonths } from '../common/dates.js';
import { TAUX_SCALE, type TRegime } from '../contrats/contrats.schemas.js';

/**
 * Appels de cotisation (issue 11, domain §4 and §11). The insured base and the full-year contribution
 * come from the base-assurance rules (`assietteAssuree`, `cotisation`, `regularisation`); this module
 * turns them into a call: its lines (one per regime or garantie, plus the CDG's management fee), its
 * échéancier, the pro rata of a mid-year adhesion, and the regularisation once the base réelle is known.
 *
 * Money in integer cents; rates in thousandths of a percent (`TAUX_SCALE`: 8,600 % → 8600).
 *
 * Rounding: a line's amount is assiette × taux × mois / 12, computed exactly (BigInt) and rounded
 * half away from zero to the cent ONCE — the pro rata is not applied to an already rounded annual
 * amount. For 12 months it is exactly `cotisation()` of the base-assurance rules. The call's total
 * is the sum of its rounded lines.
 */

const lastDayOfMonth = (iso: string) => addDays(addMonths(`${iso.slice(0, 7)}-01`, 1), -1);
const monthStart = (annee: number, index: number) => `${annee}-${String(index + 1).padStart(2, '0')}-01`;

// -- statuses

export const APPEL_STATUTS = ['brouillon', 'controle', 'emis', 'paye_partiellement', 'solde', 'annule'] as const;
export type TAppelStatut = (typeof APPEL_STATUTS)[number];
export const appelStatutLabels: Record<TAppelStatut, string> = {
  brouillon: 'Brouillon',
  controle: 'Contrôlé',
  emis: 'Émis',
  paye_partiellement: 'Payé partiellement',
  solde: 'Soldé',
  annule: 'Annulé',
};

/** A call from the base prévisionnelle, or the regularisation once the base réelle is declared. */
export const APPEL_NATURES = ['appel', 'regularisation'] as const;
export type TAppelNature = (typeof APPEL_NATURES)[number];
export const appelNatureLabels: Record<TAppelNature, string> = {
  appel: 'Appel de cotisation',
  regularisation: 'Régularisation',
};

/**
 * What a call asks for: the contribution (with the CDG's fee as one of its lines), or — when the
 * CDG calls its fee separately — the CDG's management fee alone, payable to the CDG.
 */
export const APPEL_OBJETS = ['cotisation', 'frais_gestion'] as const;
export type TAppelObjet = (typeof APPEL_OBJETS)[number];
export const appelObjetLabels: Record<TAppelObjet, string> = {
  cotisation: 'Cotisation',
  frais_gestion: 'Frais de gestion du centre de gestion',
};

export const APPEL_ACTIONS = ['controler', 'emettre', 'encaisser', 'solder', 'annuler'] as const;
export type TAppelAction = (typeof APPEL_ACTIONS)[number];
export const appelActionLabels: Record<TAppelAction, string> = {
  controler: 'Contrôler',
  emettre: 'Émettre',
  encaisser: 'Enregistrer un paiement partiel',
  solder: 'Solder',
  annuler: 'Annuler',
};

/**
 * action × from-status → to-status. brouillon → contrôlé (the CDG checks it, seed 002: « il assure la
 * vérification et la validation des appels de cotisation ») → émis → payé partiellement → soldé.
 * A call is cancelled before any payment only; once émis its lines never change — a correction is a
 * new call (after cancelling) or a regularisation.
 */
export const APPEL_TRANSITIONS: Record<TAppelAction, Partial<Record<TAppelStatut, TAppelStatut>>> = {
  controler: { brouillon: 'controle' },
  emettre: { controle: 'emis' },
  encaisser: { emis: 'paye_partiellement', paye_partiellement: 'paye_partiellement' },
  solder: { emis: 'solde', paye_partiellement: 'solde' },
  annuler: { brouillon: 'annule', controle: 'annule', emis: 'annule' },
};

const appelRefusals: Partial<Record<TAppelAction, Partial<Record<TAppelStatut, string>>>> = {
  controler: { controle: 'Cet appel est déjà contrôlé.' },
  emettre: {
    brouillon: 'Cet appel doit être contrôlé par le centre de gestion avant d’être émis.',
    emis: 'Cet appel est déjà émis.',
  },
  annuler: {
    paye_partiellement: 'Cet appel a déjà reçu un paiement : il ne peut plus être annulé. Émettez un avoir.',
    solde: 'Cet appel est soldé : il ne peut plus être annulé. Émettez un avoir.',
    annule: 'Cet appel est déjà annulé.',
  },
};

export type AppelTransitionResult = { ok: true; to: TAppelStatut } | { ok: false; message: string };

export function transitionAppel(from: TAppelStatut, action: TAppelAction): AppelTransitionResult {
  const to = APPEL_TRANSITIONS[action][from];
  if (to) return { ok: true, to };
  return {
    ok: false,
    message:
      appelRefusals[action]?.[from] ??
      `Action « ${appelActionLabels[action]} » impossible sur un appel « ${appelStatutLabels[from].toLowerCase()} ».`,
  };
}

/** Whether the call's lines and échéances may still be rewritten (before emission only). */
export const appelModifiable = (statut: TAppelStatut): boolean => statut === 'brouillon' || statut === 'controle';

/** Status after payments amounting to `encaisse` cents on a call of `total` cents (émis or later). */
export function statutApresEncaissement(total: number, encaisse: number): TAppelStatut {
  if (encaisse <= 0) return 'emis';
  return encaisse >= total ? 'solde' : 'paye_partiellement';
}

// -- exact arithmetic

/** a × b × c / d rounded half away from zero, exactly (BigInt). */
export function mulMulDivRound(a: number, b: number, c: number, d: number): number {
  const num = BigInt(a) * BigInt(b) * BigInt(c);
  const den = BigInt(d);
  const neg = num < 0n !== den < 0n;
  const absNum = num < 0n ? -num : num;
  const absDen = den < 0n ? -den : den;
  const q = (absNum * 2n + absDen) / (absDen * 2n);
  return Number(neg ? -q : q);
}

/** assiette × taux × mois / 12, rounded once to the cent (see the module's note). */
export function montantProrata(assiette: number, taux: number, mois: number): number {
  return mulMulDivRound(assiette, taux, mois, TAUX_SCALE * 12);
}

// -- pro rata of a mid-year adhesion

/**
 * A mid-year adhesion takes effect on the 1st of the month after the délibération (domain §11):
 * délibération 14/03/2026 → 01/04/2026; on the 1st itself, still the next month (01/03 → 01/04).
 */
export function effetAdhesion(dateDeliberation: string): string {
  return addMonths(`${dateDeliberation.slice(0, 7)}-01`, 1);
}

/**
 * Months of `annee` covered from `debut` (the effect date) to `fin` (the contract's end, inclusive),
 * 0 to 12. Cover starting in the middle of a month counts from the 1st of the next one (the rule of
 * effect above); a contract ending before a month's last day does not count that month.
 */
export function moisCouverts(annee: number, debut: string, fin?: string | null): number {
  const firstOfMonth = debut.slice(8) === '01' ? debut : effetAdhesion(debut);
  const startIndex = Math.max(monthIndex(firstOfMonth), annee * 12);
  let endIndex = annee * 12 + 11;
  // The last month whose last day is covered.
  if (fin) endIndex = Math.min(endIndex, monthIndex(fin) - (fin === lastDayOfMonth(fin) ? 0 : 1));
  return Math.max(0, Math.min(12, endIndex - startIndex + 1));
}

const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

// -- lines

export const LIGNE_NATURES = ['cotisation', 'frais_gestion'] as const;
export type TLigneNature = (typeof LIGNE_NATURES)[number];

export type LigneAppel = {
  nature: TLigneNature;
  /** The regime or garantie the line is for (« CNRACL »), the fee's regime for a fee line. */
  code: string;
  libelle: string;
  /** Cents; null for a fixed fee per agent. */
  assiette: number | null;
  /** Thousandths of a percent; null for a fixed fee per agent. */
  taux: number | null;
  /** Agents counted (fixed fee per agent); null otherwise. */
  quantite: number | null;
  /** Cents per agent (fixed fee); null otherwise. */
  prixUnitaire: number | null;
  /** Months of the year called (12 for a full year). */
  mois: number;
  montant: number;
};

/** What a base gives one line of: the insured base of a regime (or garantie) and its rate. */
export type AssietteTaux = { code: string; libelle: string; assiette: number; taux: number };

/** One contribution line per regime or garantie: assiette × taux, pro-rated over `mois`. */
export function lignesCotisation(assiettes: readonly AssietteTaux[], mois = 12): LigneAppel[] {
  return assiettes.map((a) => ({
    nature: 'cotisation',
    code: a.code,
    libelle: a.libelle,
    assiette: a.assiette,
    taux: a.taux,
    quantite: null,
    prixUnitaire: null,
    mois,
    montant: montantProrata(a.assiette, a.taux, mois),
  }));
}

// -- the CDG's management fee

export const FRAIS_MODELES = ['forfait_agent', 'pourcentage_assiette'] as const;
export type TFraisModele = (typeof FRAIS_MODELES)[number];
export const fraisModeleLabels: Record<TFraisModele, string> = {
  forfait_agent: 'Montant forfaitaire par agent CNRACL',
  pourcentage_assiette: 'Pourcentage de l’assiette assurée',
};

/**
 * The CDG's fee (domain §11), two models seen:
 * - a fixed amount per CNRACL agent, the headcount being taken on the first day of the adhesion
 *   (seed 002: 70 €) — on the CNRACL contract's call only, never pro-rated;
 * - a percentage of the insured base, per regime (0,40 % CNRACL, 0,15 % IRCANTEC), pro-rated like
 *   the contribution.
 * Neither is regularised unless the CDG's parameters say so (`regularise`). When the CDG calls its
 * fee separately (`appelesSeparement`), the fee is not a line of the contribution call but a call
 * of its own (see `calculerAppels`).
 */
export type ModeleFrais =
  | { modele: 'forfait_agent'; montantParAgent: number; regularise: boolean; appelesSeparement?: boolean }
  | {
      modele: 'pourcentage_assiette';
      tauxCnracl: number;
      tauxIrcantec: number;
      regularise: boolean;
      appelesSeparement?: boolean;
    };

/** Whether a fee model is regularised once the base réelle is known (never the fixed fee per agent). */
export const fraisRegularises = (frais: ModeleFrais | null | undefined): boolean =>
  Boolean(frais?.regularise && frais.modele === 'pourcentage_assiette');

export function ligneFrais(
  frais: ModeleFrais | null,
  contexte: { regime: TRegime; assiette: number; effectifCnracl: number; mois: number },
): LigneAppel | null {
  if (!frais) return null;
  if (frais.modele === 'forfait_agent') {
    if (contexte.regime !== 'CNRACL' || frais.montantParAgent <= 0) return null;
    return {
      nature: 'frais_gestion',
      code: contexte.regime,
      libelle: 'Frais de gestion du centre de gestion (forfait par agent CNRACL)',
      assiette: null,
      taux: null,
      quantite: contexte.effectifCnracl,
      prixUnitaire: frais.montantParAgent,
      mois: 12,
      montant: contexte.effectifCnracl * frais.montantParAgent,
    };
  }
  const taux = contexte.regime === 'CNRACL' ? frais.tauxCnracl : frais.tauxIrcantec;
  if (taux <= 0) return null;
  return {
    nature: 'frais_gestion',
    code: contexte.regime,
    libelle: `Frais de gestion du centre de gestion (${contexte.regime})`,
    assiette: contexte.assiette,
    taux,
    quantite: null,
    prixUnitaire: null,
    mois: contexte.mois,
    montant: montantProrata(contexte.assiette, taux, contexte.mois),
  };
}

export const totalLignes = (lignes: readonly { montant: number }[]): number =>
  lignes.reduce((sum, l) => sum + l.montant, 0);

// -- échéancier

export const PERIODICITES = ['annuelle', 'semestrielle', 'trimestrielle'] as const;
export type TPeriodicite = (typeof PERIODICITES)[number];
export const periodiciteLabels: Record<TPeriodicite, string> = {
  annuelle: 'Annuelle',
  semestrielle: 'Semestrielle',
  trimestrielle: 'Trimestrielle',
};
const MOIS_PAR_PERIODE: Record<TPeriodicite, number> = { annuelle: 12, semestrielle: 6, trimestrielle: 3 };

export type Echeance = { rang: number; du: string; au: string; dateEcheance: string; montant: number };

/**
 * The échéances of a call: one per period of the year (annual by default, semestrial or quarterly)
 * that the cover reaches. The cover starts with the first of the last `mois` months of the year
 * (`mois` from the pro rata); a period starting before it begins with it. Each échéance is due on
 * the last day of its period's first month (31/01, 30/04, 31/07, 31/10 — payable in advance, verify
 * with the contract). Amounts are proportional to the months of each period, rounded down to the
 * cent (toward zero, exactly), and the remainder cents go on the last one: the échéances add up exactly to the total.
 * A call of zero or negative total (an avoir) has a single échéance.
 */
export function echeancier(total: number, periodicite: TPeriodicite, annee: number, mois = 12): Echeance[] {
  const m = Math.max(1, Math.min(12, mois));
  const premierMois = 12 - m; // index 0..11
  const step = total > 0 ? MOIS_PAR_PERIODE[periodicite] : 12;
  const periodes: { du: number; au: number }[] = [];
  for (let start = 0; start < 12; start += step) {
    const end = start + step - 1;
    if (end < premierMois) continue;
    periodes.push({ du: Math.max(start, premierMois), au: end });
  }
  let reste = total;
  return periodes.map((p, i) => {
    const moisPeriode = p.au - p.du + 1;
    const montant = i === periodes.length - 1 ? reste : Number((BigInt(total) * BigInt(moisPeriode)) / BigInt(m));
    reste -= montant;
    const du = monthStart(annee, p.du);
    return { rang: i + 1, du, au: lastDayOfMonth(monthStart(annee, p.au)), dateEcheance: lastDayOfMonth(du), montant };
  });
}

// -- the call

export type AppelEntree = {
  annee: number;
  regime: TRegime;
  /** One entry per regime or garantie of the contract (its insured base and rate). */
  assiettes: readonly AssietteTaux[];
  frais: ModeleFrais | null;
  /** CNRACL agents on the first day of the adhesion (fixed fee model). */
  effectifCnracl: number;
  /** Months covered in the year (pro rata); 12 for a full year. */
  mois: number;
  periodicite: TPeriodicite;
};

export type AppelCalcule = { lignes: LigneAppel[]; total: number; echeances: Echeance[] };

/**
 * The call from the base prévisionnelle: contribution lines, the CDG fee line, total, échéancier —
 * everything on one call, whatever the CDG's choice (`calculerAppels` splits it when the fee is
 * called separately).
 */
export function calculerAppel(e: AppelEntree): AppelCalcule {
  const lignes = lignesCotisation(e.assiettes, e.mois);
  const assiette = e.assiettes.reduce((s, a) => s + a.assiette, 0);
  const frais = ligneFrais(e.frais, { regime: e.regime, assiette, effectifCnracl: e.effectifCnracl, mois: e.mois });
  if (frais) lignes.push(frais);
  const total = totalLignes(lignes);
  return { lignes, total, echeances: echeancier(total, e.periodicite, e.annee, e.mois) };
}

/**
 * The calls a contract, collectivité and year give rise to. When the CDG calls its fee with the
 * contribution (the default), one call carries both (`calculerAppel`). When it calls it separately
 * (`frais.appelesSeparement`), the contribution call has the contribution lines only, on the
 * contract's échéancier, and a second call — the fee's, payable to the CDG — has the fee line, on
 * its own échéancier (annual by default: `periodiciteFrais`).
 *
 * The fee is the same either way: the fixed amount per CNRACL agent is never pro-rated (its
 * headcount is taken on the first day of the adhesion, which is already the mid-year start), the
 * percentage of the base is pro-rated over the months covered exactly like the contribution. So the
 * collectivité owes the same total, called once or twice. A fee of zero gives no fee call.
 */
export function calculerAppels(e: AppelEntree & { periodiciteFrais?: TPeriodicite }): {
  cotisation: AppelCalcule;
  frais: AppelCalcule | null;
} {
  const tout = calculerAppel(e);
  if (!e.frais?.appelesSeparement) return { cotisation: tout, frais: null };
  const lignes = tout.lignes.filter((l) => l.nature === 'cotisation');
  const lignesFrais = tout.lignes.filter((l) => l.nature === 'frais_gestion');
  const total = totalLignes(lignes);
  const cotisation = { lignes, total, echeances: echeancier(total, e.periodicite, e.annee, e.mois) };
  if (lignesFrais.length === 0) return { cotisation, frais: null };
  const totalFrais = totalLignes(lignesFrais);
  return {
    cotisation,
    frais: {
      lignes: lignesFrais,
      total: totalFrais,
      echeances: echeancier(totalFrais, e.periodiciteFrais ?? 'annuelle', e.annee, e.mois),
    },
  };
}

/**
 * What a call is, in words, for lists and titles: « Appel de cotisation », « Appel complémentaire »,
 * « Avoir »; the CDG's separate fee call « Frais de gestion du CDG », its regularisation « Frais de
 * gestion du CDG — appel complémentaire » or « — avoir ».
 */
export function libelleAppel(a: { nature: TAppelNature; objet?: TAppelObjet; sens: TRegularisationSens }): string {
  const base = a.nature === 'appel' ? appelNatureLabels.appel : regularisationSensLabels[a.sens];
  if (a.objet !== 'frais_gestion') return base;
  return a.nature === 'appel' ? 'Frais de gestion du CDG' : `Frais de gestion du CDG — ${base.toLowerCase()}`;
}

export const REGULARISATION_SENS = ['complement', 'avoir', 'neant'] as const;
export type TRegularisationSens = (typeof REGULARISATION_SENS)[number];
export const regularisationSensLabels: Record<TRegularisationSens, string> = {
  complement: 'Appel complémentaire',
  avoir: 'Avoir',
  neant: 'Sans régularisation',
};
export const sensRegularisation = (total: number): TRegularisationSens =>
  total > 0 ? 'complement' : total < 0 ? 'avoir' : 'neant';

/**
 * The regularisation once the base réelle is known: per line of the call (matched by nature and
 * code), the amount recomputed on the réelle base minus the amount called, positive (complementary
 * call) or negative (avoir). The fee line is regularised only when its model says so; a fixed fee
 * per agent never is (its headcount is taken once, on the first day of the adhesion). `objet` says
 * which call is regularised: the contribution call (with its fee line unless the fee is called
 * separately) or the separate fee call (its fee line only).
 */
export function calculerRegularisation(
  appele: readonly LigneAppel[],
  reel: Omit<AppelEntree, 'periodicite'>,
  /** When the complement is due (or the avoir is credited): set by whoever issues it. */
  dateEcheance: string,
  objet: TAppelObjet = 'cotisation',
): AppelCalcule & { sens: TRegularisationSens } {
  const appels = calculerAppels({ ...reel, periodicite: 'annuelle' });
  const recalcule = objet === 'cotisation' ? appels.cotisation.lignes : (appels.frais?.lignes ?? []);
  const regularise = fraisRegularises(reel.frais);
  const lignes: LigneAppel[] = [];
  for (const l of recalcule) {
    if (l.nature === 'frais_gestion' && !regularise) continue;
    const avant = appele.find((a) => a.nature === l.nature && a.code === l.code);
    lignes.push({ ...l, montant: regularisation(l.montant, avant?.montant ?? 0) });
  }
  // A line called but absent from the réelle base (a garantie dropped) is fully credited.
  for (const a of appele) {
    if (a.nature === 'frais_gestion' && !regularise) continue;
    if (!recalcule.some((l) => l.nature === a.nature && l.code === a.code))
      lignes.push({ ...a, montant: regularisation(0, a.montant) });
  }
  const total = totalLignes(lignes);
  const echeances = echeancier(total, 'annuelle', reel.annee, reel.mois).map((e) => ({ ...e, dateEcheance }));
  return { lignes, total, sens: sensRegularisation(total), echeances };
}

/**
 * « AC-2026-000123 » for a call, « RG-2026-000124 » for a regularisation; the CDG's separate fee
 * call « FG-2026-000125 » and its regularisation « RF-2026-000126 ».
 */
export const prefixeAppel = (nature: TAppelNature, objet: TAppelObjet = 'cotisation'): string =>
  objet === 'frais_gestion' ? (nature === 'appel' ? 'FG' : 'RF') : nature === 'appel' ? 'AC' : 'RG';
export const numeroAppel = (nature: TAppelNature, annee: number, rang: number, objet: TAppelObjet = 'cotisation') =>
  `${prefixeAppel(nature, objet)}-${annee}-${String(rang).padStart(6, '0')}`;
