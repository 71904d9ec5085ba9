import { addDays } from '../common/dates.js';
import { FRACTION_SCALE, type MotifJour, type RegleJour, type SegmentJournal } from './moteur.types.js';

/** « 90 % », « 45 % », « 12,5 % » (no-break space before %). */
function pourcent(fraction: number): string {
  return `${((fraction * 100) / FRACTION_SCALE).toLocaleString('fr-FR', { maximumFractionDigits: 2 })}\u00a0%`;
}

const REGLES: Record<RegleJour, string> = {
  mo_plein_100: 'plein traitement, arrêt débuté avant le 1er mars 2025',
  mo_plein_90: 'plein traitement réduit, arrêt débuté à compter du 1er mars 2025',
  mo_demi: 'demi-traitement, 90 jours de plein traitement atteints sur l’année glissante',
  mo_epuise: 'droits à congé de maladie ordinaire épuisés sur l’année glissante',
  mo_contractuel_sans_droit: 'moins de 4 mois de services : aucun traitement maintenu (indemnités journalières seules)',
  clm_plein: 'congé de longue maladie à plein traitement',
  clm_demi: 'congé de longue maladie à demi-traitement',
  cld_plein: 'congé de longue durée à plein traitement',
  cld_demi: 'congé de longue durée à demi-traitement',
  cgm_plein: 'congé de grave maladie à plein traitement',
  cgm_demi: 'congé de grave maladie à demi-traitement',
  droits_epuises: 'droits épuisés',
  cgm_sans_droit: 'moins de 3 ans de services : pas de congé de grave maladie rémunéré',
  citis_plein: 'plein traitement, congé pour invalidité temporaire imputable au service',
  at_contractuel_plein: 'plein traitement, accident du travail d’un agent contractuel',
  at_contractuel_epuise: 'plein traitement de l’accident du travail épuisé (indemnités journalières seules)',
  maternite_plein: 'plein traitement, congé de maternité, de paternité ou d’adoption',
  tpt: 'temps partiel thérapeutique, part non travaillée',
  disponibilite_office: 'disponibilité d’office : aucun traitement',
  salaire_manquant: 'éléments de salaire du mois manquants',
  sans_regle: 'aucun traitement prévu pour cette catégorie',
};

const MOTIFS: Record<Exclude<MotifJour, 'couvert' | 'franchise' | 'carence' | 'non_remunere'>, string> = {
  non_couvert: 'risque non couvert par le contrat en vigueur au premier jour de l’arrêt',
  contre_visite: 'arrêt jugé non justifié par le contrôle médical',
  declaration_tardive: 'arrêt déclaré après le délai du contrat',
};

/**
 * The ledger in plain French for « Pourquoi ce montant ? » (issue 10), one sentence per stretch:
 * the franchise of a chain in one sentence (« du 03/03 au 17/03 : franchise de 15 jours »), the jour
 * de carence, then each run of paid or unpaid days merged across certificates within a month
 * (« du 18/03 au 31/03 : 14/30 à 90 % — plein traitement réduit, arrêt débuté à compter du 1er mars
 * 2025 »); SFT and IR are named only when the contract insures them. Dates as « 18/03 » when the ledger holds one year, « 18/03/2025 » otherwise.
 */
export function expliquerJournal(
  journal: readonly SegmentJournal[],
  options: { sftOuIrAssures?: boolean } = {},
): string[] {
  const tries = [...journal].sort((a, b) => a.debut.localeCompare(b.debut));
  const annees = new Set(tries.flatMap((s) => [s.debut.slice(0, 4), s.fin.slice(0, 4)]));
  const date = (iso: string) =>
    annees.size > 1
      ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
      : `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
  const periode = (debut: string, fin: string) => (debut === fin ? date(debut) : `du ${date(debut)} au ${date(fin)}`);
  const phrases: { debut: string; ordre: number; texte: string }[] = [];

  // Franchise: consecutive franchise days of one chain, across months and certificates.
  let franchise: { s: SegmentJournal; fin: string; jours: number } | null = null;
  const dire = (f: NonNullable<typeof franchise>) => {
    const premier = f.s.rangFranchise ?? 1;
    const entiere = premier === 1 && f.jours === f.s.franchiseJours;
    const jours = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;
    phrases.push({
      debut: f.s.debut,
      ordre: 0,
      texte: entiere
        ? `${periode(f.s.debut, f.fin)} : franchise de ${jours(f.s.franchiseJours)}`
        : `${periode(f.s.debut, f.fin)} : franchise (${jours(f.jours)} sur ${f.s.franchiseJours}, à partir du ${premier === 1 ? '1er' : `${premier}e`} jour d’arrêt)`,
    });
  };
  for (const s of tries) {
    if (!s.franchise) continue;
    if (
      franchise &&
      franchise.s.sinistreId === s.sinistreId &&
      franchise.s.chaine === s.chaine &&
      (s.rangFranchise ?? 0) === (franchise.s.rangFranchise ?? 0) + franchise.jours
    ) {
      franchise.fin = s.fin;
      franchise.jours += s.jours;
    } else {
      if (franchise) dire(franchise);
      franchise = { s, fin: s.fin, jours: s.jours };
    }
  }
  if (franchise) dire(franchise);

  // Other runs, merged within a month when only the certificate changes.
  let courant: { s: SegmentJournal; fin: string; trentiemes: number } | null = null;
  const memeRegle = (a: SegmentJournal, b: SegmentJournal) =>
    a.sinistreId === b.sinistreId &&
    a.motif === b.motif &&
    a.regle === b.regle &&
    a.carence === b.carence &&
    a.fractionTraitement === b.fractionTraitement &&
    a.fractionAccessoires === b.fractionAccessoires &&
    a.envoiTardif === b.envoiTardif;
  const direSegment = (c: NonNullable<typeof courant>) => {
    const { s } = c;
    const quand = periode(s.debut, c.fin);
    let texte: string;
    if (s.motif === 'carence') texte = `${quand} : jour de carence (maladie ordinaire), non rémunéré`;
    else if (s.motif === 'couvert') {
      const accessoires =
        options.sftOuIrAssures && s.fractionAccessoires !== s.fractionTraitement
          ? ` (SFT et IR à ${pourcent(s.fractionAccessoires)})`
          : '';
      const tardif = s.envoiTardif
        ? ' ; traitement réduit de moitié : arrêt envoyé en retard une deuxième fois en 24 mois'
        : '';
      texte = `${quand} : ${c.trentiemes}/30 à ${pourcent(s.fractionTraitement)}${accessoires} — ${REGLES[s.regle]}${tardif}`;
    } else if (s.motif === 'non_remunere') texte = `${quand} : non remboursé — ${REGLES[s.regle]}`;
    else texte = `${quand} : non remboursé — ${MOTIFS[s.motif as keyof typeof MOTIFS]}`;
    phrases.push({ debut: s.debut, ordre: 1, texte });
  };
  for (const s of tries) {
    if (s.motif === 'franchise') continue;
    if (
      courant &&
      memeRegle(courant.s, s) &&
      s.debut.slice(0, 7) === courant.s.debut.slice(0, 7) &&
      addDays(courant.fin, 1) === s.debut
    ) {
      courant.fin = s.fin;
      courant.trentiemes += s.trentiemes;
    } else {
      if (courant) direSegment(courant);
      courant = { s, fin: s.fin, trentiemes: s.trentiemes };
    }
  }
  if (courant) direSegment(courant);
  return phrases
    .sort((a, b) => a.debut.localeCompare(b.debut) || a.ordre - b.ordre)
    .map((p) => `${p.texte.charAt(0).toUpperCase()}${p.texte.slice(1)}.`);
}

/** The ledger day by day (one entry per calendar day), for whoever needs it expanded. */
export function joursDuJournal(journal: readonly SegmentJournal[]): (SegmentJournal & { jour: string })[] {
  return journal.flatMap((s) => Array.from({ length: s.jours }, (_, i) => ({ ...s, jour: addDays(s.debut, i) })));
}
