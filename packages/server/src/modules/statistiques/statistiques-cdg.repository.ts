import type { MembreStrate, TStatistiquesCdgQuery } from '@statutis/domain';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { type LigneStockee, statistiquesAgregat } from './statistiques-agregats.table.js';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export type AgregatInsert = typeof statistiquesAgregat.$inferInsert;

/** One collectivité's line of a span (the page). */
export type LigneAgregatRow = {
  collectivite_id: string;
  nom: string;
  ligne: LigneStockee;
  rang: number | null;
  sur: number;
  cle_texte: string;
};

/**
 * The sums of a span over the scope, one row per size stratum: what the CDG's indicators and the strata
 * need, summed in SQL (the aggregates themselves stay in the database). `exclus` is the scope's.
 */
export type StrateSommeRow = {
  strate: string;
  collectivites: string;
  jours: string;
  jours_agents: string | number;
  arrets: string;
  jours_periode: number;
  plus_ancien: Date | string;
  plus_recent: Date | string;
  agents_presents: string | number;
  jours_hors_emploi: string | number;
  commences_avant: string;
  absents: string;
  demi: string | null;
  demi_inconnu: string;
  maintenu: string | null;
  rembourse: string | null;
  cout_inconnu: string;
  groupes: Record<string, { jours: number; arrets: number }>;
  exclus: Record<string, number> | null;
};

export type Maternite = 'exclue' | 'incluse';
/** A span of years and the maternity option: which precomputed rows a read takes. */
export type Span = { debut: number; fin: number; maternite: Maternite };

export type CurseurCdg = { cle: string; collectiviteId: string };

export function encodeCurseur(c: CurseurCdg): string {
  return Buffer.from(JSON.stringify([c.cle, c.collectiviteId])).toString('base64url');
}

/** An unreadable cursor starts again at the first page rather than failing. */
export function decodeCurseur(text: string): CurseurCdg | null {
  try {
    const [cle, collectiviteId] = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown[];
    if (typeof cle !== 'string' || typeof collectiviteId !== 'string') return null;
    if (!/^[0-9a-f-]{36}$/.test(collectiviteId)) return null;
    return { cle, collectiviteId };
  } catch {
    return null;
  }
}

/**
 * Whether a collectivité's figures may be shown outside it (domain §8, `visibilite`): an average
 * headcount of 5 agents (agent-days ≥ 5 × the span's days) and 5 arrêts. Hidden lines sort last and
 * take no rank.
 */
const VISIBLE = sql`(jours_agents >= 5 * jours_periode AND arrets >= 5)`;
/** Ranked in its stratum: shown, with a headcount. */
const CLASSE = sql`(${VISIBLE} AND jours_agents > 0)`;
/** The rank's order: the taux (its factor 100 aside, which ties alike). */
const TAUX = sql`jours::numeric / NULLIF(jours_agents, 0)`;

/** Each sort key, as text in the cursor and typed for the comparison; a hidden figure sorts last. */
function cleDe(tri: TStatistiquesCdgQuery['tri'], ordre: 'asc' | 'desc'): { expr: SQL; cast: SQL; collate?: SQL } {
  const dernier = ordre === 'asc' ? sql`1e15` : sql`-1e15`;
  const masque = (e: SQL) => ({
    expr: sql`COALESCE(CASE WHEN ${VISIBLE} THEN ${e} END, ${dernier})`,
    cast: sql`numeric`,
  });
  switch (tri) {
    case 'taux':
      return masque(sql`jours::numeric * 100 / NULLIF(jours_agents, 0)`);
    case 'frequence':
      return masque(sql`arrets::numeric * 100 * jours_periode / NULLIF(jours_agents, 0)`);
    case 'gravite':
      return masque(sql`jours::numeric / NULLIF(arrets, 0)`);
    case 'agents':
      return { expr: sql`agents_cnracl::numeric`, cast: sql`numeric` };
    case 'rapport':
      return { expr: sql`COALESCE(sinistres::numeric / NULLIF(primes, 0), ${dernier})`, cast: sql`numeric` };
    case 'collectivite':
      return { expr: sql`tri || chr(1) || nom`, cast: sql`text`, collate: sql` COLLATE "C"` };
  }
}

/**
 * The sums of the aggregate rows `r` (a SELECT of `statistiques_agregat` with a grouping key `k`: a
 * constant for a scope, the CDG for the job) per key, span, maternity option and size stratum; `exclus`
 * is the key's and span's, every stratum alike. One SQL for the page's live sums and the job's precomputed CDG rows, so
 * that both are the same figures.
 */
function sommesParStrate(r: SQL): SQL {
  const t = (champ: string, type: SQL) => sql`(r.agregat->'totaux'->>${champ})::${type}`;
  const siArrets = (e: SQL) => sql`sum(CASE WHEN r.arrets > 0 THEN ${e} END)`;
  const groupe = (g: string) =>
    sql`${g}::text, jsonb_build_object('jours', sum((r.agregat->'parGroupe'->${g}->>'jours')::int), 'arrets', sum((r.agregat->'parGroupe'->${g}->>'arrets')::int))`;
  return sql`
    WITH r AS (${r}), ex AS (
      SELECT r.k, r.annee_debut, r.annee_fin, r.maternite, e.key, sum(e.value::int) AS n
      FROM r, jsonb_each_text(r.agregat->'exclus') e GROUP BY r.k, r.annee_debut, r.annee_fin, r.maternite, e.key
    )
    SELECT r.k, r.annee_debut, r.annee_fin, r.maternite, r.strate, count(*) AS collectivites, sum(r.jours) AS jours,
           sum(r.jours_agents) AS jours_agents, sum(r.arrets) AS arrets, max(r.jours_periode) AS jours_periode,
           min(r.calcule_le) AS plus_ancien, max(r.calcule_le) AS plus_recent,
           sum((r.agregat->>'agentsPresents')::float8) AS agents_presents,
           sum((r.agregat->>'joursHorsEmploi')::float8) AS jours_hors_emploi,
           sum(${t('arretsCommencesAvant', sql`int`)}) AS commences_avant,
           sum(${t('agentsAbsents', sql`int`)}) AS absents,
           ${siArrets(t('agentsDemiTraitement', sql`int`))} AS demi,
           sum(${t('arretsDemiInconnu', sql`int`)}) AS demi_inconnu,
           ${siArrets(t('maintenu', sql`bigint`))} AS maintenu,
           ${siArrets(t('rembourse', sql`bigint`))} AS rembourse,
           sum(${t('arretsCoutInconnu', sql`int`)}) AS cout_inconnu,
           jsonb_build_object(${groupe('mo')}, ${groupe('longue_maladie')}, ${groupe('citis')}, ${groupe('maternite')}) AS groupes,
           (SELECT jsonb_object_agg(ex.key, ex.n) FROM ex
            WHERE ex.k = r.k AND ex.annee_debut = r.annee_debut AND ex.annee_fin = r.annee_fin
              AND ex.maternite = r.maternite) AS exclus
    FROM r GROUP BY r.k, r.annee_debut, r.annee_fin, r.maternite, r.strate`;
}

/** The precomputed aggregates of the CDG dashboard: written by the job, read by the page. */
export function createStatistiquesCdgRepository() {
  return {
    /** Database time, the mark a refresh compares the dirty markers with. */
    async maintenant(db: Db): Promise<Date> {
      const [r] = rowsOf<{ t: Date | string }>(await db.execute(sql`SELECT now() AS t`));
      return new Date(r!.t);
    },

    /**
     * The collectivités marked since their last computation, oldest first, then those of a CDG never
     * computed (a new collectivité, or one without any input yet: no trigger marks it).
     */
    async marquees(db: Db, limit: number): Promise<string[]> {
      const rows = rowsOf<{ id: string }>(
        await db.execute(sql`
          (SELECT collectivite_id AS id FROM statistiques_a_recalculer ORDER BY depuis, collectivite_id LIMIT ${limit})
          UNION
          (SELECT c.id FROM collectivite c
           WHERE c.cdg_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM statistiques_agregat a WHERE a.collectivite_id = c.id)
           ORDER BY c.id LIMIT ${limit})`),
      );
      return rows.slice(0, limit).map((r) => r.id);
    },

    /** Drops the markers a refresh started at `avant` has covered (a later write keeps its own). */
    async effacerMarques(db: Db, ids: readonly string[], avant: Date) {
      if (ids.length === 0) return;
      await db.execute(sql`
        DELETE FROM statistiques_a_recalculer
        WHERE collectivite_id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) AND depuis <= ${avant}`);
    },

    /** The CDGs with collectivités, for the nightly refresh. */
    async cdgs(db: Db): Promise<string[]> {
      const rows = rowsOf<{ id: string }>(
        await db.execute(sql`SELECT DISTINCT cdg_id AS id FROM collectivite WHERE cdg_id IS NOT NULL ORDER BY 1`),
      );
      return rows.map((r) => r.id);
    },

    /** The collectivités among `ids` that belong to a CDG, with it (the others have no CDG dashboard). */
    async avecCdg(db: Db, ids: readonly string[]): Promise<{ id: string; cdgId: string }[]> {
      if (ids.length === 0) return [];
      return rowsOf<{ id: string; cdg_id: string }>(
        await db.execute(sql`
          SELECT id, cdg_id FROM collectivite WHERE cdg_id IS NOT NULL AND id IN (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) ORDER BY id`),
      ).map((r) => ({ id: r.id, cdgId: r.cdg_id }));
    },

    /** The collectivités of a CDG, ordered by id. */
    async duCdg(db: Db, cdgId: string): Promise<string[]> {
      return rowsOf<{ id: string }>(
        await db.execute(sql`SELECT id FROM collectivite WHERE cdg_id = ${cdgId}::uuid ORDER BY id`),
      ).map((r) => r.id);
    },

    /** CITIS (accidents and professional diseases) still open, per collectivité. */
    async citisOuverts(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = rowsOf<{ collectivite_id: string; n: string }>(
        await db.execute(sql`
          SELECT collectivite_id, count(*) AS n FROM sinistre
          WHERE statut = 'ouvert' AND categorie IN ('accident_service', 'accident_trajet', 'maladie_professionnelle')
            AND collectivite_id IN (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
          GROUP BY collectivite_id`),
      );
      return new Map(rows.map((r) => [r.collectivite_id, Number(r.n)]));
    },

    /**
     * Replaces the aggregates of `ids` by `rows` in one transaction: rows of spans no longer computed
     * (a year gone past the last five) are dropped. With `cdgAJour` (the default) their CDGs' ranks and
     * sums are computed again from the rows as they then stand; without (a chunk of the nightly refresh
     * but its CDG's last), the rows keep their previous ranks and the CDG its sums, both of the previous
     * state, which the date on screen (the oldest row's) still tells, until the last chunk.
     */
    async ecrire(db: Db, ids: readonly string[], rows: readonly AgregatInsert[], cdgAJour = true) {
      if (ids.length === 0) return;
      await db.transaction(async (tx) => {
        const avant = new Map<string, { rang: number | null; sur: number }>();
        const cle = (r: { anneeDebut: number; anneeFin: number; maternite: string; collectiviteId: string }) =>
          `${r.anneeDebut}:${r.anneeFin}:${r.maternite}:${r.collectiviteId}`;
        if (!cdgAJour)
          for (const r of await tx
            .select({
              anneeDebut: statistiquesAgregat.anneeDebut,
              anneeFin: statistiquesAgregat.anneeFin,
              maternite: statistiquesAgregat.maternite,
              collectiviteId: statistiquesAgregat.collectiviteId,
              rang: statistiquesAgregat.rang,
              sur: statistiquesAgregat.sur,
            })
            .from(statistiquesAgregat)
            .where(inArray(statistiquesAgregat.collectiviteId, [...ids])))
            avant.set(cle(r), { rang: r.rang, sur: r.sur });
        await tx.delete(statistiquesAgregat).where(inArray(statistiquesAgregat.collectiviteId, [...ids]));
        const lignes = cdgAJour ? rows : rows.map((r) => ({ ...r, ...avant.get(cle(r)) }));
        // A few hundred rows per statement: far from the 65 535 parameters of a statement.
        for (let i = 0; i < lignes.length; i += 300)
          await tx.insert(statistiquesAgregat).values(lignes.slice(i, i + 300));
        if (!cdgAJour) return;
        const cdgs = sql`(SELECT DISTINCT cdg_id FROM collectivite WHERE cdg_id IS NOT NULL AND id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`;
        // Every rank of their CDGs from the rows as they now stand: a collectivité's change moves its
        // peers. Only the ranks that moved are written (a chunk of the nightly refresh moves few).
        await tx.execute(sql`
          UPDATE statistiques_agregat a SET rang = x.rang, sur = x.sur
          FROM (
            SELECT annee_debut, annee_fin, maternite, collectivite_id,
                   CASE WHEN ${CLASSE} THEN rank() OVER (
                     PARTITION BY cdg_id, annee_debut, annee_fin, maternite, strate, ${CLASSE} ORDER BY ${TAUX}) END AS rang,
                   count(*) FILTER (WHERE ${CLASSE}) OVER (PARTITION BY cdg_id, annee_debut, annee_fin, maternite, strate) AS sur
            FROM statistiques_agregat WHERE cdg_id IN ${cdgs}
          ) x
          WHERE a.annee_debut = x.annee_debut AND a.annee_fin = x.annee_fin AND a.maternite = x.maternite
            AND a.collectivite_id = x.collectivite_id
            AND (a.rang IS DISTINCT FROM x.rang OR a.sur IS DISTINCT FROM x.sur)`);
        // Their CDGs' sums, every span, from the rows just written: the page reads them as they are here.
        await tx.execute(sql`DELETE FROM statistiques_agregat_cdg WHERE cdg_id IN ${cdgs}`);
        await tx.execute(sql`
          INSERT INTO statistiques_agregat_cdg (cdg_id, annee_debut, annee_fin, maternite, strates, calcule_le)
          SELECT s.k, s.annee_debut, s.annee_fin, s.maternite,
                 jsonb_agg(to_jsonb(s) - 'k' - 'annee_debut' - 'annee_fin' ORDER BY s.strate), now()
          FROM (${sommesParStrate(sql`
            SELECT a.*, a.cdg_id AS k FROM statistiques_agregat a WHERE a.cdg_id IN ${cdgs}`)}) s
          GROUP BY s.k, s.annee_debut, s.annee_fin, s.maternite`);
      });
    },

    /**
     * The collectivité's size stratum in its CDG for the civil year `annee` (its precomputed row): the
     * counts of every member, read across the CDG's collectivités whatever the caller's scope — only the
     * rank and the pooled taux of `classerDansStrate` leave the service. Empty when the collectivité has
     * no row of that year (no CDG, a year outside the last five, not computed yet).
     */
    async strateDe(
      db: Db,
      collectiviteId: string,
      annee: number,
      maternite: Maternite,
    ): Promise<{ membres: MembreStrate[]; calculeLe: Date | null }> {
      const rows = rowsOf<{
        collectivite_id: string;
        agents_cnracl: number;
        jours: number;
        jours_agents: number | string;
        arrets: number;
        calcule_le: Date | string;
      }>(
        await db.execute(sql`
          WITH moi AS (
            SELECT a.strate, c.cdg_id FROM statistiques_agregat a JOIN collectivite c ON c.id = a.collectivite_id
            WHERE a.collectivite_id = ${collectiviteId}::uuid AND a.annee_debut = ${annee} AND a.annee_fin = ${annee}
              AND a.maternite = ${maternite}
          )
          SELECT a.collectivite_id, a.agents_cnracl, a.jours, a.jours_agents, a.arrets, a.calcule_le
          FROM moi JOIN collectivite c ON c.cdg_id = moi.cdg_id
          JOIN statistiques_agregat a ON a.collectivite_id = c.id AND a.annee_debut = ${annee}
            AND a.annee_fin = ${annee} AND a.maternite = ${maternite} AND a.strate = moi.strate`),
      );
      const moi = rows.find((r) => r.collectivite_id === collectiviteId);
      return {
        membres: rows.map((r) => ({
          collectiviteId: r.collectivite_id,
          agentsCnracl: Number(r.agents_cnracl),
          jours: Number(r.jours),
          joursAgents: Number(r.jours_agents),
          arrets: Number(r.arrets),
        })),
        calculeLe: moi ? new Date(moi.calcule_le) : null,
      };
    },

    /** The span's sums over the scope, per size stratum (the CDG's indicators and the strata's taux), live. */
    async sommes(db: Db, scope: Scope, p: Span): Promise<StrateSommeRow[]> {
      return rowsOf<StrateSommeRow>(
        await db.execute(
          sommesParStrate(sql`
            SELECT a.*, 0 AS k FROM statistiques_agregat a
            WHERE a.annee_debut = ${p.debut} AND a.annee_fin = ${p.fin} AND a.maternite = ${p.maternite}
              AND ${inScope(scope, { collectiviteId: sql`a.collectivite_id` })}`),
        ),
      );
    },

    /** The same sums of a CDG as precomputed by the job: one row read, none summed. */
    async sommesCdg(db: Db, cdgId: string, p: Span): Promise<StrateSommeRow[]> {
      const [r] = rowsOf<{ strates: StrateSommeRow[] }>(
        await db.execute(sql`
          SELECT strates FROM statistiques_agregat_cdg
          WHERE cdg_id = ${cdgId}::uuid AND annee_debut = ${p.debut} AND annee_fin = ${p.fin}
            AND maternite = ${p.maternite}`),
      );
      return r?.strates ?? [];
    },

    /**
     * One page of the scope's collectivités for the span in the order asked, each with its rank by taux
     * within its stratum as the job stored it: an indexed read of the CDG's rows of the span, no window.
     */
    async page(
      db: Db,
      scope: Scope,
      q: Span & { tri: TStatistiquesCdgQuery['tri']; ordre: 'asc' | 'desc' },
      after: CurseurCdg | null,
      limit: number,
    ): Promise<LigneAgregatRow[]> {
      const key = cleDe(q.tri, q.ordre);
      const cmp = q.ordre === 'asc' ? sql`>` : sql`<`;
      const dir = q.ordre === 'asc' ? sql`ASC` : sql`DESC`;
      const collate = key.collate ?? sql``;
      const keyset = after
        ? sql`WHERE (cle${collate}, collectivite_id) ${cmp} (${after.cle}::${key.cast}${collate}, ${after.collectiviteId}::uuid)`
        : sql``;
      // A CDG's gestionnaire reads his CDG's rows by their index; the scope's filter stays the guard.
      const duCdg =
        scope.kind === 'staff' && scope.organisation.kind === 'cdg'
          ? sql`a.cdg_id = ${scope.organisation.id}::uuid AND`
          : sql``;
      return rowsOf<LigneAgregatRow>(
        await db.execute(sql`
          SELECT collectivite_id, nom, ligne, rang, sur, cle::text AS cle_texte
          FROM (
            SELECT a.*, c.nom, ${key.expr} AS cle
            FROM statistiques_agregat a JOIN collectivite c ON c.id = a.collectivite_id
            WHERE ${duCdg} a.annee_debut = ${q.debut} AND a.annee_fin = ${q.fin} AND a.maternite = ${q.maternite}
              AND ${inScope(scope, { collectiviteId: sql`a.collectivite_id` })}
          ) cles ${keyset}
          ORDER BY cle${collate} ${dir}, collectivite_id ${dir}
          LIMIT ${limit}`),
      );
    },
  };
}

export type StatistiquesCdgRepository = ReturnType<typeof createStatistiquesCdgRepository>;
