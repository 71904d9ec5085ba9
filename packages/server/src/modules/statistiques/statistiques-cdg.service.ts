import {
  type AgregatStat,
  ANNEES_AGREGATS,
  agregatDe,
  calculerIndicateurs,
  estProblemePeriode,
  GROUPES_CATEGORIE,
  groupeCategorieLabels,
  type Indicateur,
  indicateursAgregat,
  type Periode,
  pourcent,
  rapportSP,
  referenceIndicateur,
  resoudrePeriode,
  STRATES,
  sommerAgregats,
  strate,
  type TLigneCdg,
  type TStatistiquesCdg,
  type TStatistiquesCdgQuery,
  visibilite,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { Invalid } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { Scope } from '../../lib/scope.js';
import type { SinistraliteRepository } from '../sinistralite/sinistralite.repository.js';
import { createStatistiquesRepository, type EntreesStatistiques, effectifPour } from './statistiques.repository.js';
import type { LigneStockee } from './statistiques-agregats.table.js';
import {
  type AgregatInsert,
  type CurseurCdg,
  decodeCurseur,
  encodeCurseur,
  type LigneAgregatRow,
  type StatistiquesCdgRepository,
  type StrateSommeRow,
} from './statistiques-cdg.repository.js';

const PAGE = 20;
/** Both options of the page, each span computed with each. */
const MATERNITES = ['exclue', 'incluse'] as const;
/** Collectivités loaded at once by a refresh: five statements per chunk, whatever its size. */
export const CHUNK = 50;
const EXPORT_BATCH = 500;
const LECTEUR = { type: 'cdg' } as const;
/** The job computes over every contract: the loader reads with the platform's reach. */
const TOUT = {
  kind: 'plateforme',
  userId: '00000000-0000-0000-0000-000000000000',
  collectiviteId: null as string | null,
} satisfies Scope;

/** The years the aggregates hold on `auJour`: the current one and the 4 before. */
export function anneesAgregats(auJour: string): number[] {
  const fin = Number(auJour.slice(0, 4));
  return Array.from({ length: ANNEES_AGREGATS }, (_, i) => fin - ANNEES_AGREGATS + 1 + i);
}

/** The period of years `debut` to `fin` at `auJour` (a running year stops there): one year as the collectivité's page. */
export function periodeAnnees(debut: number, fin: number, auJour: string): Periode {
  const p = resoudrePeriode(
    debut === fin
      ? { type: 'annee', annee: fin }
      : { type: 'personnalisee', debut: `${debut}-01-01`, fin: `${fin}-12-31` },
    auJour,
  );
  if (estProblemePeriode(p)) throw Invalid(p.message, [p]);
  return p;
}

/** CNRACL agents on the staff on the period's last day: the collectivité's size stratum. */
function agentsCnracl(e: EntreesStatistiques, jour: string): number {
  const ids = new Set<string>();
  for (const s of e.emplois)
    if (s.profil.regime === 'CNRACL' && s.debut <= jour && (s.fin === null || s.fin >= jour)) ids.add(s.agentId);
  return ids.size;
}

/** Arrêts running on `auJour` for more than 90 days. */
function arretsLongs(e: EntreesStatistiques, auJour: string): number {
  return e.arrets.filter(
    (a) =>
      a.debut <= auJour &&
      (a.fin === null || a.fin >= auJour) &&
      (Date.parse(auJour) - Date.parse(a.debut)) / 86_400_000 + 1 > 90,
  ).length;
}

const valeur = (i: Indicateur | undefined, masque?: string) =>
  masque || !i
    ? { valeur: null, texte: null, ...(masque ? { masque } : {}) }
    : { valeur: i.valeur, texte: i.valeurTexte };

/**
 * The CDG dashboard (issue 12): the job's refresh of the precomputed aggregates, and the page read from
 * them. A collectivité's aggregate is `agregatDe` of the very computation of its own dashboard
 * (`calculerIndicateurs` on the loader's inputs), so its indicators here are those it reads itself.
 */
export function createStatistiquesCdgService(deps: {
  db: Db;
  clock: Clock;
  repo: StatistiquesCdgRepository;
  sinistralite: SinistraliteRepository;
}) {
  const { db, clock, repo } = deps;
  const loader = createStatistiquesRepository();

  /** Premiums and sinistres per collectivité and year, from the S/P report of `modules/sinistralite`. */
  async function sp(scope: Scope, annees: readonly number[]) {
    const out = new Map<string, Map<number, { primes: number; sinistres: number }>>();
    for (const annee of annees) {
      const rows = await deps.sinistralite.page(db, scope, { annee, tri: 'collectivite', ordre: 'asc' }, null, 1e6);
      for (const r of rows) {
        const parAnnee = out.get(r.collectivite_id) ?? new Map();
        const x = parAnnee.get(annee) ?? { primes: 0, sinistres: 0 };
        x.primes += Number(r.primes);
        x.sinistres += Number(r.regle) + Number(r.du);
        parAnnee.set(annee, x);
        out.set(r.collectivite_id, parAnnee);
      }
    }
    return out;
  }

  /** Computes and writes the aggregates of `ids` (one chunk), S/P given per collectivité and year. */
  async function calculer(
    ids: readonly string[],
    spDe: Map<string, Map<number, { primes: number; sinistres: number }>>,
    now: Date,
    cdgAJour = true,
  ) {
    const auJour = parisDate(now);
    const annees = anneesAgregats(auJour);
    const fenetre = { debut: `${annees[0]}-01-01`, fin: auJour, auJour };
    const [entrees, citis, cdgs] = await Promise.all([
      loader.entrees(db, TOUT, ids, fenetre),
      repo.citisOuverts(db, ids),
      repo.avecCdg(db, ids),
    ]);
    const cdgDe = new Map(cdgs.map((c) => [c.id, c.cdgId]));
    const rows: AgregatInsert[] = [];
    for (const id of ids) {
      const e = entrees.get(id)!;
      const cdgId = cdgDe.get(id);
      // A collectivité without CDG has no CDG dashboard (its stale rows go with the delete).
      if (!cdgId) continue;
      const longs = arretsLongs(e, auJour);
      for (const debut of annees)
        for (const fin of annees)
          for (const maternite of MATERNITES) {
            if (fin < debut) continue;
            const periode = periodeAnnees(debut, fin, auJour);
            const r = calculerIndicateurs({
              periode,
              effectif: effectifPour(e, periode),
              arrets: e.arrets,
              options: { maternite },
            });
            const cnracl = agentsCnracl(e, periode.fin);
            const citisOuverts = citis.get(id) ?? 0;
            let primes = 0;
            let sinistres = 0;
            for (let y = debut; y <= fin; y++) {
              const x = spDe.get(id)?.get(y);
              primes += x?.primes ?? 0;
              sinistres += x?.sinistres ?? 0;
            }
            rows.push({
              anneeDebut: debut,
              anneeFin: fin,
              maternite,
              collectiviteId: id,
              cdgId,
              joursPeriode: periode.jours,
              joursAgents: r.preparation.joursAgents,
              jours: r.totaux.jours,
              arrets: r.totaux.arrets,
              agentsCnracl: cnracl,
              strate: strate(cnracl).cle,
              primes,
              sinistres,
              arretsLongs: longs,
              citisOuverts,
              agregat: agregatDe(r.preparation, r.totaux),
              ligne: ligneDe(id, periode, r, {
                agentsCnracl: cnracl,
                primes,
                sinistres,
                arretsLongs: longs,
                citisOuverts,
              }),
              calculeLe: now,
            });
          }
    }
    await repo.ecrire(db, ids, rows, cdgAJour);
  }

  return {
    /**
     * Every collectivité of every CDG, CDG by CDG and chunk by chunk (the nightly refresh; also what a
     * year's change needs). Returns how many collectivités were computed.
     */
    async toutRecalculer(cdgIds?: readonly string[]): Promise<number> {
      let n = 0;
      for (const cdgId of cdgIds ?? (await repo.cdgs(db))) {
        const now = clock.now();
        const debutMarque = await repo.maintenant(db);
        const scope: Scope = {
          kind: 'staff',
          userId: TOUT.userId,
          organisation: { kind: 'cdg', id: cdgId, nom: '' },
          collectiviteId: null,
        };
        const spDe = await sp(scope, anneesAgregats(parisDate(now)));
        const ids = await repo.duCdg(db, cdgId);
        for (let i = 0; i < ids.length; i += CHUNK) {
          const chunk = ids.slice(i, i + CHUNK);
          // The CDG's ranks and sums once, with its last chunk: each chunk would otherwise rank it all.
          await calculer(chunk, spDe, now, i + CHUNK >= ids.length);
          await repo.effacerMarques(db, chunk, debutMarque);
          n += chunk.length;
        }
      }
      return n;
    },

    /** The collectivités marked since their last computation, `max` at most. Returns how many. */
    async recalculerMarquees(max = 500): Promise<number> {
      const debutMarque = await repo.maintenant(db);
      const marquees = await repo.marquees(db, max);
      if (marquees.length === 0) return 0;
      const now = clock.now();
      const avec = await repo.avecCdg(db, marquees);
      for (let i = 0; i < avec.length; i += CHUNK) {
        const chunk = avec.slice(i, i + CHUNK);
        const spDe = new Map<string, Map<number, { primes: number; sinistres: number }>>();
        for (const c of chunk) {
          const one = await sp({ ...TOUT, collectiviteId: c.id }, anneesAgregats(parisDate(now)));
          for (const [k, v] of one) spDe.set(k, v);
        }
        await calculer(
          chunk.map((c) => c.id),
          spDe,
          now,
        );
      }
      // A collectivité without CDG (or deleted) has nothing to compute: its marker goes too.
      await repo.effacerMarques(db, marquees, debutMarque);
      return marquees.length;
    },

    async tableau(scope: Scope, q: TStatistiquesCdgQuery): Promise<TStatistiquesCdg> {
      const auJour = parisDate(clock.now());
      const annees = anneesAgregats(auJour);
      const fin = q.annee ?? annees.at(-1)!;
      const debut = q.depuis ?? fin;
      if (debut < annees[0]! || fin > annees.at(-1)!)
        throw Invalid(`Les statistiques du centre de gestion couvrent les années ${annees[0]} à ${annees.at(-1)}.`, [
          {
            field: debut < annees[0]! ? 'depuis' : 'annee',
            message: `Choisissez une année de ${annees[0]} à ${annees.at(-1)}.`,
          },
        ]);
      const after = q.apres ? decodeCurseur(q.apres) : null;
      const { maternite } = q;
      const span = { debut, fin, maternite };
      const [sommes, rows] = await Promise.all([
        // A CDG's gestionnaire reads his CDG's precomputed row; the platform (support) sums live.
        scope.kind === 'staff' && scope.organisation.kind === 'cdg'
          ? repo.sommesCdg(db, scope.organisation.id, span)
          : repo.sommes(db, scope, span),
        repo.page(db, scope, { ...span, tri: q.tri, ordre: q.ordre }, after, PAGE + 1),
      ]);
      const page = rows.slice(0, PAGE);
      const collectivites = sommes.reduce((n, x) => n + Number(x.collectivites), 0);
      const plusAncien =
        sommes.length > 0 ? new Date(Math.min(...sommes.map((x) => new Date(x.plus_ancien).getTime()))) : null;
      const plusRecent =
        sommes.length > 0 ? new Date(Math.max(...sommes.map((x) => new Date(x.plus_recent).getTime()))) : null;
      // The CDG's period as its freshest computation counted it (a running year stops at that day).
      const joursMax = sommes.reduce((m, x) => Math.max(m, Number(x.jours_periode)), 0);
      const periode = periodeAnnees(debut, fin, plusRecent ? parisDate(plusRecent) : auJour);
      const exclus = sommes[0]?.exclus ?? {};
      const somme = {
        ...sommerAgregats(
          sommes.map(agregatDeStrate),
          joursMax || periode.jours,
          `somme des effectifs de ${collectivites} collectivités`,
        ),
        exclus,
      };
      const cdg = indicateursAgregat(periode, somme, maternite);
      const base = { agents: somme.joursAgents / (joursMax || periode.jours), arrets: somme.totaux.arrets };
      const v = visibilite(base, '', LECTEUR);
      const indicateurs = cdg.indicateurs.map((i) => {
        const vi = visibilite(i.base, '', LECTEUR);
        const reference = referenceIndicateur(i.code, maternite);
        return vi.visible
          ? { ...i, reference }
          : { ...i, valeur: null, valeurTexte: null, calcul: null, precisions: [], masque: vi.motif, reference };
      });
      const strates = STRATES.map((s) => {
        const x = sommes.find((m) => m.strate === s.cle);
        const jours = Number(x?.jours ?? 0);
        const ja = Number(x?.jours_agents ?? 0);
        const vs = visibilite({ agents: ja / (joursMax || 1), arrets: Number(x?.arrets ?? 0) }, '', LECTEUR);
        const taux = vs.visible && ja > 0 ? (jours * 100) / ja : null;
        return {
          cle: s.cle,
          libelle: s.libelle,
          collectivites: Number(x?.collectivites ?? 0),
          taux,
          tauxTexte: taux === null ? null : pourcent(taux),
          ...(vs.visible ? {} : { masque: vs.motif }),
        };
      });
      return {
        periode: { debut: periode.debut, fin: periode.fin, libelle: periode.libelle, jours: periode.jours },
        calculeLe: plusAncien ? plusAncien.toISOString() : null,
        annees,
        collectivites,
        indicateurs,
        strates,
        groupes: v.visible
          ? GROUPES_CATEGORIE.filter((g) => g !== 'maternite' || maternite === 'incluse').map((g) => ({
              groupe: g,
              libelle: groupeCategorieLabels[g],
              jours: somme.parGroupe[g].jours,
              arrets: somme.parGroupe[g].arrets,
            }))
          : [],
        maternite,
        items: page.map(presenter),
        suivant: rows.length > PAGE ? encodeCurseur(curseurDe(page.at(-1)!)) : null,
      };
    },

    /** Every line in the order asked, batch by batch (the export). */
    async *toutes(
      scope: Scope,
      q: Pick<TStatistiquesCdgQuery, 'annee' | 'depuis' | 'tri' | 'ordre' | 'maternite'>,
    ): AsyncGenerator<TLigneCdg[]> {
      const annees = anneesAgregats(parisDate(clock.now()));
      const fin = q.annee ?? annees.at(-1)!;
      const span = { debut: q.depuis ?? fin, fin, maternite: q.maternite };
      let after: CurseurCdg | null = null;
      for (;;) {
        const rows = await repo.page(db, scope, { ...span, tri: q.tri, ordre: q.ordre }, after, EXPORT_BATCH);
        if (rows.length > 0) yield rows.map(presenter);
        if (rows.length < EXPORT_BATCH) return;
        after = curseurDe(rows.at(-1)!);
      }
    },
  };
}

/** A stratum's SQL sums as one aggregate (its headcount figure is set by `sommerAgregats`). */
function agregatDeStrate(x: StrateSommeRow): AgregatStat {
  const nul = (v: string | null) => (v === null ? null : Number(v));
  return {
    joursAgents: Number(x.jours_agents),
    agentsPresents: Number(x.agents_presents),
    effectifNombre: null,
    effectifSource: null,
    totaux: {
      jours: Number(x.jours),
      arrets: Number(x.arrets),
      arretsCommencesAvant: Number(x.commences_avant),
      agentsAbsents: Number(x.absents),
      agentsDemiTraitement: nul(x.demi),
      arretsDemiInconnu: Number(x.demi_inconnu),
      maintenu: nul(x.maintenu),
      rembourse: nul(x.rembourse),
      arretsCoutInconnu: Number(x.cout_inconnu),
    },
    exclus: {},
    joursHorsEmploi: Number(x.jours_hors_emploi),
    parGroupe: x.groupes as AgregatStat['parGroupe'],
  };
}

const curseurDe = (r: LigneAgregatRow): CurseurCdg => ({ cle: r.cle_texte, collectiviteId: r.collectivite_id });

/**
 * A collectivité's line as its CDG reads it, from its own computation of the span: its indicators,
 * hidden below 5 agents or 5 arrêts (computed by the job, stored with the aggregate).
 */
function ligneDe(
  collectiviteId: string,
  periode: Periode,
  r: { indicateurs: Indicateur[]; preparation: { joursAgents: number } },
  x: { agentsCnracl: number; primes: number; sinistres: number; arretsLongs: number; citisOuverts: number },
): LigneStockee {
  const de = (code: Indicateur['code']) => {
    const i = r.indicateurs.find((y) => y.code === code);
    const v = i ? visibilite(i.base, collectiviteId, LECTEUR) : { visible: true as const };
    return valeur(i, v.visible ? undefined : v.motif);
  };
  return {
    agentsCnracl: x.agentsCnracl,
    strate: strate(x.agentsCnracl).libelle,
    effectifMoyen: periode.jours > 0 ? r.preparation.joursAgents / periode.jours : 0,
    taux: de('taux'),
    frequence: de('frequence'),
    gravite: de('gravite'),
    exposition: de('exposition'),
    joursParAgent: de('joursParAgent'),
    rapport: rapportSP(x.sinistres, x.primes),
    arretsLongs: x.arretsLongs,
    citisOuverts: x.citisOuverts,
  };
}

/** A line of the page: the stored one, with the collectivité's name and its stored rank. */
const presenter = (r: LigneAgregatRow): TLigneCdg => ({
  collectivite: { id: r.collectivite_id, nom: r.nom },
  rang: r.rang === null ? null : Number(r.rang),
  sur: Number(r.sur),
  ...r.ligne,
});

export type StatistiquesCdgService = ReturnType<typeof createStatistiquesCdgService>;
