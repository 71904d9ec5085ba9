import { A_FAIRE_PLAFOND } from '@statutis/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { enRetardCondition } from '../sinistres/sinistres.repository.js';

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
    brouillons(db: Db, collectiviteId: string) {
      return found(
        db,
        sql`SELECT id FROM sinistre WHERE collectivite_id = ${collectiviteId} AND statut = 'brouillon' LIMIT ${LIMIT}`,
      );
    },
    /**
     * Missing mandatory pieces, summed over at most LIMIT incomplete sinistres (partial index
     * `sinistre_incomplet_idx`): each misses at least one, so a full read already means « more ».
     */
    piecesManquantes(db: Db, collectiviteId: string) {
      return found(
        db,
        sql`SELECT id, pieces_manquantes AS n FROM sinistre
            WHERE collectivite_id = ${collectiviteId} AND pieces_manquantes > 0 LIMIT ${LIMIT}`,
      );
    },
    /** Sinistres with an unread handler's comment (partial index `commentaire_non_lu_idx`). */
    commentairesNonLus(db: Db, collectiviteId: string) {
      return found(
        db,
        sql`SELECT DISTINCT sinistre_id AS id FROM commentaire
            WHERE collectivite_id = ${collectiviteId} AND gestion AND lu_le IS NULL LIMIT ${LIMIT}`,
      );
    },
    /** The deadlines for supporting documents of the contracts the collectivité holds, in days. */
    async delaisPieces(db: Db, collectiviteId: string): Promise<number[]> {
      const result = await db.execute(sql`
        SELECT DISTINCT g.delai_pieces_jours AS d FROM garantie g
        JOIN adhesion a ON a.contrat_id = g.contrat_id
        WHERE a.collectivite_id = ${collectiviteId} AND g.couvert
        ORDER BY 1`);
      return (result as unknown as { rows: { d: number }[] }).rows.map((r) => Number(r.d));
    },
    /**
     * Sinistres not closed whose mandatory pieces are still missing more than their garantie's deadline
     * after the declaration (`enRetardCondition`). A sinistre is declared after it happened, so only
     * those that happened before `survenusAvant` (today − the shortest deadline) can be late: the
     * partial index `sinistre_incomplet_statut_idx` gives just those.
     */
    enRetard(db: Db, collectiviteId: string, now: Date, survenusAvant: string) {
      return found(
        db,
        sql`SELECT s.id FROM sinistre s
            WHERE s.collectivite_id = ${collectiviteId} AND s.pieces_manquantes > 0
              AND s.statut IN ('brouillon', 'ouvert') AND s.date_survenance < ${survenusAvant}
              AND ${enRetardCondition(sql`s`, now)}
            LIMIT ${LIMIT}`,
      );
    },
  };
}

export type AccueilRepository = ReturnType<typeof createAccueilRepository>;
