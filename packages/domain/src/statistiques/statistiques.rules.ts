import { calculerIndicateurs, type TCodeIndicateur } from './indicateurs.rules.js';
import { type Periode, periodePrecedente } from './periode.rules.js';
import { preparer } from './preparation.rules.js';
import { type CodeReference, libelleReference, referencePour } from './references.js';
import { AXES_REPARTITION, comparerSeries, repartir, serieMensuelle } from './repartitions.rules.js';
import { type Classement, type Lecteur, SEUIL_SECRET, visibilite } from './secret.rules.js';
import type { TStatistiques } from './statistiques.schemas.js';
import type { ArretStat, Effectif, OptionsStat } from './statistiques.types.js';

const REFERENCE_DE: Partial<Record<TCodeIndicateur, CodeReference>> = {
  taux: 'taux',
  frequence: 'frequence',
  exposition: 'exposition',
  gravite: 'gravite',
  coutDirect: 'coutDirect',
};

/** The national reference of an indicator under the maternity convention, as a sentence, or null. */
export function referenceIndicateur(code: TCodeIndicateur, maternite: 'exclue' | 'incluse'): string | null {
  const c = REFERENCE_DE[code];
  const ref = c ? referencePour(c, maternite) : null;
  return ref ? libelleReference(ref) : null;
}

/**
 * Everything the statistics page of one collectivité shows, for the period: indicators with their
 * explanation and national reference, breakdowns on every axis, the monthly curve against the same span
 * one year earlier (`precedent`: that year's own headcount and arrêts — trap 3), the stratum ranking when
 * the caller computed it. Shown as is to the collectivité; `masquerStatistiques` for anyone else.
 */
export function statistiquesCollectivite(input: {
  periode: Periode;
  effectif: Effectif;
  arrets: readonly ArretStat[];
  options?: OptionsStat;
  precedent?: { effectif: Effectif; arrets: readonly ArretStat[] };
  classement?: Classement | null;
}): TStatistiques {
  const r = calculerIndicateurs(input);
  const p = r.preparation;
  const courante = serieMensuelle(p);
  const precedente = input.precedent
    ? serieMensuelle(
        preparer(periodePrecedente(input.periode), input.precedent.effectif, input.precedent.arrets, input.options),
      )
    : [];
  const c = input.classement;
  return {
    periode: {
      debut: p.periode.debut,
      fin: p.periode.fin,
      finPrevue: p.periode.finPrevue,
      jours: p.periode.jours,
      enCours: p.periode.enCours,
      libelle: p.periode.libelle,
      auJour: p.periode.auJour,
    },
    maternite: p.maternite,
    effectif: {
      moyen: p.effectifMoyen,
      joursAgents: p.joursAgents,
      source: input.effectif.type === 'nombre' ? (input.effectif.source ?? null) : 'historique d’emploi',
    },
    indicateurs: r.indicateurs.map((i) => ({ ...i, reference: referenceIndicateur(i.code, p.maternite) })),
    repartitions: Object.fromEntries(
      AXES_REPARTITION.map((axe) => [axe, repartir(p, axe)]),
    ) as TStatistiques['repartitions'],
    serie: comparerSeries(courante, precedente),
    classement: c
      ? { strate: c.strate.libelle, rang: c.rang, sur: c.sur, tauxStrate: c.tauxStrate, texte: c.texte }
      : null,
    alertes: r.alertes,
  };
}

const MOTIF_DIFFERENCE =
  'Donnée masquée pour qu’une donnée couverte par le secret statistique ne puisse être déduite par différence.';

/**
 * The statistics as `lecteur` may see them (domain §8): unchanged for the collectivité itself; for anyone
 * else every figure computed on fewer than 5 agents or 5 arrêts is emptied with its reason. In a breakdown
 * where a single row is hidden, the next smallest is hidden too, or the total would give it away; the
 * monthly points follow the same threshold; the alerts (which name counts of days and agents) are dropped.
 */
export function masquerStatistiques(s: TStatistiques, proprietaireId: string, lecteur: Lecteur): TStatistiques {
  if (lecteur.type === 'collectivite' && lecteur.collectiviteId === proprietaireId) return s;
  const indicateurs = s.indicateurs.map((i) => {
    const v = visibilite(i.base, proprietaireId, lecteur);
    return v.visible ? i : { ...i, valeur: null, valeurTexte: null, calcul: null, precisions: [], masque: v.motif };
  });
  const repartitions = Object.fromEntries(
    Object.entries(s.repartitions).map(([axe, lignes]) => {
      const vues = lignes.map((l) => ({ l, v: visibilite(l.base, proprietaireId, lecteur) }));
      const cachees = vues.filter((x) => !x.v.visible && (x.l.arrets ?? 0) > 0);
      const visibles = vues.filter((x) => x.v.visible && (x.l.arrets ?? 0) > 0);
      const complement =
        cachees.length === 1 && visibles.length > 0
          ? visibles.reduce((min, x) => ((x.l.arrets ?? 0) < (min.l.arrets ?? 0) ? x : min)).l.cle
          : null;
      return [
        axe,
        vues.map(({ l, v }) => {
          const motif = !v.visible ? v.motif : l.cle === complement ? MOTIF_DIFFERENCE : null;
          return motif === null
            ? l
            : {
                ...l,
                jours: null,
                arrets: null,
                agentsAbsents: null,
                partJours: null,
                taux: null,
                tauxTexte: null,
                calcul: null,
                masque: motif,
              };
        }),
      ];
    }),
  ) as TStatistiques['repartitions'];
  const effectifVisible = s.effectif.moyen >= SEUIL_SECRET;
  const serie = s.serie.map((pt) => {
    const ok = effectifVisible && (pt.arrets ?? 0) >= SEUIL_SECRET;
    const okPrecedent = effectifVisible && (pt.arretsPrecedent ?? 0) >= SEUIL_SECRET;
    if (ok && okPrecedent) return pt;
    return {
      ...pt,
      taux: ok ? pt.taux : null,
      arrets: ok ? pt.arrets : null,
      tauxPrecedent: okPrecedent ? pt.tauxPrecedent : null,
      arretsPrecedent: okPrecedent ? pt.arretsPrecedent : null,
      masque: `Mois calculé sur moins de ${SEUIL_SECRET} arrêts ou ${SEUIL_SECRET} agents : masqué hors de la collectivité (secret statistique).`,
    };
  });
  return { ...s, indicateurs, repartitions, serie, alertes: [] };
}
