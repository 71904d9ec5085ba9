import type { TSinistraliteQuery } from '@statutis/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';

export type SinistraliteRow = {
  collectivite_id: string;
  contrat_id: string;
  nom: string;
  numero: string;
  primes: string;
  base_type: 'reelle' | 'previsionnelle' | null;
  regle: string;
  du: string;
  cle_texte: string;
  lignes: string;
  t_primes: string;
  t_regle: string;
  t_du: string;
};

/** Where a page starts: the last line's sort key and its collectivité and contract. */
export type SinistraliteCursor = { cle: string; collectiviteId: string; contratId: string };

export function encodeCursor(c: SinistraliteCursor): string {
  return Buffer.from(JSON.stringify([c.cle, c.collectiviteId, c.contratId])).toString('base64url');
}

/** An unreadable cursor starts again at the first page rather than failing. */
export function decodeCursor(text: string): SinistraliteCursor | null {
  try {
    const [cle, collectiviteId, contratId] = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown[];
    const uuid = /^[0-9a-f-]{36}$/;
    if (typeof cle !== 'string' || typeof collectiviteId !== 'string' || typeof contratId !== 'string') return null;
    if (!uuid.test(collectiviteId) || !uuid.test(contratId)) return null;
    return { cle, collectiviteId, contratId };
  } catch {
    return null;
  }
}

/** Each sort key, as text in the cursor and typed for the comparison. */
const sortKeys: Record<TSinistraliteQuery['tri'], { expr: SQL; cast: SQL; collate?: SQL }> = {
  // Exact ratio for the order (the page shows it rounded); no premiums sorts below every ratio.
  rapport: {
    expr: sql`COALESCE((regle + du)::numeric / NULLIF(primes, 0), -1e15)`,
    cast: sql`numeric`,
  },
  primes: { expr: sql`primes::numeric`, cast: sql`numeric` },
  sinistres: { expr: sql`(regle + du)::numeric`, cast: sql`numeric` },
  // French order, byte by byte on the folded name (`collectivite.tri`): the same on PGlite and PostgreSQL.
  collectivite: { expr: sql`tri || chr(1) || nom`, cast: sql`text`, collate: sql` COLLATE "C"` },
};

export function createSinistraliteRepository() {
  return {
    /**
     * One statement: the premiums of the year (the base réelle once declared, else the
     * prévisionnelle: rate × base, stored with the base), the validated décomptes of days in the year
     * (paid when their règlement is paid, due otherwise), per collectivité and contract of the scope,
     * with the totals of every line of the filter, and the page after `after` in the order asked.
     */
    async page(
      db: Db,
      scope: Scope,
      q: Pick<TSinistraliteQuery, 'annee' | 'contratId' | 'tri' | 'ordre'>,
      after: SinistraliteCursor | null,
      limit: number,
    ): Promise<SinistraliteRow[]> {
      const key = sortKeys[q.tri];
      const [du, au] = [`${q.annee}-01-01`, `${q.annee}-12-31`];
      const contratB = q.contratId ? sql`AND b.contrat_id = ${q.contratId}` : sql``;
      const contratD = q.contratId ? sql`AND d.contrat_id = ${q.contratId}` : sql``;
      const cmp = q.ordre === 'asc' ? sql`>` : sql`<`;
      const dir = q.ordre === 'asc' ? sql`ASC` : sql`DESC`;
      const collate = key.collate ?? sql``;
      const keyset = after
        ? sql`WHERE (cle${collate}, collectivite_id, contrat_id) ${cmp} (${after.cle}::${key.cast}${collate}, ${after.collectiviteId}::uuid, ${after.contratId}::uuid)`
        : sql``;
      const result = await db.execute(sql`
        WITH primes AS (
          SELECT DISTINCT ON (b.collectivite_id, b.contrat_id)
                 b.collectivite_id, b.contrat_id, b.cotisation AS primes, b.type AS base_type
          FROM base_assurance b
          WHERE b.annee = ${q.annee}
            AND ${inScope(scope, { collectiviteId: sql`b.collectivite_id`, contratId: sql`b.contrat_id` })} ${contratB}
          ORDER BY b.collectivite_id, b.contrat_id, (b.type = 'reelle') DESC
        ), charges AS (
          SELECT d.collectivite_id, d.contrat_id,
                 COALESCE(sum(d.a_regler) FILTER (WHERE r.statut = 'paye'), 0) AS regle,
                 COALESCE(sum(d.a_regler) FILTER (WHERE r.statut IS DISTINCT FROM 'paye'), 0) AS du
          FROM decompte d LEFT JOIN reglement r ON r.id = d.reglement_id
          WHERE d.statut = 'valide' AND d.periode_du BETWEEN ${du}::date AND ${au}::date
            AND ${inScope(scope, { collectiviteId: sql`d.collectivite_id`, contratId: sql`d.contrat_id` })} ${contratD}
          GROUP BY d.collectivite_id, d.contrat_id
        ), lignes AS (
          SELECT COALESCE(p.collectivite_id, c.collectivite_id) AS collectivite_id,
                 COALESCE(p.contrat_id, c.contrat_id) AS contrat_id,
                 COALESCE(p.primes, 0)::bigint AS primes, p.base_type,
                 COALESCE(c.regle, 0)::bigint AS regle, COALESCE(c.du, 0)::bigint AS du
          FROM primes p FULL JOIN charges c ON c.collectivite_id = p.collectivite_id AND c.contrat_id = p.contrat_id
        ), totaux AS (
          SELECT l.*, co.nom, co.tri, ct.numero,
                 count(*) OVER () AS lignes, sum(l.primes) OVER () AS t_primes,
                 sum(l.regle) OVER () AS t_regle, sum(l.du) OVER () AS t_du
          FROM lignes l
          JOIN collectivite co ON co.id = l.collectivite_id
          JOIN contrat ct ON ct.id = l.contrat_id
        ), cles AS (
          SELECT totaux.*, ${key.expr} AS cle FROM totaux
        )
        SELECT collectivite_id, contrat_id, nom, numero, primes, base_type, regle, du, cle::text AS cle_texte,
               lignes, t_primes, t_regle, t_du
        FROM cles ${keyset}
        ORDER BY cle${collate} ${dir}, collectivite_id ${dir}, contrat_id ${dir}
        LIMIT ${limit}`);
      return (result as unknown as { rows: SinistraliteRow[] }).rows;
    },
  };
}

export type SinistraliteRepository = ReturnType<typeof createSinistraliteRepository>;
