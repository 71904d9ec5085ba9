import {
  ANNEES_AGREGATS,
  type Classement,
  calculerIndicateurs,
  choixPeriode,
  classerDansStrate,
  estProblemePeriode,
  formatDateTime,
  type Lecteur,
  masquerRsu,
  masquerStatistiques,
  periodePrecedente,
  rapportSocialUnique,
  resoudrePeriode,
  statistiquesCollectivite,
  type TRsu,
  type TRsuQuery,
  type TStatistiquesQuery,
  type TStatistiquesRapportQuery,
  type TTableauDeBord,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { TenantScope } from '../../lib/scope.js';
import { nomRapport, rapportStatistiquesPdf } from './statistiques.pdf.js';
import { effectifPour, fenetreAvecPrecedent, type StatistiquesRepository } from './statistiques.repository.js';
import type { StatistiquesCdgRepository } from './statistiques-cdg.repository.js';

/**
 * The collectivité's rank and its stratum's pooled taux among the CDG's collectivités, from the
 * precomputed aggregates of the civil year (the CDG dashboard's rows): other periods are not precomputed.
 * An insurer's staff gets none: the aggregates count the arrêts of every contract, beyond his scope.
 */
async function comparerAuxPairs(
  db: Db,
  agregats: StatistiquesCdgRepository,
  scope: TenantScope,
  collectiviteId: string,
  choix: ReturnType<typeof choixPeriode>,
  maternite: 'exclue' | 'incluse',
  auJour: string,
): Promise<{ classement: Classement | null; comparaison: TTableauDeBord['comparaison'] }> {
  const sans = (texte: string) => ({ classement: null, comparaison: { texte, calculeLe: null } });
  if (scope.kind === 'staff' && scope.organisation.kind !== 'cdg')
    return sans(
      'La comparaison avec les collectivités de la même strate est réservée à la collectivité et à son centre de gestion.',
    );
  if (choix.type !== 'annee')
    return sans(
      'La comparaison avec les collectivités de la même strate du centre de gestion est disponible pour les années civiles seulement.',
    );
  const derniere = Number(auJour.slice(0, 4));
  if (choix.annee <= derniere - ANNEES_AGREGATS)
    return sans(
      `La comparaison avec les collectivités de la même strate couvre les ${ANNEES_AGREGATS} dernières années civiles.`,
    );
  const { membres, calculeLe } = await agregats.strateDe(db, collectiviteId, choix.annee, maternite);
  const classement = calculeLe ? classerDansStrate(membres, collectiviteId) : null;
  if (!classement || !calculeLe)
    return sans(
      'Comparaison avec les collectivités de la même strate indisponible : la collectivité n’a pas de centre de gestion ou ses chiffres n’ont pas encore été agrégés.',
    );
  return {
    classement,
    comparaison: {
      texte: `Taux de la strate : jours d’arrêt des collectivités de la strate « ${classement.strate.libelle} » du centre de gestion rapportés à leurs jours-agents (chaque collectivité pèse selon son effectif), chiffres agrégés le ${formatDateTime(calculeLe)} ; affiché seulement si les autres collectivités de la strate réunissent au moins 5 agents et 5 arrêts (secret statistique).`,
      calculeLe: calculeLe.toISOString(),
    },
  };
}

/**
 * The absenteeism dashboard of the current collectivité: the domain's statistics over the chosen period and
 * the previous equal one, from one load of the inputs. Whoever is not the collectivité itself (its CDG, an
 * insurer, the platform) gets them through `masquerStatistiques`: small numbers hidden.
 */
export function createStatistiquesService(deps: {
  db: Db;
  repo: StatistiquesRepository;
  agregats: StatistiquesCdgRepository;
  clock: Clock;
}) {
  const { db, repo, clock } = deps;
  /** The collectivité the scope reaches and its reader: itself, or anyone else (small numbers hidden). */
  async function lecture(scope: TenantScope) {
    const collectivite = await repo.collectivite(db, scope, scope.collectiviteId);
    if (!collectivite) throw NotFound('Collectivité introuvable.');
    const lecteur: Lecteur =
      scope.kind === 'membre' ? { type: 'collectivite', collectiviteId: scope.collectiviteId } : { type: 'cdg' };
    return { collectivite, lecteur, auJour: parisDate(clock.now()) };
  }
  return {
    async tableauDeBord(scope: TenantScope, q: TStatistiquesQuery): Promise<TTableauDeBord> {
      const { collectivite, lecteur, auJour } = await lecture(scope);
      const choix = choixPeriode(q, auJour);
      const periode = resoudrePeriode(choix, auJour);
      if (estProblemePeriode(periode)) throw Invalid(periode.message, [periode]);
      const precedente = periodePrecedente(periode);
      const entrees = (await repo.entrees(db, scope, [collectivite.id], fenetreAvecPrecedent(periode))).get(
        collectivite.id,
      )!;
      const options = { maternite: q.maternite };
      const { classement, comparaison } = await comparerAuxPairs(
        db,
        deps.agregats,
        scope,
        collectivite.id,
        choix,
        q.maternite,
        auJour,
      );
      const avant = { effectif: effectifPour(entrees, precedente), arrets: entrees.arrets };
      const stats = statistiquesCollectivite({
        periode,
        effectif: effectifPour(entrees, periode),
        arrets: entrees.arrets,
        options,
        precedent: avant,
        classement,
      });
      const vues = masquerStatistiques(stats, collectivite.id, lecteur);
      // The previous period's indicators, hidden by the same rule (masquerStatistiques reads only them here).
      const indicateursAvant = masquerStatistiques(
        { ...stats, indicateurs: calculerIndicateurs({ periode: precedente, ...avant, options }).indicateurs },
        collectivite.id,
        lecteur,
      ).indicateurs;
      return {
        ...vues,
        collectivite,
        precedent: {
          libelle: precedente.libelle,
          indicateurs: indicateursAvant.map((i) => ({
            code: i.code,
            valeur: i.valeur,
            valeurTexte: i.valeurTexte,
            ...(i.masque ? { masque: i.masque } : {}),
          })),
        },
        secret: lecteur.type !== 'collectivite',
        comparaison,
      };
    },

    /**
     * The absences tables of the collectivité's Rapport social unique for a civil year (the previous one by
     * default: the RSU of a year is filled in the next), from the dashboard's own load of the inputs and
     * headcount, so that its total is the dashboard's days « maternité incluse ». The collectivité sees its
     * own figures whole; anyone else through `masquerRsu`.
     */
    async rsu(scope: TenantScope, q: TRsuQuery): Promise<TRsu> {
      const { collectivite, lecteur, auJour } = await lecture(scope);
      const annee = q.annee ?? Number(auJour.slice(0, 4)) - 1;
      const periode = resoudrePeriode({ type: 'annee', annee }, auJour);
      if (estProblemePeriode(periode)) throw Invalid(periode.message, [periode]);
      // The dashboard's window, so that a prolongation is joined to its arrêt exactly as there.
      const entrees = (await repo.entrees(db, scope, [collectivite.id], fenetreAvecPrecedent(periode))).get(
        collectivite.id,
      )!;
      const rsu = rapportSocialUnique({
        annee,
        periode,
        effectif: effectifPour(entrees, periode),
        arrets: entrees.arrets,
      });
      return { ...masquerRsu(rsu, collectivite.id, lecteur), collectivite };
    },

    /** The annual report (PDF) of a civil year: the very dashboard this reader gets, laid out to print. */
    async rapport(scope: TenantScope, q: TStatistiquesRapportQuery) {
      const s = await this.tableauDeBord(scope, { periode: 'annee', ...q });
      return {
        fileName: nomRapport(s),
        contentType: 'application/pdf',
        body: await rapportStatistiquesPdf(s, clock.now()),
      };
    },
  };
}

export type StatistiquesService = ReturnType<typeof createStatistiquesService>;
