import { formatEuros } from '../common/format.js';
import { compte, part, pourcent } from './nombres.js';
import type { Periode } from './periode.rules.js';
import { type Preparation, precisionsCommunes, preparer } from './preparation.rules.js';
import type { ArretStat, Effectif, OptionsStat } from './statistiques.types.js';

export const CODES_INDICATEUR = [
  'taux',
  'joursParAgent',
  'frequence',
  'gravite',
  'exposition',
  'frequenceParAgentAbsent',
  'expositionDemiTraitement',
  'coutDirect',
  'resteACharge',
] as const;
export type TCodeIndicateur = (typeof CODES_INDICATEUR)[number];

export const indicateurLabels: Record<TCodeIndicateur, string> = {
  taux: 'Taux d’absentéisme',
  joursParAgent: 'Jours d’arrêt par agent',
  frequence: 'Fréquence (arrêts pour 100 agents)',
  gravite: 'Gravité (durée moyenne d’un arrêt)',
  exposition: 'Exposition (part des agents arrêtés)',
  frequenceParAgentAbsent: 'Arrêts par agent absent',
  expositionDemiTraitement: 'Exposition au demi-traitement',
  coutDirect: 'Coût direct par agent',
  resteACharge: 'Reste à charge par agent',
};

/** Unit of `valeur`: a percentage (9.56 for 9,56 %), days, arrêts per 100 agents, arrêts, or cents. */
export type UniteIndicateur = 'pourcent' | 'jours' | 'arrets_pour_100' | 'arrets' | 'centimes';

/** One indicator with its « Comment est-ce calculé ? ». */
export type Indicateur = {
  code: TCodeIndicateur;
  libelle: string;
  /** Unrounded (cents rounded for money); null when it cannot be computed (`motif` says why). */
  valeur: number | null;
  unite: UniteIndicateur;
  /** « 9,56 % », « 56 jours », « 2 100,00 € ». */
  valeurTexte: string | null;
  /** The formula with the actual numbers: « 1 400 jours d’arrêt × 100 / (366 jours × 40 agents) = 9,56 % ». */
  calcul: string | null;
  /** Numerator, denominator and exclusions as sentences. */
  precisions: string[];
  /** Why `valeur` is null. */
  motif?: string;
  /** The population the figure is computed on, for the statistical secret (secret.rules.ts). */
  base: { agents: number; arrets: number };
};

export type Totaux = {
  jours: number;
  arrets: number;
  arretsCommencesAvant: number;
  agentsAbsents: number;
  /** Absent agents with at least one half-pay day; null when no arrêt says whether it had any. */
  agentsDemiTraitement: number | null;
  /** Arrêts whose half pay is not known. */
  arretsDemiInconnu: number;
  maintenu: number | null;
  rembourse: number | null;
  arretsCoutInconnu: number;
};

export function totauxStat(p: Preparation): Totaux {
  const absents = new Set<string>();
  const demi = new Set<string>();
  let jours = 0;
  let avant = 0;
  let demiInconnu = 0;
  let maintenu = 0;
  let rembourse = 0;
  let coutInconnu = 0;
  for (const r of p.retenus) {
    jours += r.jours;
    absents.add(r.arret.agentId);
    if (r.commenceAvant) avant += 1;
    if (r.joursDemi === null) demiInconnu += 1;
    else if (r.joursDemi > 0) demi.add(r.arret.agentId);
    if (r.maintenu === null) coutInconnu += 1;
    else {
      maintenu += r.maintenu;
      rembourse += r.rembourse ?? 0;
    }
  }
  const n = p.retenus.length;
  return {
    jours,
    arrets: n,
    arretsCommencesAvant: avant,
    agentsAbsents: absents.size,
    agentsDemiTraitement: n > 0 && demiInconnu === n ? null : demi.size,
    arretsDemiInconnu: demiInconnu,
    maintenu: n > 0 && coutInconnu === n ? null : maintenu,
    rembourse: n > 0 && coutInconnu === n ? null : rembourse,
    arretsCoutInconnu: coutInconnu,
  };
}

const JOURS = (n: number) => compte(n, 'jour d’arrêt', 'jours d’arrêt');
const AGENTS = (n: number) => compte(n, 'agent', 'agents');
const ARRETS = (n: number) => compte(n, 'arrêt', 'arrêts');

/**
 * The indicators of domain §8 for one collectivité (or any population) and one period, each with its
 * explanation in French. `periode` comes from `resoudrePeriode` (a running year already stops at the « as
 * of » date), `effectif` is the period's own headcount (never today's: `effectifDeLAnnee`).
 */
export function calculerIndicateurs(input: {
  periode: Periode;
  effectif: Effectif;
  arrets: readonly ArretStat[];
  options?: OptionsStat;
}): { preparation: Preparation; totaux: Totaux; indicateurs: Indicateur[]; alertes: string[] } {
  const p = preparer(input.periode, input.effectif, input.arrets, input.options);
  const t = totauxStat(p);
  return { preparation: p, totaux: t, ...indicateursDeTotaux(p, t) };
}

/**
 * What the indicators read of a preparation: its counts, never its arrêts. A precomputed aggregate
 * (agregats.rules.ts) carries exactly this, so that its indicators are those of `calculerIndicateurs`.
 */
export type ResumePreparation = Omit<Preparation, 'emplois' | 'retenus'>;

/** The indicators and alerts of `calculerIndicateurs`, from the counts alone. */
export function indicateursDeTotaux(p: ResumePreparation, t: Totaux): { indicateurs: Indicateur[]; alertes: string[] } {
  const communes = precisionsCommunes(p);
  const eff = p.effectifMoyen;
  const effTexte = AGENTS(eff);
  const baseCollectivite = { agents: eff, arrets: t.arrets };
  const sansEffectif = 'Aucun agent dans l’effectif de la période.';
  const commencesAvant =
    t.arretsCommencesAvant > 0
      ? [
          `Dont ${ARRETS(t.arretsCommencesAvant)} ${t.arretsCommencesAvant < 2 ? 'commencé' : 'commencés'} avant le début de la période.`,
        ]
      : [];

  const make = (
    code: TCodeIndicateur,
    unite: UniteIndicateur,
    base: Indicateur['base'],
    compute: () => { valeur: number; valeurTexte: string; calcul: string; precisions?: string[] } | { motif: string },
  ): Indicateur => {
    const r = compute();
    const common = { code, libelle: indicateurLabels[code], unite, base };
    if ('motif' in r)
      return { ...common, valeur: null, valeurTexte: null, calcul: null, precisions: communes, motif: r.motif };
    return {
      ...common,
      valeur: r.valeur,
      valeurTexte: r.valeurTexte,
      calcul: r.calcul,
      precisions: [...(r.precisions ?? []), ...communes],
    };
  };

  const denominateurTaux =
    p.effectif.type === 'nombre'
      ? `(${compte(p.periode.jours, 'jour', 'jours')} × ${AGENTS(p.effectif.agents)})`
      : `${compte(p.joursAgents, 'jour', 'jours')} de présence des agents`;

  const indicateurs: Indicateur[] = [
    make('taux', 'pourcent', baseCollectivite, () => {
      if (p.joursAgents <= 0) return { motif: sansEffectif };
      const v = (t.jours * 100) / p.joursAgents;
      return {
        valeur: v,
        valeurTexte: pourcent(v),
        calcul: `${JOURS(t.jours)} × 100 / ${denominateurTaux} = ${pourcent(v)}`,
      };
    }),
    make('joursParAgent', 'jours', baseCollectivite, () => {
      if (eff <= 0) return { motif: sansEffectif };
      const v = t.jours / eff;
      const txt = compte(v, 'jour', 'jours', 1);
      return { valeur: v, valeurTexte: txt, calcul: `${JOURS(t.jours)} / ${effTexte} = ${txt}` };
    }),
    make('frequence', 'arrets_pour_100', baseCollectivite, () => {
      if (eff <= 0) return { motif: sansEffectif };
      const v = (t.arrets * 100) / eff;
      const txt = `${compte(v, 'arrêt', 'arrêts', 1)} pour 100 agents`;
      return {
        valeur: v,
        valeurTexte: txt,
        calcul: `${ARRETS(t.arrets)} × 100 / ${effTexte} = ${txt}`,
        precisions: commencesAvant,
      };
    }),
    make('gravite', 'jours', baseCollectivite, () => {
      if (t.arrets === 0) return { motif: 'Aucun arrêt dans la période.' };
      const v = t.jours / t.arrets;
      const txt = compte(v, 'jour', 'jours', 1);
      return {
        valeur: v,
        valeurTexte: txt,
        calcul: `${JOURS(t.jours)} / ${ARRETS(t.arrets)} = ${txt}`,
        precisions: [
          'Durée moyenne des arrêts dans la période : seuls leurs jours dans la période comptent.',
          ...commencesAvant,
        ],
      };
    }),
    make('exposition', 'pourcent', baseCollectivite, () => {
      if (p.agentsPresents <= 0) return { motif: sansEffectif };
      const v = (t.agentsAbsents * 100) / p.agentsPresents;
      const historique =
        p.effectif.type === 'historique'
          ? ['Rapportés aux agents présents au moins un jour dans la période, et non à l’effectif moyen.']
          : [];
      return {
        valeur: v,
        valeurTexte: part(v),
        calcul: `${compte(t.agentsAbsents, 'agent absent', 'agents absents')} × 100 / ${AGENTS(p.agentsPresents)} = ${part(v)}`,
        precisions: ['Agents ayant eu au moins un jour d’arrêt dans la période.', ...historique],
      };
    }),
    make('frequenceParAgentAbsent', 'arrets', { agents: t.agentsAbsents, arrets: t.arrets }, () => {
      if (t.agentsAbsents === 0) return { motif: 'Aucun agent absent dans la période.' };
      const v = t.arrets / t.agentsAbsents;
      const txt = `${compte(v, 'arrêt', 'arrêts')} par agent absent`;
      return {
        valeur: v,
        valeurTexte: txt,
        calcul: `${ARRETS(t.arrets)} / ${compte(t.agentsAbsents, 'agent absent', 'agents absents')} = ${txt}`,
      };
    }),
    make('expositionDemiTraitement', 'pourcent', { agents: t.agentsAbsents, arrets: t.arrets }, () => {
      if (t.agentsAbsents === 0) return { motif: 'Aucun agent absent dans la période.' };
      if (t.agentsDemiTraitement === null) return { motif: 'Le traitement des jours d’arrêt n’est pas connu.' };
      const v = (t.agentsDemiTraitement * 100) / t.agentsAbsents;
      const inconnus =
        t.arretsDemiInconnu > 0
          ? [
              `${ARRETS(t.arretsDemiInconnu)} sans information sur le traitement ${t.arretsDemiInconnu < 2 ? 'compte' : 'comptent'} comme à plein traitement.`,
            ]
          : [];
      return {
        valeur: v,
        valeurTexte: part(v),
        calcul: `${compte(t.agentsDemiTraitement, 'agent', 'agents')} au demi-traitement × 100 / ${compte(t.agentsAbsents, 'agent absent', 'agents absents')} = ${part(v)}`,
        precisions: ['Agents absents ayant eu au moins un jour à demi-traitement dans la période.', ...inconnus],
      };
    }),
    ...coutIndicateurs(t, eff, effTexte, baseCollectivite, make, sansEffectif),
  ];

  const alertes: string[] = [];
  if (p.effectif.type === 'nombre' && t.agentsAbsents > p.effectif.agents)
    alertes.push(
      `${AGENTS(t.agentsAbsents)} ${t.agentsAbsents < 2 ? 'a été absent' : 'ont été absents'} pour un effectif de ${AGENTS(p.effectif.agents)} : vérifiez l’effectif de la période.`,
    );
  if (p.joursHorsEmploi > 0)
    alertes.push(
      `${compte(p.joursHorsEmploi, 'jour', 'jours')} d’arrêt hors des périodes d’emploi des agents ne ${p.joursHorsEmploi < 2 ? 'est' : 'sont'} pas ${p.joursHorsEmploi < 2 ? 'compté' : 'comptés'} : vérifiez l’historique d’emploi.`,
    );
  return { indicateurs, alertes };
}

type Make = (
  code: TCodeIndicateur,
  unite: UniteIndicateur,
  base: Indicateur['base'],
  compute: () => { valeur: number; valeurTexte: string; calcul: string; precisions?: string[] } | { motif: string },
) => Indicateur;

function coutIndicateurs(
  t: Totaux,
  eff: number,
  effTexte: string,
  base: Indicateur['base'],
  make: Make,
  sansEffectif: string,
): Indicateur[] {
  const inconnus =
    t.arretsCoutInconnu > 0
      ? [
          `${compte(t.arretsCoutInconnu, 'arrêt', 'arrêts')} sans coût connu ${t.arretsCoutInconnu < 2 ? 'n’est' : 'ne sont'} pas ${t.arretsCoutInconnu < 2 ? 'compté' : 'comptés'}.`,
        ]
      : [];
  const prorata = 'Le coût d’un arrêt coupé par la période est réparti au prorata de ses jours dans la période.';
  return [
    make('coutDirect', 'centimes', base, () => {
      if (eff <= 0) return { motif: sansEffectif };
      if (t.maintenu === null) return { motif: 'Le coût des arrêts n’est pas connu.' };
      const v = Math.round(t.maintenu / eff);
      return {
        valeur: v,
        valeurTexte: formatEuros(v),
        calcul: `${formatEuros(t.maintenu)} de traitement maintenu / ${effTexte} = ${formatEuros(v)} par agent`,
        precisions: [
          'Rémunération maintenue par l’employeur pendant les jours d’arrêt de la période.',
          prorata,
          ...inconnus,
        ],
      };
    }),
    make('resteACharge', 'centimes', base, () => {
      if (eff <= 0) return { motif: sansEffectif };
      if (t.maintenu === null || t.rembourse === null) return { motif: 'Le coût des arrêts n’est pas connu.' };
      const v = Math.round((t.maintenu - t.rembourse) / eff);
      return {
        valeur: v,
        valeurTexte: formatEuros(v),
        calcul: `(${formatEuros(t.maintenu)} maintenus − ${formatEuros(t.rembourse)} remboursés) / ${effTexte} = ${formatEuros(v)} par agent`,
        precisions: [
          'Traitement maintenu moins les remboursements de l’assureur pour ces jours.',
          prorata,
          ...inconnus,
        ],
      };
    }),
  ];
}

/** Renders one indicator's explanation as a paragraph (« Comment est-ce calculé ? »). */
export function expliquerIndicateur(i: Indicateur): string {
  const tete = i.calcul ?? `${i.libelle} : non calculé. ${i.motif ?? ''}`.trim();
  return [tete.endsWith('.') ? tete : `${tete}.`, ...i.precisions].join(' ');
}
