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
     * One statement over the precomputed sums (`sinistralite_total`, exact: kept by triggers in the
     * writers' transactions) per collectivité and contract of the scope for the year — a line shows
     * with a base or a validated décompte —, with the totals of every line of the filter, and the page
     * after `after` in the order asked.
     */
    async page(
      db: Db,
      scope: Scope,
      q: Pick<TSinistraliteQuery, 'annee' | 'contratId' | 'tri' | 'ordre'>,
      after: SinistraliteCursor | null,
      limit: number,
    ): Promise<SinistraliteRow[]> {
      const key = sortKeys[q.tri];
      const contrat = q.contratId ? sql`AND s.contrat_id = ${q.contratId}` : sql``;
      const cmp = q.ordre === 'asc' ? sql`>` : sql`<`;
      const dir = q.ordre === 'asc' ? sql`ASC` : sql`DESC`;
      const collate = key.collate ?? sql``;
      const keyset = after
        ? sql`WHERE (cle${collate}, collectivite_id, contrat_id) ${cmp} (${after.cle}::${key.cast}${collate}, ${after.collectiviteId}::uuid, ${after.contratId}::uuid)`
        : sql``;
      const result = await db.execute(sql`
        WITH lignes AS (
          SELECT s.collectivite_id, s.contrat_id, s.primes, s.base_type, s.regle, s.du
          FROM sinistralite_total s
          WHERE s.annee = ${q.annee} AND (s.base_type IS NOT NULL OR s.decomptes > 0)
            AND ${inScope(scope, { collectiviteId: sql`s.collectivite_id`, contratId: sql`s.contrat_id` })} ${contrat}
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
