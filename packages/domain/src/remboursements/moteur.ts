import { addMonths } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { chainesArrets, formatMois } from '../gestion/chaines.rules.js';
import { finPeriodeRemboursable } from '../gestion/controles-medicaux.rules.js';
import { TPT_JOURS_MAX } from '../sinistres/arrets.rules.js';
import { civilDuJour, isoDuJour, jourIndex, joursDansMois, unAnAvant } from './jours.js';
import {
  type AntecedentMoteur,
  type ArretMoteur,
  type CapitalDeces,
  type ContratMoteur,
  type ElementRemboursable,
  type EntreeMoteur,
  FRACTION_SCALE,
  type GarantieMoteur,
  type IjssMoteur,
  type LigneElement,
  type MoisRemboursement,
  type MotifJour,
  type RegleJour,
  type ResultatRemboursement,
  type SalaireMois,
  type SegmentJournal,
} from './moteur.types.js';

/** Certificates starting on or after this day pay « plein traitement » at 90 % (§6.1.4). */
export const DEBUT_PLEIN_TRAITEMENT_90 = '2025-03-01';
const PLEIN = FRACTION_SCALE;
const PLEIN_90 = (FRACTION_SCALE * 9) / 10;
const DEMI = FRACTION_SCALE / 2;

/** Rights in days at full then half pay (§6.1.4–6); a month is 30 days. */
export const DROITS_MO_FONCTIONNAIRE = { plein: 90, demi: 270 } as const;
/** Contractuel's MO rights by complete months of service at the certificate's start (§6.1.5), longest first. */
export const DROITS_MO_CONTRACTUEL = [
  { moisService: 36, plein: 90, demi: 90 },
  { moisService: 24, plein: 60, demi: 60 },
  { moisService: 4, plein: 30, demi: 30 },
] as const;
export const DROITS_LONGS: Partial<Record<TRisque, { plein: number; demi: number }>> = {
  clm: { plein: 365, demi: 730 },
  cld: { plein: 1095, demi: 730 },
  cgm: { plein: 365, demi: 730 },
};
/** A contractuel needs 36 months of service at the chain's start for a paid CGM (§6.1.6, §10). */
export const CGM_MOIS_SERVICE = 36;
/** Accident du travail of a contractuel: full pay 1, 2 or 3 months by service length (§6.1.17), longest first. */
export const DROITS_AT_CONTRACTUEL = [
  { moisService: 36, plein: 90 },
  { moisService: 12, plein: 60 },
  { moisService: 0, plein: 30 },
] as const;
/** An arrêt sent more than this many days after its start is late (§6.1.10). */
export const ENVOI_DELAI_JOURS = 2;
/** A second late sending within this many months of the first halves pay. */
export const ENVOI_RECIDIVE_MOIS = 24;
/** One ALD carence per this many months (§6.1.3). */
export const CARENCE_ALD_MOIS = 36;

const MO: TRisque = 'maladie_ordinaire';
const CITIS: readonly TRisque[] = ['accident_service', 'accident_trajet', 'maladie_professionnelle'];
/** Categories whose days are counted over the agent's history (rolling year or rights used). */
const COMPTEES: readonly TRisque[] = [MO, 'clm', 'cld', 'cgm', 'tpt'];

/** 10 000 hundredths of a percent: the RI and CP percentages' whole. */
const PCT_WHOLE = 10_000n;
/** Every amount of a month is a numerator over this: 30 trentièmes × fraction scale × RI/CP scale. */
const DENOMINATEUR = 30n * BigInt(FRACTION_SCALE) * PCT_WHOLE;

/** Complete months from `debut` to `jour` (31/01 → 28/02 is one month, as addMonths clamps). */
export function moisComplets(debut: string, jour: string): number {
  if (jour < debut) return -1;
  const [yd, md, dd] = [Number(debut.slice(0, 4)), Number(debut.slice(5, 7)), Number(debut.slice(8, 10))];
  const [yj, mj, dj] = [Number(jour.slice(0, 4)), Number(jour.slice(5, 7)), Number(jour.slice(8, 10))];
  const n = (yj - yd) * 12 + mj - md;
  // n months after `debut` falls in the month of `jour`, on its day clamped to the month's end.
  return Math.min(dd, joursDansMois(yj, mj)) > dj ? n - 1 : n;
}

/** num / den rounded half-up, for non-negative BigInts. */
function arrondi(num: bigint, den: bigint): number {
  return Number((num * 2n + den) / (den * 2n));
}

/** a × b / den rounded half-up (non-negative integers): in doubles while exact, else BigInt. */
function produitArrondi(a: number, b: number, den: number): number {
  if (b !== 0 && a > Number.MAX_SAFE_INTEGER / b) return arrondi(BigInt(a) * BigInt(b), BigInt(den));
  const num = a * b;
  let q = Math.floor(num / den);
  let r = num - q * den;
  if (r < 0) {
    q--;
    r += den;
  } else if (r >= den) {
    q++;
    r -= den;
  }
  return 2 * r >= den ? q + 1 : q;
}

type Chaine = {
  sinistreId: string;
  index: number;
  debut: string;
  fin: string;
  arrets: ArretMoteur[];
  contrat: ContratMoteur | null;
  /** First day that pays nothing after an unjustified contre-visite (day number), else +∞. */
  coupure: number;
  carence: boolean;
  /** Franchise rank of the day before the chain (franchise per sinistre continues across chains). */
  rangDepart: number;
};

/** A per-category day count over the agent's history, O(1) per question. */
class Compteur {
  readonly cumul: Int32Array;
  constructor(
    private readonly origine: number,
    marques: Uint8Array,
  ) {
    this.cumul = new Int32Array(marques.length + 1);
    for (let i = 0; i < marques.length; i++) this.cumul[i + 1] = this.cumul[i]! + marques[i]!;
  }
  /** Days counted in [a, b). */
  entre(a: number, b: number): number {
    const ia = Math.max(0, Math.min(this.cumul.length - 1, a - this.origine));
    const ib = Math.max(0, Math.min(this.cumul.length - 1, b - this.origine));
    return ib > ia ? this.cumul[ib]! - this.cumul[ia]! : 0;
  }
}

/** Everything the loop needs about one arrêt, computed once. */
type ArretPrepare = {
  arret: ArretMoteur;
  debut: number;
  fin: number;
  /** Full pay fraction of an MO certificate: 90 % from 1 March 2025. */
  plein: number;
  /** Contractuel's MO rights for this certificate (null: fonctionnaire). */
  droitsMo: { plein: number; demi: number } | null;
  /** Days before this one pay nothing (late declaration); +∞ when the whole arrêt is refused. */
  recuLe: number;
  /** Days in [debut, demiJusqua) pay half (second late sending). */
  demiJusqua: number;
};

type Groupe = {
  sinistreId: string;
  contratId: string;
  mois: string;
  joursDuMois: number;
  comptes: number;
  remboursementPct: number;
  /** pct → fraction → trentièmes, for TBI-like and SFT-like elements; IJSS per pct. */
  parts: Map<number, { traitement: Map<number, number>; accessoires: Map<number, number>; ijss: number }>;
  /** The month's last counted segment, in or out of the period: it takes the 30/30 difference. */
  dernier: { segment: SegmentJournal; pct: number; dansPeriode: boolean } | null;
  contrat: ContratMoteur;
  salaire: SalaireMois;
  /** Whether a counted day of the month lies in the costed period (else the month is not reported). */
  dansPeriode: boolean;
};

/**
 * Costs the period of an agent's sinistres (issue 10, domain §6, §6.1): the day ledger (compacted
 * into runs), the months per sinistre and contract with their lines per insured element, IJSS,
 * and what the insurer pays, rounded half-up per month. Linear in the agent's history: the
 * rolling-year and rights counts are prefix sums over day numbers.
 */
export function calculerRemboursement(entree: EntreeMoteur): ResultatRemboursement {
  const alertes: string[] = [];
  const contractuel = entree.agent.statut === 'contractuel';
  const debutService = entree.agent.debutService ?? null;
  const periodeDebut = jourIndex(entree.periode.debut);
  const periodeFin = jourIndex(entree.periode.fin);
  const coutes = entree.sinistreIds ? new Set(entree.sinistreIds) : null;
  const contratDu = (jour: string) => entree.contrats.find((c) => c.debut <= jour && jour <= c.fin) ?? null;

  const { parSinistre, chaines } = chainesDeLAgent(entree, contratDu);
  marquerCarences(chaines);
  const { origine, haut, compteurs } = compteursDeJours(chaines, entree.antecedents ?? [], periodeDebut, periodeFin);
  const aucun = new Compteur(origine, new Uint8Array(0));
  const ijssEntre = ijssCumules(entree.ijss ?? [], origine, haut);
  const demiJusqua = envoisTardifs(entree, coutes, alertes);

  const prepare = (a: ArretMoteur, contrat: ContratMoteur | null): ArretPrepare => {
    const debut = jourIndex(a.debut);
    let droitsMo: ArretPrepare['droitsMo'] = null;
    if (contractuel && a.categorie === MO) {
      const mois = debutService ? moisComplets(debutService, a.debut) : -1;
      droitsMo = DROITS_MO_CONTRACTUEL.find((d) => mois >= d.moisService) ?? { plein: 0, demi: 0 };
    }
    let recuLe = debut;
    const g = contrat?.garanties[a.categorie];
    if (g && a.dateReception && jourIndex(a.dateReception) - debut > g.delaiDeclarationJours)
      recuLe = contrat!.declarationTardive === 'refus' ? Number.POSITIVE_INFINITY : jourIndex(a.dateReception);
    return {
      arret: a,
      debut,
      fin: jourIndex(a.fin),
      plein: a.debut >= DEBUT_PLEIN_TRAITEMENT_90 ? PLEIN_90 : PLEIN,
      droitsMo,
      recuLe,
      demiJusqua: demiJusqua.get(a.id) ?? debut,
    };
  };

  const journal: SegmentJournal[] = [];
  const groupes = new Map<string, Groupe>();
  const salaireManquant = new Set<string>();
  // Accident du travail of a contractuel: full pay counted per sinistre from its first day.
  const droitsAt = new Map<string, number>();
  const joursAt = new Map<string, number>();

  /** A closed run goes to the ledger (in the period) and, when counted, to its month. */
  const fermer = (
    s: SegmentJournal,
    debutJ: number,
    dansPeriode: boolean,
    contrat: ContratMoteur | null,
    remboursementPct: number,
  ) => {
    if (dansPeriode) journal.push(s);
    if (s.motif !== 'couvert' || !contrat) return;
    const mois = s.debut.slice(0, 7);
    const cle = `${s.sinistreId}|${contrat.contratId}|${mois}`;
    let g = groupes.get(cle);
    if (!g) {
      g = {
        sinistreId: s.sinistreId,
        contratId: contrat.contratId,
        mois,
        joursDuMois: joursDansMois(Number(mois.slice(0, 4)), Number(mois.slice(5, 7))),
        comptes: 0,
        remboursementPct,
        parts: new Map(),
        dernier: null,
        contrat,
        salaire: entree.salaires[mois]!,
        dansPeriode: false,
      };
      groupes.set(cle, g);
    }
    g.comptes += s.jours;
    if (!g.dernier || s.fin > g.dernier.segment.fin) g.dernier = { segment: s, pct: remboursementPct, dansPeriode };
    if (!dansPeriode) return;
    g.dansPeriode = true;
    g.remboursementPct = remboursementPct;
    let part = g.parts.get(remboursementPct);
    if (!part) {
      part = { traitement: new Map(), accessoires: new Map(), ijss: 0 };
      g.parts.set(remboursementPct, part);
    }
    part.traitement.set(s.fractionTraitement, (part.traitement.get(s.fractionTraitement) ?? 0) + s.trentiemes);
    part.accessoires.set(s.fractionAccessoires, (part.accessoires.get(s.fractionAccessoires) ?? 0) + s.trentiemes);
    part.ijss += ijssEntre(debutJ, debutJ + s.jours - 1);
  };

  for (const c of chaines) {
    if (coutes && !coutes.has(c.sinistreId)) continue;
    if (c.debut > entree.periode.fin) continue;
    // A chain over before the period only matters to a contractuel's accident du travail, whose
    // full-pay month is counted along the whole sinistre (the other counts are prefix sums).
    if (c.fin < entree.periode.debut && !(contractuel && CITIS.includes(c.arrets[0]!.categorie))) continue;
    if (!c.contrat)
      alertes.push(
        `Aucun contrat en vigueur le ${formatDate(c.debut)}, premier jour de l’arrêt : il n’est pas couvert.`,
      );
    let rang = c.rangDepart;
    let premierJour = true;
    for (const a of c.arrets) {
      const p = prepare(a, c.contrat);
      const categorie = a.categorie;
      const garantie: GarantieMoteur | undefined = c.contrat?.garanties[categorie];
      const couverte = !!garantie?.couvert;
      const franchiseJours = garantie?.franchiseNombre ?? 0;
      const pct = garantie?.remboursementPct ?? 0;
      const compteur = compteurs.get(categorie) ?? aucun;
      const droitsLongs = DROITS_LONGS[categorie];
      let sansDroitCgm = false;
      if (categorie === 'cgm' && contractuel)
        sansDroitCgm = !debutService || moisComplets(debutService, c.debut) < CGM_MOIS_SERVICE;
      const citisContractuel = contractuel && CITIS.includes(categorie);
      if (citisContractuel && !droitsAt.has(c.sinistreId)) {
        const premier = parSinistre
          .get(c.sinistreId)!
          .map((x) => x.debut)
          .sort()[0]!;
        const mois = debutService ? moisComplets(debutService, premier) : 0;
        droitsAt.set(c.sinistreId, (DROITS_AT_CONTRACTUEL.find((d) => mois >= d.moisService) ?? { plein: 30 }).plein);
      }
      const quotite = a.quotiteTpt ?? null;
      if (categorie === 'tpt' && !quotite)
        alertes.push(`Temps partiel thérapeutique du ${formatDate(a.debut)} sans quotité : non remboursé.`);

      let [y, m, d] = civilDuJour(p.debut);
      let dim = joursDansMois(y, m);
      let cleMois = `${y}-${m < 10 ? '0' : ''}${m}`;
      let salaire = entree.salaires[cleMois];
      let s: SegmentJournal | null = null;
      let sDedans = false;
      let sDebutJ = 0;
      const clore = (segment: SegmentJournal) => {
        segment.fin = isoDuJour(sDebutJ + segment.jours - 1);
        fermer(segment, sDebutJ, sDedans, c.contrat, pct);
      };
      for (let j = p.debut; j <= p.fin; j++) {
        rang++;
        const carence = premierJour && c.carence;
        premierJour = false;
        const enFranchise = couverte && rang <= franchiseJours;
        // The pay rule of the day, whatever else stops the payment.
        let regle: RegleJour = 'sans_regle';
        let ft = 0;
        let fa = -1;
        let annee: number | null = null;
        if (categorie === MO) {
          const n = compteur.entre(unAnAvant(y, m, d) + 1, j);
          annee = n;
          const droits = p.droitsMo ?? DROITS_MO_FONCTIONNAIRE;
          if (droits.plein === 0) regle = 'mo_contractuel_sans_droit';
          else if (n < droits.plein) {
            ft = p.plein;
            regle = p.plein === PLEIN ? 'mo_plein_100' : 'mo_plein_90';
          } else if (n < droits.plein + droits.demi) {
            ft = DEMI;
            regle = 'mo_demi';
          } else regle = 'mo_epuise';
        } else if (droitsLongs) {
          const n = compteur.entre(origine, j);
          if (sansDroitCgm) regle = 'cgm_sans_droit';
          else if (n < droitsLongs.plein) {
            ft = PLEIN;
            regle = `${categorie as 'clm' | 'cld' | 'cgm'}_plein`;
          } else if (n < droitsLongs.plein + droitsLongs.demi) {
            ft = DEMI;
            regle = `${categorie as 'clm' | 'cld' | 'cgm'}_demi`;
          } else regle = 'droits_epuises';
        } else if (citisContractuel) {
          const n = joursAt.get(c.sinistreId) ?? 0;
          joursAt.set(c.sinistreId, n + 1);
          if (n < droitsAt.get(c.sinistreId)!) {
            ft = PLEIN;
            regle = 'at_contractuel_plein';
          } else regle = 'at_contractuel_epuise';
        } else if (CITIS.includes(categorie)) {
          ft = PLEIN;
          regle = 'citis_plein';
        } else if (categorie === 'maternite') {
          ft = PLEIN;
          regle = 'maternite_plein';
        } else if (categorie === 'tpt') {
          if (quotite && compteur.entre(origine, j) < TPT_JOURS_MAX) {
            ft = (100 - quotite) * (FRACTION_SCALE / 100);
            fa = ft;
            regle = 'tpt';
          } else if (quotite) regle = 'droits_epuises';
        } else if (categorie === 'disponibilite_office') regle = 'disponibilite_office';
        if (fa < 0) fa = ft > 0 ? PLEIN : 0;
        let demi = j < p.demiJusqua && ft > 0;
        if (demi) {
          ft /= 2;
          fa /= 2;
        }
        let motif: MotifJour;
        if (!couverte) motif = 'non_couvert';
        else if (j >= c.coupure) motif = 'contre_visite';
        else if (j < p.recuLe) motif = 'declaration_tardive';
        else if (carence) motif = 'carence';
        else if (ft === 0) motif = 'non_remunere';
        else if (!salaire) {
          motif = 'non_remunere';
          regle = 'salaire_manquant';
        } else if (enFranchise) motif = 'franchise';
        else motif = 'couvert';
        if (motif !== 'couvert') {
          ft = 0;
          fa = 0;
          demi = false;
        }

        // Days out of the period are costed too (a month's 30/30 needs them) but not reported.
        const dedans = j >= periodeDebut && j <= periodeFin;
        if (dedans && regle === 'salaire_manquant') salaireManquant.add(cleMois);
        if (
          s &&
          sDedans === dedans &&
          s.motif === motif &&
          s.regle === regle &&
          s.franchise === enFranchise &&
          s.carence === carence &&
          s.fractionTraitement === ft &&
          s.fractionAccessoires === fa &&
          s.envoiTardif === demi
        ) {
          s.jours++;
          if (motif === 'couvert') s.trentiemes++;
        } else {
          if (s) clore(s);
          sDedans = dedans;
          sDebutJ = j;
          s = {
            debut: isoDuJour(j),
            fin: '',
            jours: 1,
            trentiemes: motif === 'couvert' ? 1 : 0,
            sinistreId: c.sinistreId,
            arretId: a.id,
            categorie,
            contratId: c.contrat?.contratId ?? null,
            chaine: c.index,
            motif,
            regle,
            franchise: enFranchise,
            rangFranchise: enFranchise ? rang : null,
            franchiseJours,
            carence,
            fractionTraitement: ft,
            fractionAccessoires: fa,
            envoiTardif: demi,
            joursAnneeGlissante: annee,
          };
        }
        // Next calendar day; a new month closes the run (trentièmes are counted per month).
        if (++d > dim) {
          d = 1;
          if (++m > 12) {
            m = 1;
            y++;
          }
          dim = joursDansMois(y, m);
          cleMois = `${y}-${m < 10 ? '0' : ''}${m}`;
          salaire = entree.salaires[cleMois];
          if (s) {
            clore(s);
            s = null;
          }
        }
      }
      if (s) clore(s);
    }
  }
  for (const mois of salaireManquant)
    alertes.push(`Éléments de salaire de ${formatMois(mois)} manquants : les jours de ce mois ne sont pas remboursés.`);

  const mois = [...groupes.values()].filter((g) => g.dansPeriode).map(ligneDuMois);
  mois.sort(
    (a, b) =>
      a.mois.localeCompare(b.mois) ||
      a.sinistreId.localeCompare(b.sinistreId) ||
      a.contratId.localeCompare(b.contratId),
  );
  journal.sort((a, b) => a.debut.localeCompare(b.debut));

  const capitaux: CapitalDeces[] = [];
  const deces = entree.deces;
  if (
    deces &&
    (!coutes || coutes.has(deces.sinistreId)) &&
    deces.date >= entree.periode.debut &&
    deces.date <= entree.periode.fin
  ) {
    const contrat = contratDu(deces.date);
    const garantie = contrat?.garanties.deces;
    if (contrat && garantie?.couvert && contrat.capitalDecesCentimes)
      capitaux.push({
        sinistreId: deces.sinistreId,
        contratId: contrat.contratId,
        date: deces.date,
        montant: arrondi(BigInt(contrat.capitalDecesCentimes) * BigInt(garantie.remboursementPct), 100n),
      });
    else alertes.push(`Décès du ${formatDate(deces.date)} : aucun capital décès garanti par le contrat en vigueur.`);
  }

  let joursFranchise = 0;
  let joursCarence = 0;
  let joursCouverts = 0;
  for (const s of journal) {
    if (s.franchise) joursFranchise += s.jours;
    if (s.carence) joursCarence += s.jours;
    if (s.motif === 'couvert') joursCouverts += s.jours;
  }
  return {
    journal,
    mois,
    capitaux,
    totaux: {
      brut: mois.reduce((n, l) => n + l.brut, 0),
      ijss: mois.reduce((n, l) => n + l.ijss, 0),
      rembourse: mois.reduce((n, l) => n + l.rembourse, 0) + capitaux.reduce((n, c) => n + c.montant, 0),
      joursFranchise,
      joursCarence,
      joursCouverts,
    },
    alertes,
  };
}

/**
 * The chains of every sinistre of the agent (§6.1.1), sorted by start: each with the contract in
 * force on its first day (§6.1.11), its contre-visite cut-off (§6.1.9) and, for a franchise counted
 * « par sinistre », the franchise rank already reached by the sinistre's earlier chains.
 */
function chainesDeLAgent(entree: EntreeMoteur, contratDu: (jour: string) => ContratMoteur | null) {
  const parSinistre = new Map<string, ArretMoteur[]>();
  for (const a of entree.arrets) {
    const liste = parSinistre.get(a.sinistreId);
    if (liste) liste.push(a);
    else parSinistre.set(a.sinistreId, [a]);
  }
  const chaines: Chaine[] = [];
  for (const [sinistreId, arrets] of parSinistre) {
    let rang = 0;
    chainesArrets(arrets).forEach((c, index) => {
      const contrat = contratDu(c.debut);
      const cv = (entree.contreVisites ?? [])
        .filter(
          (v) => v.sinistreId === sinistreId && v.injustifieAPartirDu >= c.debut && v.injustifieAPartirDu <= c.fin,
        )
        .map((v) => ({
          type: 'contre_visite' as const,
          date: v.injustifieAPartirDu,
          resultat: 'non_justifie' as const,
          injustifieAPartirDu: v.injustifieAPartirDu,
        }));
      // Most chains have no contre-visite: skip building the French message of the common case.
      const fin = cv.length > 0 ? finPeriodeRemboursable(c, cv) : null;
      const coupure = !fin?.interrompue
        ? Number.POSITIVE_INFINITY
        : fin.fin === null
          ? jourIndex(c.debut)
          : jourIndex(fin.fin) + 1;
      const premier = c.arrets[0]!;
      const parSinistreUnite = contrat?.garanties[premier.categorie]?.franchiseUnite === 'jours_fermes_par_sinistre';
      chaines.push({
        sinistreId,
        index,
        debut: c.debut,
        fin: c.fin,
        arrets: [...c.arrets].sort((x, y) => x.debut.localeCompare(y.debut)),
        contrat,
        coupure,
        carence: false,
        rangDepart: parSinistreUnite ? rang : 0,
      });
      rang += c.arrets.reduce((n, a) => n + jourIndex(a.fin) - jourIndex(a.debut) + 1, 0);
    });
  }
  chaines.sort((a, b) => a.debut.localeCompare(b.debut));
  return { parSinistre, chaines };
}

/** Carence (§6.1.3): the first day of each MO chain, except pregnancy and an ALD within 3 years. */
function marquerCarences(chaines: Chaine[]) {
  let derniereCarenceAld: string | null = null;
  for (const c of chaines) {
    const premier = c.arrets[0]!;
    if (premier.categorie !== MO || premier.grossesse) continue;
    if (premier.ald) {
      if (derniereCarenceAld && c.debut < addMonths(derniereCarenceAld, CARENCE_ALD_MOIS)) continue;
      derniereCarenceAld = c.debut;
    }
    c.carence = true;
  }
}

/**
 * Day counts per category over the whole history, antécédents included, days after an unjustified
 * contre-visite excluded: prefix sums from `origine` (a year before the first day) to `haut`.
 */
function compteursDeJours(
  chaines: readonly Chaine[],
  antecedents: readonly AntecedentMoteur[],
  periodeDebut: number,
  periodeFin: number,
) {
  let bas = periodeDebut;
  let haut = periodeFin;
  const periodes: { categorie: TRisque; debut: number; fin: number }[] = [];
  for (const c of chaines)
    for (const a of c.arrets)
      periodes.push({
        categorie: a.categorie,
        debut: jourIndex(a.debut),
        fin: Math.min(jourIndex(a.fin), c.coupure - 1),
      });
  for (const a of antecedents)
    periodes.push({ categorie: a.categorie, debut: jourIndex(a.debut), fin: jourIndex(a.fin) });
  for (const p of periodes) {
    if (p.debut < bas) bas = p.debut;
    if (p.fin > haut) haut = p.fin;
  }
  const origine = bas - 370;
  const compteurs = new Map<TRisque, Compteur>();
  for (const categorie of COMPTEES) {
    const concernees = periodes.filter((p) => p.categorie === categorie);
    if (concernees.length === 0) continue;
    // Marks, not additions: an antécédent overlapping an arrêt counts its days once.
    const marques = new Uint8Array(haut - origine + 2);
    for (const p of concernees) marques.fill(1, p.debut - origine, p.fin - origine + 1);
    compteurs.set(categorie, new Compteur(origine, marques));
  }
  return { origine, haut, compteurs };
}

/**
 * IJSS per day (§6.1.14) as prefix sums: the IJSS of days [a, b] in O(1). A period's amount is
 * spread over its calendar days in whole cents, the remainder on its first days.
 */
function ijssCumules(ijss: readonly IjssMoteur[], origine: number, haut: number) {
  const parJour = new Float64Array(haut - origine + 2);
  for (const p of ijss) {
    const d = jourIndex(p.debut);
    const f = jourIndex(p.fin);
    const n = f - d + 1;
    if (n <= 0) continue;
    const base = 'montantJournalier' in p ? p.montantJournalier : Math.floor(p.montantPeriode / n);
    const reste = 'montantJournalier' in p ? 0 : p.montantPeriode - base * n;
    for (let j = Math.max(d, origine); j <= Math.min(f, haut); j++)
      parJour[j - origine] = parJour[j - origine]! + base + (j - d < reste ? 1 : 0);
  }
  const cumul = new Float64Array(parJour.length + 1);
  for (let i = 0; i < parJour.length; i++) cumul[i + 1] = cumul[i]! + parJour[i]!;
  return (a: number, b: number) => cumul[b + 1 - origine]! - cumul[a - origine]!;
}

/**
 * Late sending (§6.1.10): arrêt id → first day no longer halved, for a late arrêt starting within
 * 24 months of the start of an earlier late one; the first late sending of the period is a warning.
 */
function envoisTardifs(entree: EntreeMoteur, coutes: ReadonlySet<string> | null, alertes: string[]) {
  const demiJusqua = new Map<string, number>();
  let dernierRetard: ArretMoteur | null = null;
  for (const a of [...entree.arrets].sort((x, y) => x.debut.localeCompare(y.debut))) {
    if (!a.dateEnvoi || jourIndex(a.dateEnvoi) - jourIndex(a.debut) <= ENVOI_DELAI_JOURS) continue;
    if (dernierRetard && a.debut < addMonths(dernierRetard.debut, ENVOI_RECIDIVE_MOIS))
      demiJusqua.set(a.id, jourIndex(a.dateEnvoi));
    else if ((!coutes || coutes.has(a.sinistreId)) && a.fin >= entree.periode.debut && a.debut <= entree.periode.fin)
      alertes.push(
        `Arrêt du ${formatDate(a.debut)} envoyé le ${formatDate(a.dateEnvoi)}, plus de ${ENVOI_DELAI_JOURS} jours après son début : avertissement (un nouveau retard dans les ${ENVOI_RECIDIVE_MOIS} mois réduira le traitement de moitié).`,
      );
    dernierRetard = a;
  }
  return demiJusqua;
}

const TRAITEMENT: readonly ElementRemboursable[] = ['tbi', 'nbi', 'ri', 'cp'];

/**
 * A month's amounts (§6.1.8, §6.1.13–15): a month every day of which is counted weighs 30/30, its
 * last counted day taking the difference; each element = monthly amount × trentièmes / 30 × fraction,
 * exact (a numerator over DENOMINATEUR); net = max(0, pay − IJSS); paid = net × %, half-up to the cent.
 */
function ligneDuMois(g: Groupe): MoisRemboursement {
  if (g.comptes === g.joursDuMois && g.dernier?.dansPeriode) {
    const ajustement = 30 - g.joursDuMois;
    const { segment: s, pct } = g.dernier;
    s.trentiemes += ajustement;
    const part = g.parts.get(pct)!;
    part.traitement.set(s.fractionTraitement, part.traitement.get(s.fractionTraitement)! + ajustement);
    part.accessoires.set(s.fractionAccessoires, part.accessoires.get(s.fractionAccessoires)! + ajustement);
  }
  const salaire = { nbi: 0, sft: 0, ir: 0, ...g.salaire };
  const insures = new Set<ElementRemboursable>(['tbi', ...g.contrat.elements]);
  // Monthly amount of each element as a numerator over PCT_WHOLE (RI and CP are TBI × percentage).
  const whole = Number(PCT_WHOLE);
  const mensuels: [ElementRemboursable, number][] = [['tbi', salaire.tbi * whole]];
  if (insures.has('nbi')) mensuels.push(['nbi', salaire.nbi * whole]);
  if (insures.has('ri') && g.contrat.riPct) mensuels.push(['ri', salaire.tbi * g.contrat.riPct]);
  if (insures.has('cp') && g.contrat.cpPct) mensuels.push(['cp', salaire.tbi * g.contrat.cpPct]);
  if (insures.has('sft')) mensuels.push(['sft', salaire.sft * whole]);
  if (insures.has('ir')) mensuels.push(['ir', salaire.ir * whole]);
  let mensuelTraitement = 0n;
  let mensuelAccessoires = 0n;
  for (const [element, mensuel] of mensuels)
    if (TRAITEMENT.includes(element)) mensuelTraitement += BigInt(mensuel);
    else mensuelAccessoires += BigInt(mensuel);

  // Per reimbursement rate: pay = Σ monthly × Σ (trentièmes × fraction), exact; net = max(0, pay − IJSS).
  let brutTotal = 0n;
  let ijssTotal = 0;
  let rembourseNum = 0n;
  const poids = (fractions: Map<number, number>) => {
    let w = 0;
    for (const [fraction, trentiemes] of fractions) w += fraction * trentiemes;
    return BigInt(w);
  };
  const parLigne = new Map<string, LigneElement>();
  for (const [pct, part] of g.parts) {
    const brut = mensuelTraitement * poids(part.traitement) + mensuelAccessoires * poids(part.accessoires);
    const ijss = BigInt(part.ijss) * DENOMINATEUR;
    brutTotal += brut;
    ijssTotal += part.ijss;
    rembourseNum += (brut > ijss ? brut - ijss : 0n) * BigInt(pct);
    for (const [element, mensuel] of mensuels) {
      const fractions = TRAITEMENT.includes(element) ? part.traitement : part.accessoires;
      for (const [fraction, trentiemes] of fractions) {
        if (fraction === 0 || trentiemes === 0) continue;
        const cle = `${element}|${fraction}`;
        const ligne = parLigne.get(cle);
        if (ligne) ligne.trentiemes += trentiemes;
        else
          parLigne.set(cle, { element, fraction, trentiemes, mensuel: produitArrondi(mensuel, 1, whole), montant: 0 });
      }
    }
  }
  // Lines are for reading: each rounded on its own; the month's amount comes from the exact sum.
  const lignes = [...parLigne.values()].map((l) => ({
    ...l,
    montant: produitArrondi(
      mensuels.find(([e]) => e === l.element)![1],
      l.trentiemes * l.fraction,
      Number(DENOMINATEUR),
    ),
  }));
  lignes.sort(
    (a, b) => ELEMENTS_ORDRE.indexOf(a.element) - ELEMENTS_ORDRE.indexOf(b.element) || b.fraction - a.fraction,
  );
  const ijssNum = BigInt(ijssTotal) * DENOMINATEUR;
  return {
    sinistreId: g.sinistreId,
    contratId: g.contratId,
    mois: g.mois,
    remboursementPct: g.remboursementPct,
    trentiemes: [...g.parts.values()].reduce((n, p) => n + [...p.traitement.values()].reduce((x, y) => x + y, 0), 0),
    lignes,
    brut: arrondi(brutTotal, DENOMINATEUR),
    ijss: ijssTotal,
    net: arrondi(brutTotal > ijssNum ? brutTotal - ijssNum : 0n, DENOMINATEUR),
    rembourse: arrondi(rembourseNum, DENOMINATEUR * 100n),
  };
}

const ELEMENTS_ORDRE: readonly ElementRemboursable[] = ['tbi', 'nbi', 'ri', 'cp', 'sft', 'ir'];
