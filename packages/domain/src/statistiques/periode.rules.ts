import { addDays, addMonths, daysBetween } from '../common/dates.js';
import { formatDate } from '../common/format.js';

/** Inclusive span of ISO days. */
export type Intervalle = { debut: string; fin: string };

/** Calendar days of an inclusive span (0 when empty). */
export function joursIntervalle(i: Intervalle): number {
  return i.fin < i.debut ? 0 : daysBetween(i.debut, i.fin) + 1;
}

/** The common days of two spans, or null. */
export function intersection(a: Intervalle, b: Intervalle): Intervalle | null {
  const debut = [a.debut, b.debut].sort()[1]!; // the later start (ISO dates sort as text)
  const fin = [a.fin, b.fin].sort()[0]!; // the earlier end
  return debut <= fin ? { debut, fin } : null;
}

/**
 * Spans sorted and merged into disjoint ones (touching spans join: 01–10 and 11–20 make 01–20), so that a
 * day covered twice counts once.
 */
export function fusionner(spans: readonly Intervalle[]): Intervalle[] {
  const tries = [...spans].filter((s) => s.debut <= s.fin).sort((a, b) => a.debut.localeCompare(b.debut));
  const out: Intervalle[] = [];
  for (const s of tries) {
    const last = out[out.length - 1];
    if (last && s.debut <= addDays(last.fin, 1)) {
      if (s.fin > last.fin) last.fin = s.fin;
    } else out.push({ ...s });
  }
  return out;
}

/** The parts of `a` inside the disjoint sorted `within` spans. */
export function couper(a: Intervalle, within: readonly Intervalle[]): Intervalle[] {
  const out: Intervalle[] = [];
  for (const w of within) {
    const x = intersection(a, w);
    if (x) out.push(x);
  }
  return out;
}

/** The period asked for (API query, statistiques.schemas.ts). */
export type ChoixPeriode =
  /** A calendar year; the current one stops at the « as of » date. */
  | { type: 'annee'; annee: number }
  /** The 12 months ending on `fin` inclusive: 12 months glissants au 30/06/2024 = 01/07/2023 → 30/06/2024. */
  | { type: 'glissant'; fin: string }
  /** Any span, both ends inclusive. */
  | { type: 'personnalisee'; debut: string; fin: string };

/** A resolved period: what every count is cut to. */
export type Periode = Intervalle & {
  /** Calendar days from `debut` to `fin` inclusive: the « jours de la période » of the taux. */
  jours: number;
  /** The end asked for; `fin` is earlier when the period runs past the « as of » date. */
  finPrevue: string;
  /** True when the period was stopped at the « as of » date (running year). */
  enCours: boolean;
  /** « année 2024 », « année 2025 au 15/06/2025 », « 12 mois glissants du 01/07/2023 au 30/06/2024 ». */
  libelle: string;
  /** The day the figures are computed (the clock's): an arrêt still running is known up to it. */
  auJour: string;
};

export type PeriodeProbleme = { field: 'annee' | 'debut' | 'fin'; message: string };

/**
 * Resolves the chosen period at the « as of » date `auJour` (the injected clock's day). Trap 1 of domain
 * §8: a period that runs past `auJour` stops there, and the numerator AND the denominator are both cut to
 * it — a running year counts its days so far, never 365 days of headcount against half a year of arrêts.
 * A period that starts after `auJour` has nothing to count and is refused.
 */
export function resoudrePeriode(choix: ChoixPeriode, auJour: string): Periode | PeriodeProbleme {
  let debut: string;
  let finPrevue: string;
  if (choix.type === 'annee') {
    debut = `${String(choix.annee).padStart(4, '0')}-01-01`;
    finPrevue = `${String(choix.annee).padStart(4, '0')}-12-31`;
  } else if (choix.type === 'glissant') {
    finPrevue = choix.fin;
    debut = addDays(addMonths(choix.fin, -12), 1);
  } else {
    if (choix.fin < choix.debut) return { field: 'fin', message: 'La fin de la période doit suivre son début.' };
    debut = choix.debut;
    finPrevue = choix.fin;
  }
  if (debut > auJour) {
    return {
      field: choix.type === 'annee' ? 'annee' : 'debut',
      message: `La période commence le ${formatDate(debut)}, après le ${formatDate(auJour)} : aucune donnée à compter.`,
    };
  }
  const enCours = finPrevue > auJour;
  const fin = enCours ? auJour : finPrevue;
  const au = enCours ? ` au ${formatDate(fin)}` : '';
  const libelle =
    choix.type === 'annee'
      ? `année ${choix.annee}${au}`
      : choix.type === 'glissant'
        ? `12 mois glissants du ${formatDate(debut)} au ${formatDate(fin)}`
        : `du ${formatDate(debut)} au ${formatDate(fin)}`;
  return { debut, fin, jours: joursIntervalle({ debut, fin }), finPrevue, enCours, libelle, auJour };
}

export function estProblemePeriode(p: Periode | PeriodeProbleme): p is PeriodeProbleme {
  return 'message' in p;
}

/**
 * The same span one year earlier, for the curve « par rapport à l’année précédente »: a running year at
 * 15/06/2025 compares with 01/01/2024 → 15/06/2024, the days the running one had. 29 February maps to 28.
 */
export function periodePrecedente(p: Periode): Periode {
  const debut = addMonths(p.debut, -12);
  const fin = addMonths(p.fin, -12);
  const finPrevue = addMonths(p.finPrevue, -12);
  return {
    debut,
    fin,
    finPrevue,
    enCours: false,
    jours: joursIntervalle({ debut, fin }),
    libelle: `du ${formatDate(debut)} au ${formatDate(fin)}`,
    auJour: p.auJour,
  };
}

/** The calendar months the period touches, each cut to it: `{ mois: '2024-02', debut, fin }`. */
export function moisCoupes(p: Intervalle): (Intervalle & { mois: string })[] {
  const out: (Intervalle & { mois: string })[] = [];
  let premier = `${p.debut.slice(0, 7)}-01`;
  while (premier <= p.fin) {
    const dernier = addDays(addMonths(premier, 1), -1);
    const x = intersection({ debut: premier, fin: dernier }, p)!;
    out.push({ mois: premier.slice(0, 7), ...x });
    premier = addMonths(premier, 1);
  }
  return out;
}
