import { addDays, daysBetween } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { moisDeLaPeriode } from '../gestion/chaines.rules.js';
import { joursDuJournal } from '../remboursements/explication.js';
import { joursDansMois } from '../remboursements/jours.js';
import { calculerRemboursement } from '../remboursements/moteur.js';
import {
  type ArretMoteur,
  type EntreeMoteur,
  FRACTION_SCALE,
  type RegleJour,
  type SalaireMois,
  type SegmentJournal,
} from '../remboursements/moteur.types.js';

/**
 * The rights of the agents in arrêt over the coming days (issue 12, « Prévisions à 90 jours »; reused by
 * the deadlines of the next issue): when each passes to half pay, when his rights end, and what the
 * known arrêts will cost. The rights are never counted here: the reimbursement engine is run on the
 * arrêts and its pay rule of each day (`SegmentJournal.regle`) is read, so that the forecast and the
 * décompte cannot disagree.
 */

/** The forecast looks this many days ahead, the « as of » day included. */
export const HORIZON_PREVISION_JOURS = 90;

/** The pay situation a rule gives a day: full pay, half pay, rights exhausted (or none). */
export type SituationDroits = 'plein' | 'demi' | 'epuise';

const EPUISES: ReadonlySet<RegleJour> = new Set([
  'mo_epuise',
  'droits_epuises',
  'at_contractuel_epuise',
  'mo_contractuel_sans_droit',
  'cgm_sans_droit',
]);

/** The situation of a day by the engine's pay rule; null for a rule that is no absence of rights (TPT…). */
export function situationDeRegle(regle: RegleJour): SituationDroits | null {
  if (EPUISES.has(regle)) return 'epuise';
  if (regle.endsWith('_demi')) return 'demi';
  if (regle.endsWith('_plein') || regle === 'mo_plein_100' || regle === 'mo_plein_90') return 'plein';
  return null;
}

/**
 * The share of the salary the employer keeps paying on a day, by the engine's pay rule (the journal's
 * `fractionTraitement` is what the insurer reimburses: 0 on a franchise day the employer still paid).
 */
export function fractionMaintenue(regle: RegleJour): number {
  if (regle === 'mo_plein_90') return 0.9;
  if (regle.endsWith('_demi')) return 0.5;
  if (regle.endsWith('_plein') || regle === 'mo_plein_100') return 1;
  return 0;
}

/** A change of pay, and whether the known arrêt reaches it or only « si l'arrêt est prolongé ». */
export type EvenementDroits = { date: string; dansArretConnu: boolean };

/** The forecast of one sinistre in arrêt on the « as of » day. */
export type PrevisionDroits = {
  sinistreId: string;
  /** The category of the certificate covering the « as of » day. */
  categorie: TRisque;
  /** The last day of the known certificates (the arrêt in progress and its planned prolongations). */
  finArretConnue: string;
  /** The pay on the « as of » day (null: a category without pay rights, e.g. TPT). */
  situation: SituationDroits | null;
  /** First day at half pay after a day at full pay, from the « as of » day to the horizon. */
  demiTraitement: EvenementDroits | null;
  /** First day without rights after a paid day (CLM, CLD, CGM, MO exhausted), within the horizon. */
  finDroits: EvenementDroits | null;
};

/** The expected cost of the known arrêts within the horizon, in cents. */
export type CoutPrevu = {
  /** Pay the collectivité maintains (TBI + NBI at the day's share, SFT + IR whole on a paid day). */
  maintenuCentimes: number;
  /** What the contract reimburses (the engine: franchise, %, insured elements). */
  rembourseCentimes: number;
  resteAChargeCentimes: number;
  /** No payslip at all for the agent: his pay is unknown (counted 0). */
  salaireInconnu: boolean;
};

export type PrevisionAgent = { sinistres: PrevisionDroits[]; cout: CoutPrevu };

/** The horizon's last day: the « as of » day and the next 89 days. */
export function finHorizon(auJour: string, jours = HORIZON_PREVISION_JOURS): string {
  return addDays(auJour, jours - 1);
}

/**
 * The payslips of the months `debut`…`fin`: a month without one takes the latest earlier month known
 * (else the earliest later one): the forecast assumes the pay stays as last declared.
 */
export function salairesProlonges(
  salaires: Readonly<Record<string, SalaireMois>>,
  debut: string,
  fin: string,
): Record<string, SalaireMois> {
  const connus = Object.keys(salaires).sort();
  const out: Record<string, SalaireMois> = { ...salaires };
  for (const mois of moisDeLaPeriode(debut, fin)) {
    if (out[mois]) continue;
    const avant = connus.filter((m) => m < mois).at(-1);
    const source = avant ?? connus.find((m) => m > mois);
    if (source) out[mois] = salaires[source]!;
  }
  return out;
}

/** The known certificates of the sinistre's arrêt covering `jour`: it and the contiguous ones after it. */
function arretEnCours(arrets: readonly ArretMoteur[], sinistreId: string, jour: string): ArretMoteur[] {
  const siens = arrets.filter((a) => a.sinistreId === sinistreId).sort((a, b) => a.debut.localeCompare(b.debut));
  const i = siens.findIndex((a) => a.debut <= jour && jour <= a.fin);
  if (i < 0) return [];
  const suite = [siens[i]!];
  for (const a of siens.slice(i + 1)) {
    if (a.debut > addDays(suite.at(-1)!.fin, 1)) break;
    suite.push(a);
  }
  return suite;
}

/**
 * The arrêts extended to the horizon (the hypothesis « si l'arrêt est prolongé »): each arrêt in progress
 * on `auJour` gets a prolongation of its last certificate's category up to `fin`, or up to the day before
 * the agent's next known arrêt.
 */
export function arretsProlonges(arrets: readonly ArretMoteur[], auJour: string, fin: string): ArretMoteur[] {
  const out = [...arrets];
  const enCours = new Set(arrets.filter((a) => a.debut <= auJour && auJour <= a.fin).map((a) => a.sinistreId));
  for (const sinistreId of enCours) {
    const suite = arretEnCours(arrets, sinistreId, auJour);
    const dernier = suite.at(-1)!;
    const suivant = arrets
      .filter((a) => a.debut > dernier.fin)
      .map((a) => a.debut)
      .sort()[0];
    const jusqua = suivant && addDays(suivant, -1) < fin ? addDays(suivant, -1) : fin;
    if (dernier.fin >= jusqua) continue;
    out.push({
      id: `${dernier.id}:prolongation`,
      sinistreId,
      categorie: dernier.categorie,
      type: 'prolongation',
      debut: addDays(dernier.fin, 1),
      fin: jusqua,
      quotiteTpt: dernier.quotiteTpt ?? null,
      grossesse: dernier.grossesse ?? false,
      ald: dernier.ald ?? false,
    });
  }
  return out;
}

/** The first day of `jours` whose situation is `vers` and whose previous day's is `depuis` (consecutive days). */
function premierPassage(
  jours: readonly { jour: string; situation: SituationDroits | null }[],
  depuis: readonly SituationDroits[],
  vers: SituationDroits,
  aPartirDu: string,
): string | null {
  for (let i = 1; i < jours.length; i++) {
    const j = jours[i]!;
    const veille = jours[i - 1]!;
    if (j.jour < aPartirDu || j.situation !== vers) continue;
    if (veille.jour === addDays(j.jour, -1) && veille.situation && depuis.includes(veille.situation)) return j.jour;
  }
  return null;
}

/**
 * Pay maintained by the employer from `auJour` over a ledger that starts on the first of its month (§3):
 * TBI + NBI at the rule's share (halved when the arrêt was sent late), SFT + IR whole on a paid day;
 * nothing on a carence day or after an unjustified contre-visite. Days weigh 1/30; a month every day of
 * which is in arrêt weighs 30/30, its last run taking the difference (§6.1.13, as the engine does: the
 * days before `auJour` count to fill the month, they are not costed).
 */
function payeMaintenue(
  journal: readonly SegmentJournal[],
  salaires: Readonly<Record<string, SalaireMois>>,
  auJour: string,
): number {
  const parMois = new Map<string, SegmentJournal[]>();
  for (const s of journal) {
    if (s.categorie === 'tpt') continue;
    const mois = s.debut.slice(0, 7);
    parMois.set(mois, [...(parMois.get(mois) ?? []), s]);
  }
  let numerateur = 0;
  for (const [mois, segments] of parMois) {
    const salaire = salaires[mois];
    if (!salaire) continue;
    const jours = segments.reduce((n, s) => n + s.jours, 0);
    const dim = joursDansMois(Number(mois.slice(0, 4)), Number(mois.slice(5, 7)));
    const dernier = segments.reduce((a, b) => (b.fin > a.fin ? b : a));
    for (const s of segments) {
      if (s.fin < auJour || s.motif === 'carence' || s.motif === 'contre_visite') continue;
      const part = Math.round(fractionMaintenue(s.regle) * FRACTION_SCALE) / (s.envoiTardif ? 2 : 1);
      if (part === 0) continue;
      const dedans = s.debut < auJour ? daysBetween(auJour, s.fin) + 1 : s.jours;
      const poids = dedans + (s === dernier && jours === dim ? 30 - dim : 0);
      const accessoires = FRACTION_SCALE / (s.envoiTardif ? 2 : 1);
      numerateur +=
        poids * (part * (salaire.tbi + (salaire.nbi ?? 0)) + accessoires * ((salaire.sft ?? 0) + (salaire.ir ?? 0)));
    }
  }
  return Math.round(numerateur / (30 * FRACTION_SCALE));
}

/**
 * The forecast of one agent from his engine input (`arrets`: all his known certificates; `contrats`,
 * `salaires`… as for a décompte), on `auJour` over `jours` days:
 * - for each sinistre in arrêt on `auJour`, the engine is run on the arrêts extended to the horizon
 *   (`arretsProlonges`) and its pay rule of each day gives the passage to half pay and the end of rights;
 *   each says whether the known certificates reach it;
 * - the cost is the engine's over the known arrêts only, from `auJour` to the horizon: pay maintained,
 *   reimbursement, reste à charge. Months without a payslip take the last one declared.
 * `entree.sinistreIds`, when given, limits both to those sinistres (the others still count the rights).
 */
export function prevoirAgent(entree: EntreeMoteur, auJour: string, jours = HORIZON_PREVISION_JOURS): PrevisionAgent {
  const fin = finHorizon(auJour, jours);
  const salaires = salairesProlonges(entree.salaires, `${addDays(auJour, -1).slice(0, 7)}-01`, fin);
  const salaireInconnu = Object.keys(salaires).length === 0;
  // Without any payslip the engine would call every day « salaire manquant » and lose its pay rule:
  // the rights are computed on a zero payslip, the cost is said unknown.
  const salairesDroits = salaireInconnu
    ? Object.fromEntries(moisDeLaPeriode(addDays(auJour, -1), fin).map((m) => [m, { tbi: 0 }]))
    : salaires;
  const vus = entree.sinistreIds ? new Set(entree.sinistreIds) : null;
  const siens = entree.arrets.filter((a) => !vus || vus.has(a.sinistreId));
  const enCours = [
    ...new Map(siens.filter((a) => a.debut <= auJour && auJour <= a.fin).map((a) => [a.sinistreId, a])).values(),
  ];

  const journal =
    enCours.length === 0
      ? []
      : calculerRemboursement({
          ...entree,
          arrets: arretsProlonges(entree.arrets, auJour, fin),
          salaires: salairesDroits,
          // The day before, to see a passage on the « as of » day itself.
          periode: { debut: addDays(auJour, -1), fin },
          sinistreIds: enCours.map((a) => a.sinistreId),
          deces: null,
        }).journal;
  const sinistres = enCours.map((enCoursA): PrevisionDroits => {
    const finArretConnue = arretEnCours(entree.arrets, enCoursA.sinistreId, auJour).at(-1)!.fin;
    const parJour = joursDuJournal(journal.filter((s) => s.sinistreId === enCoursA.sinistreId)).map((j) => ({
      jour: j.jour,
      situation: situationDeRegle(j.regle),
    }));
    const evenement = (date: string | null): EvenementDroits | null =>
      date ? { date, dansArretConnu: date <= finArretConnue } : null;
    return {
      sinistreId: enCoursA.sinistreId,
      categorie: enCoursA.categorie,
      finArretConnue,
      situation: parJour.find((j) => j.jour === auJour)?.situation ?? null,
      demiTraitement: evenement(premierPassage(parJour, ['plein'], 'demi', auJour)),
      finDroits: evenement(premierPassage(parJour, ['plein', 'demi'], 'epuise', auJour)),
    };
  });

  const connus = siens.filter((a) => a.debut <= fin && a.fin >= auJour);
  if (connus.length === 0 || salaireInconnu)
    return {
      sinistres,
      cout: { maintenuCentimes: 0, rembourseCentimes: 0, resteAChargeCentimes: 0, salaireInconnu },
    };
  const couts = { ...entree, salaires, sinistreIds: [...new Set(connus.map((a) => a.sinistreId))], deces: null };
  const cout = calculerRemboursement({ ...couts, periode: { debut: auJour, fin } });
  const mois = calculerRemboursement({ ...couts, periode: { debut: `${auJour.slice(0, 7)}-01`, fin } });
  const maintenu = payeMaintenue(mois.journal, salaires, auJour);
  return {
    sinistres,
    cout: {
      maintenuCentimes: maintenu,
      rembourseCentimes: cout.totaux.rembourse,
      resteAChargeCentimes: maintenu - cout.totaux.rembourse,
      salaireInconnu: false,
    },
  };
}
