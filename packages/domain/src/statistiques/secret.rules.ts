import { compte, pourcent, tranche } from './nombres.js';

/**
 * Statistical secret (domain §8): outside the collectivité itself, no figure computed on fewer than 5
 * agents or 5 arrêts is shown — a CLM in a 3-agent commune names a person's illness.
 */
export const SEUIL_SECRET = 5;

/** Who looks at the figure: the collectivité it describes, or anyone else (its CDG, the insurer, another collectivité). */
export type Lecteur = { type: 'collectivite'; collectiviteId: string } | { type: 'cdg' };

export type Visibilite = { visible: true } | { visible: false; motif: string };

/**
 * Whether `lecteur` may see a figure of collectivité `proprietaireId` computed on `base`. The collectivité
 * always sees its own figures; anyone else sees them only from 5 agents and 5 arrêts.
 */
export function visibilite(
  base: { agents: number; arrets: number },
  proprietaireId: string,
  lecteur: Lecteur,
): Visibilite {
  if (lecteur.type === 'collectivite' && lecteur.collectiviteId === proprietaireId) return { visible: true };
  const manque: string[] = [];
  if (base.agents < SEUIL_SECRET) manque.push(compte(Math.floor(base.agents), 'agent', 'agents'));
  if (base.arrets < SEUIL_SECRET) manque.push(compte(base.arrets, 'arrêt', 'arrêts'));
  if (manque.length === 0) return { visible: true };
  return {
    visible: false,
    motif: `Donnée masquée : calculée sur ${manque.join(' et ')}, moins de ${SEUIL_SECRET}. Seule la collectivité concernée la voit (secret statistique).`,
  };
}

/**
 * Hides what `lecteur` may not see in a list of figures (indicators, breakdown rows): the figure's value
 * and every number derived from it are emptied, `masque` carries the reason.
 */
export function masquer<T extends { base: { agents: number; arrets: number } }>(
  items: readonly T[],
  proprietaireId: string,
  lecteur: Lecteur,
  vider: (item: T) => T,
): (T & { masque?: string })[] {
  return items.map((item) => {
    const v = visibilite(item.base, proprietaireId, lecteur);
    return v.visible ? item : { ...vider(item), masque: v.motif };
  });
}

/** Size strata of a CDG's collectivités, by CNRACL agents (the group contracts' bands). */
export const STRATES = [
  { cle: '1-9', min: 0, max: 9, libelle: 'Moins de 10 agents CNRACL' },
  { cle: '10-29', min: 10, max: 29, libelle: '10 à 29 agents CNRACL' },
  { cle: '30-149', min: 30, max: 149, libelle: '30 à 149 agents CNRACL' },
  { cle: '150-349', min: 150, max: 349, libelle: '150 à 349 agents CNRACL' },
  { cle: '350+', min: 350, max: Number.POSITIVE_INFINITY, libelle: '350 agents CNRACL et plus' },
] as const;
export type Strate = (typeof STRATES)[number];

export function strate(agentsCnracl: number): Strate {
  return tranche(STRATES, agentsCnracl) ?? STRATES[0];
}

/** A collectivité of the CDG with what its ranking needs. */
export type MembreStrate = {
  collectiviteId: string;
  agentsCnracl: number;
  /** Arrêt days and agent-days of the period: the taux is jours × 100 / joursAgents. */
  jours: number;
  joursAgents: number;
  arrets: number;
};

export type Classement = {
  strate: Strate;
  /** 1 = the lowest taux of the stratum; null when the collectivité has no headcount. */
  rang: number | null;
  /** Collectivités of the stratum with a taux. */
  sur: number;
  /**
   * The stratum's taux: Σ days × 100 / Σ agent-days (each collectivité weighs by its size); null when the
   * other collectivités of the stratum hold fewer than 5 agents or 5 arrêts together.
   */
  tauxStrate: number | null;
  /** « 3e sur 12 collectivités de 10 à 29 agents CNRACL » */
  texte: string;
};

/**
 * The collectivité's rank by taux within its size stratum among the CDG's collectivités, lowest taux
 * first; equal taux share a rank. Only the rank, the count and the stratum's pooled taux come out, never
 * another collectivité's figure; the pooled taux only when the others pass the secret's threshold together.
 */
export function classerDansStrate(membres: readonly MembreStrate[], collectiviteId: string): Classement | null {
  const moi = membres.find((m) => m.collectiviteId === collectiviteId);
  if (!moi) return null;
  const s = strate(moi.agentsCnracl);
  const pairs = membres.filter((m) => strate(m.agentsCnracl).cle === s.cle && m.joursAgents > 0);
  const taux = (m: MembreStrate) => (m.jours * 100) / m.joursAgents;
  // Compared exactly by cross-multiplication: a × d < c × b for a/b < c/d.
  const plusBas = (a: MembreStrate, b: MembreStrate) => a.jours * b.joursAgents < b.jours * a.joursAgents;
  const rang = moi.joursAgents > 0 ? pairs.filter((m) => plusBas(m, moi)).length + 1 : null;
  const sommeJours = pairs.reduce((n, m) => n + m.jours, 0);
  const sommeAgents = pairs.reduce((n, m) => n + m.joursAgents, 0);
  // With its own figures the collectivité could take the others' out of the pooled taux: shown only when
  // the others together pass the secret's threshold.
  const autres = pairs.filter((m) => m.collectiviteId !== collectiviteId);
  const autresVisibles = visibilite(
    { agents: autres.reduce((n, m) => n + m.agentsCnracl, 0), arrets: autres.reduce((n, m) => n + m.arrets, 0) },
    '',
    { type: 'cdg' },
  ).visible;
  const tauxStrate = sommeAgents > 0 && autresVisibles ? (sommeJours * 100) / sommeAgents : null;
  const libelleStrate = s.libelle.charAt(0).toLocaleLowerCase('fr-FR') + s.libelle.slice(1);
  const texte =
    rang === null
      ? `Non classée : aucun agent dans l’effectif de la période (strate : ${libelleStrate}).`
      : `${rang === 1 ? '1re' : `${rang}e`} sur ${compte(pairs.length, 'collectivité', 'collectivités')} de la strate « ${libelleStrate} »${tauxStrate === null ? '' : ` (taux de la strate : ${pourcent(tauxStrate)}, le vôtre : ${pourcent(taux(moi))})`}.`;
  return { strate: s, rang, sur: pairs.length, tauxStrate, texte };
}

/** A collectivité's line in its stratum, from its own computation of the period. */
export function membreStrate(
  collectiviteId: string,
  agentsCnracl: number,
  p: { joursAgents: number; retenus: readonly { jours: number }[] },
): MembreStrate {
  return {
    collectiviteId,
    agentsCnracl,
    jours: p.retenus.reduce((n, r) => n + r.jours, 0),
    joursAgents: p.joursAgents,
    arrets: p.retenus.length,
  };
}
