import { A_FAIRE_PLAFOND } from '@statutis/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type TenantScope } from '../../lib/scope.js';
import { enRetardCondition } from '../sinistres/sinistres.repository.js';

/** A sinistre of the scope (an insurer's staff: of his contracts only), as alias `s`. */
const sinistreInScope = (scope: TenantScope) =>
  inScope(scope, { collectiviteId: sql`s.collectivite_id`, contratId: sql`s.contrat_id` });

/**
 * Every count reads at most `A_FAIRE_PLAFOND + 1` rows of one index (named beside each query): the
 * home page of a 12 000-agent collectivité costs what a small one's does.
 */
const LIMIT = A_FAIRE_PLAFOND + 1;

/** The sinistres found (at most LIMIT), and how many pieces they miss when the query says it. */
export type Trouves = { ids: string[]; pieces: number };

async function found(db: Db, query: SQL): Promise<Trouves> {
  const result = await db.execute(query);
  const rows = (result as unknown as { rows: { id: string; n?: number | string }[] }).rows;
  return { ids: rows.map((r) => r.id), pieces: rows.reduce((sum, r) => sum + Number(r.n ?? 0), 0) };
}

/** What waits for the collectivité on its home page, counted within a bound. */
export function createAccueilRepository() {
  return {
    /** Sinistres at the Brouillon status (index `sinistre_collectivite_statut_idx`). */
    brouillons(db: Db, scope: TenantScope) {
      return found(
        db,
        sql`SELECT s.id FROM sinistre s WHERE ${sinistreInScope(scope)} AND s.statut = 'brouillon' LIMIT ${LIMIT}`,
      );
    },
    /**
     * Missing mandatory pieces, summed over at most LIMIT incomplete sinistres (partial index
     * `sinistre_incomplet_idx`): each misses at least one, so a full read already means « more ».
     */
    piecesManquantes(db: Db, scope: TenantScope) {
      return found(
        db,
        sql`SELECT s.id, s.pieces_manquantes AS n FROM sinistre s
            WHERE ${sinistreInScope(scope)} AND s.pieces_manquantes > 0 LIMIT ${LIMIT}`,
      );
    },
    /** Sinistres with an unread handler's comment (partial index `commentaire_non_lu_idx`). */
    commentairesNonLus(db: Db, scope: TenantScope) {
      return found(
        db,
        sql`SELECT DISTINCT c.sinistre_id AS id FROM commentaire c
            WHERE ${inScope(scope, {
              collectiviteId: sql`c.collectivite_id`,
              contratId: sql`(SELECT s.contrat_id FROM sinistre s WHERE s.id = c.sinistre_id)`,
            })} AND c.gestion AND c.lu_le IS NULL LIMIT ${LIMIT}`,
      );
    },
    /** The deadlines for supporting documents of the contracts the collectivité holds, in days. */
    async delaisPieces(db: Db, scope: TenantScope): Promise<number[]> {
      const result = await db.execute(sql`
        SELECT DISTINCT g.delai_pieces_jours AS d FROM garantie g
        WHERE ${contratInScope(scope, sql`g.contrat_id`)} AND g.couvert
        ORDER BY 1`);
      return (result as unknown as { rows: { d: number }[] }).rows.map((r) => Number(r.d));
    },
    /**
     * Sinistres not closed whose mandatory pieces are still missing more than their garantie's deadline
     * after the declaration (`enRetardCondition`). A sinistre is declared after it happened, so only
     * those that happened before `survenusAvant` (today − the shortest deadline) can be late: the
     * partial index `sinistre_incomplet_statut_idx` gives just those.
     */
    enRetard(db: Db, scope: TenantScope, now: Date, survenusAvant: string) {
      return found(
        db,
        sql`SELECT s.id FROM sinistre s
            WHERE ${sinistreInScope(scope)} AND s.pieces_manquantes > 0
              AND s.statut IN ('brouillon', 'ouvert') AND s.date_survenance < ${survenusAvant}
              AND ${enRetardCondition(sql`s`, now)}
            LIMIT ${LIMIT}`,
      );
    },
  };
}

export type AccueilRepository = ReturnType<typeof createAccueilRepository>;
