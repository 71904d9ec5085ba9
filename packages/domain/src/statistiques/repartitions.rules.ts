import { compte, pourcent, tranche } from './nombres.js';
import { couper, type Intervalle, joursIntervalle, moisCoupes } from './periode.rules.js';
import type { ArretRetenu, Preparation } from './preparation.rules.js';
import { GROUPES_CATEGORIE, groupeCategorieLabels, type ProfilAgent } from './statistiques.types.js';

export const AXES_REPARTITION = ['categorie', 'duree', 'age', 'sexe', 'regime', 'service'] as const;
export type TAxeRepartition = (typeof AXES_REPARTITION)[number];

export const axeRepartitionLabels: Record<TAxeRepartition, string> = {
  categorie: 'Par motif',
  duree: 'Par durée d’arrêt',
  age: 'Par âge',
  sexe: 'Par sexe',
  regime: 'Par régime',
  service: 'Par service',
};

/** Duration bands of an arrêt (its whole length, not only its days in the period). */
export const TRANCHES_DUREE = [
  { cle: '1-3', min: 1, max: 3, libelle: '1 à 3 jours' },
  { cle: '4-7', min: 4, max: 7, libelle: '4 à 7 jours' },
  { cle: '8-15', min: 8, max: 15, libelle: '8 à 15 jours' },
  { cle: '16-90', min: 16, max: 90, libelle: '16 à 90 jours' },
  { cle: '91-180', min: 91, max: 180, libelle: '91 à 180 jours' },
  { cle: '181+', min: 181, max: Number.POSITIVE_INFINITY, libelle: 'Plus de 180 jours' },
] as const;

/** Age bands, age reached on the last day of the period. */
export const TRANCHES_AGE = [
  { cle: '-30', min: 0, max: 29, libelle: 'Moins de 30 ans' },
  { cle: '30-39', min: 30, max: 39, libelle: '30 à 39 ans' },
  { cle: '40-49', min: 40, max: 49, libelle: '40 à 49 ans' },
  { cle: '50-59', min: 50, max: 59, libelle: '50 à 59 ans' },
  { cle: '60+', min: 60, max: Number.POSITIVE_INFINITY, libelle: '60 ans et plus' },
] as const;

const INCONNU = { cle: 'inconnu', libelle: 'Non renseigné' };

export type LigneRepartition = {
  cle: string;
  libelle: string;
  jours: number;
  arrets: number;
  agentsAbsents: number;
  /** Share of the period's arrêt days, in % (null when there are none). */
  partJours: number | null;
  /**
   * Days × 100 / agent-days of the group's denominator: the whole headcount for motif and duration (the
   * rows add up to the taux, as the national split by motif does); the group's own headcount for age, sex,
   * regime and service when the employment history gives it, else null.
   */
  taux: number | null;
  tauxTexte: string | null;
  /** « 310 jours d’arrêt × 100 / 14 640 jours de présence des agents » */
  calcul: string | null;
  /** For the statistical secret: the absent agents and the arrêts of the row. */
  base: { agents: number; arrets: number };
};

/** Age in whole years on `date`. */
export function ageAu(dateNaissance: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(dateNaissance.slice(0, 4));
  return date.slice(5) < dateNaissance.slice(5) ? years - 1 : years;
}

type Cle = { cle: string; libelle: string };

function cleProfil(axe: 'age' | 'sexe' | 'regime' | 'service', profil: ProfilAgent | undefined, fin: string): Cle {
  switch (axe) {
    case 'age': {
      if (!profil?.dateNaissance) return INCONNU;
      const a = ageAu(profil.dateNaissance, fin);
      return tranche(TRANCHES_AGE, a) ?? INCONNU;
    }
    case 'sexe':
      return profil?.sexe ? { cle: profil.sexe, libelle: profil.sexe === 'F' ? 'Femmes' : 'Hommes' } : INCONNU;
    case 'regime':
      return profil?.regime ? { cle: profil.regime, libelle: profil.regime } : INCONNU;
    case 'service': {
      const s = profil?.service?.trim();
      return s ? { cle: s, libelle: s } : INCONNU;
    }
  }
}

function cleArret(axe: TAxeRepartition, r: ArretRetenu, p: Preparation): Cle {
  if (axe === 'categorie') return { cle: r.groupe, libelle: groupeCategorieLabels[r.groupe] };
  if (axe === 'duree') return tranche(TRANCHES_DUREE, r.dureeTotale)!;
  const profil = r.arret.profil ?? p.emplois?.get(r.arret.agentId)?.profil;
  return cleProfil(axe, profil, p.periode.fin);
}

/**
 * The period's arrêts broken down along one axis. Rows of motif and duration come in a fixed order, all
 * present (maternity only when included); the others in their natural order, services by days, « Non
 * renseigné » last.
 */
export function repartir(p: Preparation, axe: TAxeRepartition): LigneRepartition[] {
  const rows = new Map<
    string,
    { libelle: string; jours: number; arrets: number; agents: Set<string>; joursAgents: number | null }
  >();
  const row = (k: Cle) => {
    let r = rows.get(k.cle);
    if (!r) {
      r = { libelle: k.libelle, jours: 0, arrets: 0, agents: new Set(), joursAgents: null };
      rows.set(k.cle, r);
    }
    return r;
  };
  if (axe === 'categorie')
    for (const g of GROUPES_CATEGORIE) {
      if (g !== 'maternite' || p.maternite === 'incluse') row({ cle: g, libelle: groupeCategorieLabels[g] });
    }
  if (axe === 'duree') for (const t of TRANCHES_DUREE) row(t);
  const ordre =
    axe === 'age'
      ? TRANCHES_AGE.map((t) => t.cle)
      : axe === 'sexe'
        ? ['F', 'M']
        : axe === 'regime'
          ? ['CNRACL', 'IRCANTEC']
          : [];
  if (axe === 'age') for (const t of TRANCHES_AGE) row(t);

  const parTous = axe === 'categorie' || axe === 'duree';
  // Group denominators from the employment history's profiles.
  if (!parTous && p.emplois && [...p.emplois.values()].some((e) => e.profil)) {
    for (const e of p.emplois.values()) {
      const days = e.spans.reduce((n, s) => n + joursIntervalle(s), 0);
      if (days === 0) continue;
      const r = row(cleProfil(axe, e.profil, p.periode.fin));
      r.joursAgents = (r.joursAgents ?? 0) + days;
    }
    for (const r of rows.values()) r.joursAgents ??= 0;
  }
  for (const a of p.retenus) {
    const r = row(cleArret(axe, a, p));
    r.jours += a.jours;
    r.arrets += 1;
    r.agents.add(a.arret.agentId);
  }

  const total = p.retenus.reduce((n, a) => n + a.jours, 0);
  const lignes = [...rows.entries()].map(([cle, r]): LigneRepartition => {
    const denom = parTous ? p.joursAgents : r.joursAgents;
    const taux = denom && denom > 0 ? (r.jours * 100) / denom : null;
    return {
      cle,
      libelle: r.libelle,
      jours: r.jours,
      arrets: r.arrets,
      agentsAbsents: r.agents.size,
      partJours: total > 0 ? (r.jours * 100) / total : null,
      taux,
      tauxTexte: taux === null ? null : pourcent(taux),
      calcul:
        taux === null
          ? null
          : `${compte(r.jours, 'jour d’arrêt', 'jours d’arrêt')} × 100 / ${compte(denom!, 'jour', 'jours')} de présence ${parTous ? 'des agents' : 'des agents du groupe'} = ${pourcent(taux)}`,
      base: { agents: r.agents.size, arrets: r.arrets },
    };
  });
  if (axe === 'service') lignes.sort((a, b) => b.jours - a.jours || a.libelle.localeCompare(b.libelle, 'fr'));
  if (axe === 'age' || axe === 'sexe' || axe === 'regime')
    lignes.sort((a, b) => rang(ordre, a.cle) - rang(ordre, b.cle));
  // « Non renseigné » last, and left out when it holds nothing.
  return lignes
    .filter((l) => l.cle !== INCONNU.cle || l.jours > 0 || l.taux !== null)
    .sort((a, b) => Number(a.cle === INCONNU.cle) - Number(b.cle === INCONNU.cle));
}

function rang(ordre: readonly string[], cle: string): number {
  const i = ordre.indexOf(cle);
  return i < 0 ? ordre.length : i;
}

export type PointMensuel = {
  /** « 2024-02 » */
  mois: string;
  /** « févr. 2024 » */
  libelle: string;
  jours: number;
  /** Arrêts with at least one day in the month. */
  arrets: number;
  /** Agent-days of the month (cut to the period). */
  joursAgents: number;
  taux: number | null;
};

const moisFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The taux month by month, each month cut to the period, with that month's own headcount. */
export function serieMensuelle(p: Preparation): PointMensuel[] {
  return moisCoupes(p.periode).map((m) => {
    const dans = (spans: readonly Intervalle[]) => couper(m, spans).reduce((n, s) => n + joursIntervalle(s), 0);
    let jours = 0;
    let arrets = 0;
    for (const a of p.retenus) {
      const j = a.segments.reduce((n, s) => n + dans([s]), 0);
      jours += j;
      if (j > 0) arrets += 1;
    }
    const joursAgents =
      p.effectif.type === 'nombre'
        ? joursIntervalle(m) * Math.max(0, p.effectif.agents)
        : [...(p.emplois?.values() ?? [])].reduce((n, e) => n + dans(e.spans), 0);
    return {
      mois: m.mois,
      libelle: moisFormat.format(new Date(`${m.mois}-01T00:00:00Z`)),
      jours,
      arrets,
      joursAgents,
      taux: joursAgents > 0 ? (jours * 100) / joursAgents : null,
    };
  });
}

/**
 * The current series beside the previous year's, month against month (the 1st month of one with the 1st
 * of the other): the curve « par rapport à l’année précédente ». Each series is computed with its own
 * year's headcount.
 */
export function comparerSeries(courante: readonly PointMensuel[], precedente: readonly PointMensuel[]): PointCompare[] {
  return courante.map((c, i) => ({
    mois: c.mois,
    libelle: c.libelle,
    taux: c.taux,
    arrets: c.arrets,
    tauxPrecedent: precedente[i]?.taux ?? null,
    arretsPrecedent: precedente[i]?.arrets ?? null,
  }));
}

export type PointCompare = {
  mois: string;
  libelle: string;
  taux: number | null;
  arrets: number | null;
  tauxPrecedent: number | null;
  arretsPrecedent: number | null;
  masque?: string;
};
