import { PIECE_AUTRE, PIECE_STATUTS_PRESENTS, transitionPiece } from '@statutis/domain';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { nameContains } from '../../db/search.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { contratOfSinistre } from '../sinistres/sinistres.repository.js';
import { piece, pieceModele } from './pieces.table.js';

export type PieceRow = typeof piece.$inferSelect;
export type PieceModeleRow = typeof pieceModele.$inferSelect;

export type DocumentManquantRow = {
  sinistreId: string;
  numero: number;
  categorie: string;
  statut: string;
  dateSurvenance: string;
  agentId: string;
  agentNom: string;
  agentPrenom: string;
  code: string;
  libelle: string;
  arretId: string | null;
  arretDebut: string | null;
  arretFin: string | null;
};

const missingSorts = {
  dateSurvenance: sql`s.date_survenance`,
  agent: sql`a.tri COLLATE "C", a.nom COLLATE "C", a.prenom COLLATE "C"`,
};

/** The statuses that make a piece present, as the domain's `statutExigence` reads them. */
const presentes = sql.join(
  PIECE_STATUTS_PRESENTS.map((st) => sql`${st}`),
  sql`, `,
);

/**
 * The missing mandatory pieces of the sinistres matching `where`, one row per piece: the rule of
 * the domain's `exigencesPieces` + `libellesManquants` written in SQL, so that a large collectivité
 * pages it without loading its sinistres. The regime is the one of the sinistre's contract;
 * declaration and imputability pieces once, arrêt pieces once per arrêt, reprise pieces once a
 * return to work is known (not for the part a requalification split off an arrêt); a piece refused or
 * replaced is missing again. The test
 * `sinistres-pieces-regle.test.ts` runs both over every étape.
 */
const missingFrom = (where: SQL) => sql`
  FROM sinistre s
  JOIN contrat co ON co.id = s.contrat_id
  JOIN agent a ON a.id = s.agent_id AND a.collectivite_id = s.collectivite_id
  JOIN piece_modele m ON m.categorie = s.categorie AND m.actif AND m.obligatoire AND m.code <> ${PIECE_AUTRE}
    AND (m.regime IS NULL OR m.regime = co.regime)
  LEFT JOIN arret ar ON m.etape = 'arret' AND ar.collectivite_id = s.collectivite_id AND ar.sinistre_id = s.id
    AND ar.origine_id IS NULL
  WHERE ${where}
    AND (m.etape <> 'arret' OR ar.id IS NOT NULL)
    AND (m.etape <> 'reprise' OR EXISTS (
      SELECT 1 FROM arret r
      WHERE r.collectivite_id = s.collectivite_id AND r.sinistre_id = s.id AND r.reprise IS NOT NULL))
    AND NOT EXISTS (
      SELECT 1 FROM piece p
      WHERE p.collectivite_id = s.collectivite_id AND p.sinistre_id = s.id AND p.code = m.code
        AND p.statut IN (${presentes}) AND p.arret_id IS NOT DISTINCT FROM ar.id
    )`;

/** A piece's row in the scope: its collectivité's, and for an insurer's staff, of a sinistre of his contracts. */
const pieceInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: piece.collectiviteId, contratId: contratOfSinistre(piece.sinistreId) });

/** The status a transition of the domain's table leads to; the table refusing it is a bug here. */
function transitionOrThrow(from: 'refusee', action: 'remplacer') {
  const t = transitionPiece(from, action);
  if (!t.ok) throw new Error(t.message);
  return t.to;
}

/** Pieces of sinistres and the catalogue they follow. */
export function createPiecesRepository() {
  return {
    async catalogue(db: Db, categorie?: string): Promise<PieceModeleRow[]> {
      return db
        .select()
        .from(pieceModele)
        .where(categorie ? eq(pieceModele.categorie, categorie) : undefined)
        .orderBy(asc(pieceModele.categorie), asc(pieceModele.ordre), asc(pieceModele.libelle));
    },
    async findModele(db: Db, id: string): Promise<PieceModeleRow | null> {
      const [row] = await db.select().from(pieceModele).where(eq(pieceModele.id, id));
      return row ?? null;
    },
    async insertModele(db: Db, values: typeof pieceModele.$inferInsert): Promise<PieceModeleRow> {
      const [row] = await db.insert(pieceModele).values(values).returning();
      return row!;
    },
    async updateModele(db: Db, id: string, values: Partial<typeof pieceModele.$inferInsert>): Promise<PieceModeleRow> {
      const [row] = await db.update(pieceModele).set(values).where(eq(pieceModele.id, id)).returning();
      return row!;
    },
    async nextOrdre(db: Db, categorie: string): Promise<number> {
      const [row] = await db
        .select({ max: sql<number>`coalesce(max(${pieceModele.ordre}), 0)` })
        .from(pieceModele)
        .where(eq(pieceModele.categorie, categorie));
      return Number(row?.max ?? 0) + 10;
    },

    async pieces(db: Db, scope: Scope, sinistreId: string): Promise<PieceRow[]> {
      return db
        .select()
        .from(piece)
        .where(and(pieceInScope(scope), eq(piece.sinistreId, sinistreId)))
        .orderBy(asc(piece.createdAt));
    },
    async find(db: Db, scope: Scope, sinistreId: string, id: string): Promise<PieceRow | null> {
      const [row] = await db
        .select()
        .from(piece)
        .where(and(pieceInScope(scope), eq(piece.sinistreId, sinistreId), eq(piece.id, id)));
      return row ?? null;
    },
    async insert(db: Db, values: typeof piece.$inferInsert): Promise<PieceRow> {
      const [row] = await db.insert(piece).values(values).returning();
      return row!;
    },
    /**
     * The refused pieces a new deposit replaces (same type, same arrêt): « remplacée », the one
     * transition of the domain's table the employer takes. Returns how many.
     */
    async replaceRefused(
      db: Db,
      values: { sinistreId: string; code: string; arretId: string | null; exceptId: string },
    ) {
      const rows = await db
        .update(piece)
        .set({ statut: transitionOrThrow('refusee', 'remplacer') })
        .where(
          and(
            eq(piece.sinistreId, values.sinistreId),
            eq(piece.code, values.code),
            values.arretId ? eq(piece.arretId, values.arretId) : isNull(piece.arretId),
            eq(piece.statut, 'refusee'),
            sql`${piece.id} <> ${values.exceptId}`,
          ),
        )
        .returning({ id: piece.id });
      return rows.length;
    },
    async remove(db: Db, scope: Scope, id: string) {
      await db.delete(piece).where(and(pieceInScope(scope), eq(piece.id, id)));
    },

    /**
     * Recounts `sinistre.pieces_manquantes` of these sinistres by the rule of the list. Only through
     * `sinistreChanged` (sinistres/sinistre-changed.ts), which locks the rows first: a count read
     * before a concurrent deposit commits would otherwise overwrite the deposit's own.
     * Answers the sinistres whose count changed, with the old and new values.
     */
    async recount(db: Db, sinistreIds: readonly string[]) {
      if (sinistreIds.length === 0) return [];
      const ids = sql.join(
        sinistreIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const result = await db.execute(sql`
        UPDATE sinistre x SET pieces_manquantes = coalesce(m.n, 0)
        FROM sinistre y
        LEFT JOIN (SELECT s.id, count(*)::int AS n ${missingFrom(sql`s.id IN (${ids})`)} GROUP BY s.id) m ON m.id = y.id
        WHERE x.id = y.id AND y.id IN (${ids}) AND x.pieces_manquantes <> coalesce(m.n, 0)
        RETURNING x.id, y.pieces_manquantes AS "avant", x.pieces_manquantes AS "apres"`);
      return (result as unknown as { rows: { id: string; avant: number; apres: number }[] }).rows;
    },

    /** The count the rule gives each of these sinistres, without writing it (the étape test compares it). */
    async missingCounts(db: Db, sinistreIds: readonly string[]): Promise<Map<string, number>> {
      const counts = new Map(sinistreIds.map((id) => [id, 0]));
      if (sinistreIds.length === 0) return counts;
      const ids = sql.join(
        sinistreIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const result = await db.execute(
        sql`SELECT s.id, count(*)::int AS n ${missingFrom(sql`s.id IN (${ids})`)} GROUP BY s.id`,
      );
      for (const r of (result as unknown as { rows: { id: string; n: number }[] }).rows) counts.set(r.id, Number(r.n));
      return counts;
    },

    /**
     * Per collectivité, the missing mandatory pieces of its sinistres declared before `declaresAvant`
     * and not closed, for the weekly reminder.
     */
    async relances(db: Db, declaresAvant: Date) {
      const result = await db.execute(sql`
        SELECT r."collectiviteId", c.nom, r.pieces, r.sinistres
        FROM (
          SELECT s.collectivite_id AS "collectiviteId", count(*)::int AS pieces, count(DISTINCT s.id)::int AS sinistres
          ${missingFrom(sql`s.pieces_manquantes > 0 AND s.statut <> 'clos' AND s.created_at < ${declaresAvant}`)}
          GROUP BY s.collectivite_id
        ) r JOIN collectivite c ON c.id = r."collectiviteId"
        ORDER BY c.nom`);
      return (
        result as unknown as { rows: { collectiviteId: string; nom: string; pieces: number; sinistres: number }[] }
      ).rows;
    },
    /** Who receives it: the active Publicateurs and Administrateurs, at their notification address. */
    async destinatairesRelance(db: Db, collectiviteId: string) {
      const result = await db.execute(sql`
        SELECT coalesce(u.email_notification, u.email) AS email, u.prenom
        FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.collectivite_id = ${collectiviteId} AND m.active AND u.enabled
          AND m.role IN ('publicateur', 'administrateur') AND u.password_hash IS NOT NULL
        ORDER BY u.email`);
      return (result as unknown as { rows: { email: string; prenom: string }[] }).rows;
    },

    /** Every missing mandatory piece of the collectivité's sinistres, a page at a time. */
    async documentsManquants(
      db: Db,
      scope: Scope,
      f: { search?: string; categorie?: string; statut?: string },
      q: { sort: keyof typeof missingSorts; direction: 'asc' | 'desc'; limit: number; offset: number },
    ): Promise<{ rows: DocumentManquantRow[]; total: number }> {
      const search = f.search?.trim();
      const like = search ? nameContains(search) : null;
      const filters = sql`
          ${f.categorie ? sql`AND s.categorie = ${f.categorie}` : sql``}
          ${f.statut ? sql`AND s.statut = ${f.statut}` : sql``}
          ${like ? sql`AND a.recherche LIKE ${like}` : sql``}`;
      // Only the incomplete sinistres are read: a partial index holds them.
      const incomplets = sql`${inScope(scope, { collectiviteId: sql`s.collectivite_id`, contratId: sql`s.contrat_id` })} AND s.pieces_manquantes > 0`;
      const direction = q.direction === 'desc' ? sql`DESC` : sql`ASC`;
      const order =
        q.sort === 'agent'
          ? sql`a.tri COLLATE "C" ${direction}, a.nom COLLATE "C" ${direction}, a.prenom COLLATE "C" ${direction}, s.numero DESC`
          : sql`${missingSorts.dateSurvenance} ${direction}, s.numero DESC`;
      const agentJoin =
        like !== null || q.sort === 'agent'
          ? sql`JOIN agent a ON a.id = s.agent_id AND a.collectivite_id = s.collectivite_id`
          : sql``;
      // Each incomplete sinistre knows how many pieces it misses: a running sum in the list's order
      // finds the few sinistres that hold the requested page, and only those are expanded piece by
      // piece, whatever the size of the collectivité.
      const [windowed, totals] = await Promise.all([
        db.execute(sql`
          SELECT id, before FROM (
            SELECT s.id, s.pieces_manquantes AS n,
                   sum(s.pieces_manquantes) OVER (ORDER BY ${order} ROWS UNBOUNDED PRECEDING) - s.pieces_manquantes AS before
            FROM sinistre s ${agentJoin}
            WHERE ${incomplets} ${filters}
          ) x
          WHERE before < ${q.offset + q.limit} AND before + n > ${q.offset}`),
        db.execute(sql`
          SELECT coalesce(sum(s.pieces_manquantes), 0)::int AS n
          FROM sinistre s ${like ? sql`JOIN agent a ON a.id = s.agent_id AND a.collectivite_id = s.collectivite_id` : sql``}
          WHERE ${incomplets} ${filters}`),
      ]);
      const page = (windowed as unknown as { rows: { id: string; before: string | number }[] }).rows;
      const total = (totals as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
      if (page.length === 0) return { rows: [], total: Number(total) };
      const skip = q.offset - Math.min(...page.map((r) => Number(r.before)));
      const ids = sql.join(
        page.map((r) => sql`${r.id}`),
        sql`, `,
      );
      const rows = await db.execute(sql`
          SELECT s.id AS "sinistreId", s.numero, s.categorie, s.statut, s.date_survenance::text AS "dateSurvenance",
            a.id AS "agentId", a.nom AS "agentNom", a.prenom AS "agentPrenom", m.code, m.libelle,
            ar.id AS "arretId", ar.debut::text AS "arretDebut", ar.fin::text AS "arretFin"
          ${missingFrom(sql`s.id IN (${ids})`)}
          ORDER BY ${order}, m.ordre, ar.debut
          LIMIT ${q.limit} OFFSET ${Math.max(0, skip)}`);
      const list = (rows as unknown as { rows: DocumentManquantRow[] }).rows;
      return { rows: list.map((r) => ({ ...r, numero: Number(r.numero) })), total: Number(total) };
    },
  };
}
export type PiecesRepository = ReturnType<typeof createPiecesRepository>;
