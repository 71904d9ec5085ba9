import {
  and,
  asc,
  type Column,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  like,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { frenchNameOrder, nameContains } from '../../db/search.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { arret } from '../arrets/arrets.table.js';
import { adhesion, contrat, garantie } from '../contrats/contrats.table.js';
import { echeancePiecesSql, parisDay } from '../echeances/echeances.sql.js';
import { piece } from '../pieces/pieces.table.js';
import { commentaire, requalification, sinistre } from './sinistres.table.js';

export type SinistreRow = typeof sinistre.$inferSelect & {
  agentNom: string;
  agentPrenom: string;
  contratNumero: string;
  /** The regime of the sinistre's contract: the one its pieces follow, whatever the agent's today. */
  contratRegime: 'CNRACL' | 'IRCANTEC';
  /** The contract's last day (null: it runs without an end), which caps the declaration's deadline. */
  contratFin: string | null;
  commentairesNonLus: number;
};

/**
 * The contract of the sinistre a row belongs to (an arrêt, a piece, a comment), for `inScope`: read
 * only for an insurer's or broker's staff, whose scope stops at his contracts.
 */
export const contratOfSinistre = (sinistreId: Column | SQL) =>
  sql`(SELECT ${sinistre.contratId} FROM ${sinistre} WHERE ${sinistre.id} = ${sinistreId})`;

/** A sinistre in the scope: for a member, `collectivite_id = $1` (the indexes of the collectivité serve it). */
export const sinistreInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: sinistre.collectiviteId, contratId: sinistre.contratId });

/** Handlers' comments the collectivité has not opened yet. */
const nonLus = sql<number>`(SELECT count(*)::int FROM ${commentaire} WHERE ${commentaire.sinistreId} = ${sinistre.id} AND ${commentaire.gestion} AND ${commentaire.luLe} IS NULL)`;
const listColumns = {
  s: sinistre,
  agentNom: agent.nom,
  agentPrenom: agent.prenom,
  contratNumero: contrat.numero,
  contratRegime: contrat.regime,
  contratFin: contrat.dateFin,
};
const columns = { ...listColumns, commentairesNonLus: nonLus };
const flatten = (r: {
  s: typeof sinistre.$inferSelect;
  agentNom: string;
  agentPrenom: string;
  contratNumero: string;
  contratRegime: string;
  contratFin: string | null;
  commentairesNonLus: number;
}): SinistreRow => ({
  ...r.s,
  agentNom: r.agentNom,
  agentPrenom: r.agentPrenom,
  contratNumero: r.contratNumero,
  contratRegime: r.contratRegime as SinistreRow['contratRegime'],
  contratFin: r.contratFin,
  commentairesNonLus: Number(r.commentairesNonLus),
});

const commentaireInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: commentaire.collectiviteId, contratId: contratOfSinistre(commentaire.sinistreId) });

export type SinistreFilters = {
  agentId?: string;
  search?: string;
  categorie?: string;
  statut?: string;
  du?: string;
  au?: string;
  horsDelai?: boolean;
  /** Only those with an unread handler's comment. */
  nonLus?: boolean;
  /** Only those « en retard » at this instant (`enRetardCondition`). */
  enRetardAu?: Date;
};

const sorts = {
  dateSurvenance: [sinistre.dateSurvenance],
  numero: [sinistre.numero],
  agent: frenchNameOrder(agent.tri, agent.nom, agent.prenom),
};

/**
 * « En retard »: not closed, mandatory pieces missing, and the pieces' clock of `echeancesSinistre`
 * « Dépassée » on the French day of `now` (its due day passed): the search's filter `enRetard` and
 * the home page's count.
 */
export function enRetardCondition(alias: SQL, now: Date): SQL {
  return sql`${alias}.pieces_manquantes > 0 AND ${alias}.statut <> 'clos' AND EXISTS (
    SELECT 1 FROM garantie g WHERE g.contrat_id = ${alias}.contrat_id AND g.risque = ${alias}.categorie
      AND ${echeancePiecesSql(alias, sql`g`)} < ${parisDay(sql`${now}::timestamptz`)})`;
}

export function createSinistresRepository() {
  return {
    /** The contract of this regime the collectivité holds on that date. */
    async contratCouvrant(db: Db, collectiviteId: string, regime: 'CNRACL' | 'IRCANTEC', date: string) {
      const [row] = await db
        .select({ id: contrat.id, numero: contrat.numero, dateFin: contrat.dateFin })
        .from(contrat)
        .innerJoin(adhesion, and(eq(adhesion.contratId, contrat.id), eq(adhesion.collectiviteId, collectiviteId)))
        .where(
          and(
            eq(contrat.regime, regime),
            lte(contrat.dateEffet, date),
            or(sql`${contrat.dateFin} IS NULL`, gte(contrat.dateFin, date)),
          ),
        )
        .orderBy(desc(contrat.dateEffet))
        .limit(1);
      return row ?? null;
    },
    async garanties(db: Db, contratId: string) {
      return db.select().from(garantie).where(eq(garantie.contratId, contratId));
    },
    async insert(db: Db, values: typeof sinistre.$inferInsert) {
      const [row] = await db.insert(sinistre).values(values).returning({ id: sinistre.id });
      return row!.id;
    },
    async find(db: Db, scope: Scope, id: string, lock = false): Promise<SinistreRow | null> {
      const query = db
        .select(columns)
        .from(sinistre)
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .innerJoin(contrat, eq(contrat.id, sinistre.contratId))
        .where(and(sinistreInScope(scope), eq(sinistre.id, id)));
      const [row] = lock ? await query.for('update', { of: sinistre }) : await query;
      return row ? flatten(row) : null;
    },
    /** The agent's sinistres of that date of survenance, to warn of a declaration sent twice. */
    async memeJour(db: Db, scope: Scope, agentId: string, dateSurvenance: string) {
      return db
        .select({
          id: sinistre.id,
          numero: sinistre.numero,
          categorie: sinistre.categorie,
          dateSurvenance: sinistre.dateSurvenance,
        })
        .from(sinistre)
        .where(and(sinistreInScope(scope), eq(sinistre.agentId, agentId), eq(sinistre.dateSurvenance, dateSurvenance)))
        .orderBy(asc(sinistre.numero))
        .limit(20);
    },
    /** Whether a handler has already looked at the sinistre: a comment of his, or a piece he examined. */
    async vuParGestionnaire(db: Db, scope: Scope, sinistreId: string): Promise<'commentaire' | 'piece' | null> {
      const [c] = await db
        .select({ id: commentaire.id })
        .from(commentaire)
        .where(and(commentaireInScope(scope), eq(commentaire.sinistreId, sinistreId), eq(commentaire.gestion, true)))
        .limit(1);
      if (c) return 'commentaire';
      const [p] = await db
        .select({ id: piece.id })
        .from(piece)
        .where(
          and(
            inScope(scope, { collectiviteId: piece.collectiviteId, contratId: contratOfSinistre(piece.sinistreId) }),
            eq(piece.sinistreId, sinistreId),
            ne(piece.statut, 'deposee'),
          ),
        )
        .limit(1);
      return p ? 'piece' : null;
    },
    /**
     * Deletes a sinistre; its arrêts, enquête, pieces, requalifications and comments go with it
     * (foreign keys « on delete cascade »). Answers the pieces' storage keys, to remove the files after commit.
     */
    async remove(db: Db, scope: Scope, sinistreId: string) {
      const [s] = await db
        .select({ id: sinistre.id, collectiviteId: sinistre.collectiviteId })
        .from(sinistre)
        .where(and(sinistreInScope(scope), eq(sinistre.id, sinistreId)));
      if (!s) return { storageKeys: [], arrets: 0 };
      // The sinistre is in scope: its pieces and arrêts are those of its collectivité.
      const files = await db
        .select({ key: piece.storageKey })
        .from(piece)
        .where(and(eq(piece.collectiviteId, s.collectiviteId), eq(piece.sinistreId, sinistreId)));
      const [{ n }] = (await db
        .select({ n: count() })
        .from(arret)
        .where(and(eq(arret.collectiviteId, s.collectiviteId), eq(arret.sinistreId, sinistreId)))) as [{ n: number }];
      await db.delete(sinistre).where(and(sinistreInScope(scope), eq(sinistre.id, sinistreId)));
      return { storageKeys: files.map((f) => f.key), arrets: Number(n) };
    },
    async setStatut(db: Db, scope: Scope, id: string, statut: string, at: Date) {
      await db
        .update(sinistre)
        .set({ statut, updatedAt: at })
        .where(and(sinistreInScope(scope), eq(sinistre.id, id)));
    },
    async list(
      db: Db,
      scope: Scope,
      /** The collectivité listed: it keeps a name search to its own agents' index entries. */
      collectiviteId: string,
      f: SinistreFilters,
      q: {
        sort: keyof typeof sorts;
        direction: 'asc' | 'desc';
        limit: number;
        offset: number;
        /** Exports read batches and need no count. */
        withTotal?: boolean;
        /** Keyset of an export's next batch: the rows after this one in (date de survenance, numéro) descending order. */
        after?: { dateSurvenance: string; numero: number };
      },
    ) {
      const search = f.search?.trim();
      const conditions: (SQL | undefined)[] = [
        sinistreInScope(scope),
        f.agentId ? eq(sinistre.agentId, f.agentId) : undefined,
        search ? like(agent.recherche, nameContains(search)) : undefined,
        f.categorie ? eq(sinistre.categorie, f.categorie) : undefined,
        f.statut ? eq(sinistre.statut, f.statut) : undefined,
        f.du ? gte(sinistre.dateSurvenance, f.du) : undefined,
        f.au ? lte(sinistre.dateSurvenance, f.au) : undefined,
        f.horsDelai === undefined ? undefined : eq(sinistre.horsDelai, f.horsDelai),
        f.nonLus
          ? inArray(
              sinistre.id,
              db
                .select({ id: commentaire.sinistreId })
                .from(commentaire)
                .where(and(commentaireInScope(scope), eq(commentaire.gestion, true), isNull(commentaire.luLe))),
            )
          : undefined,
        f.enRetardAu ? enRetardCondition(sql`${sinistre}`, f.enRetardAu) : undefined,
      ];
      const where = and(...conditions);
      const after = q.after
        ? sql`(${sinistre.dateSurvenance}, ${sinistre.numero}) < (${q.after.dateSurvenance}::date, ${q.after.numero})`
        : undefined;
      // With a name to find, the agent's collectivité keeps the search to its own index entries;
      // without one, the primary key alone joins best.
      const agentJoin = search
        ? and(eq(agent.id, sinistre.agentId), eq(agent.collectiviteId, collectiviteId))
        : eq(agent.id, sinistre.agentId);
      const order = sorts[q.sort].map((c) => (q.direction === 'desc' ? desc(c) : asc(c)));
      const [rows, [total]] = await Promise.all([
        db
          .select(listColumns)
          .from(sinistre)
          .innerJoin(agent, agentJoin)
          .innerJoin(contrat, eq(contrat.id, sinistre.contratId))
          .where(and(where, after))
          .orderBy(...order, desc(sinistre.numero))
          .limit(q.limit)
          .offset(q.offset),
        q.withTotal === false
          ? Promise.resolve([{ n: 0 }])
          : search
            ? // The agent's collectivité in the join keeps the name search to its own agents' index entries.
              db.select({ n: count() }).from(sinistre).innerJoin(agent, agentJoin).where(where)
            : db.select({ n: count() }).from(sinistre).where(where),
      ]);
      // Unread comments are counted for the page only, not for every row the sort reads.
      const unread = new Map<string, number>();
      if (rows.length > 0) {
        const counts = await db
          .select({ id: commentaire.sinistreId, n: count() })
          .from(commentaire)
          .where(
            and(
              inArray(
                commentaire.sinistreId,
                rows.map((r) => r.s.id),
              ),
              eq(commentaire.gestion, true),
              isNull(commentaire.luLe),
            ),
          )
          .groupBy(commentaire.sinistreId);
        for (const c of counts) unread.set(c.id, c.n);
      }
      return {
        rows: rows.map((r) => flatten({ ...r, commentairesNonLus: unread.get(r.s.id) ?? 0 })),
        total: total?.n ?? 0,
      };
    },

    async update(db: Db, scope: Scope, id: string, values: Partial<typeof sinistre.$inferInsert>) {
      await db
        .update(sinistre)
        .set(values)
        .where(and(sinistreInScope(scope), eq(sinistre.id, id)));
    },

    /** The collectivité of a sinistre of the scope (the back office's); null otherwise. */
    async rattachement(db: Db, scope: Scope, id: string) {
      const [row] = await db
        .select({ collectiviteId: sinistre.collectiviteId })
        .from(sinistre)
        .where(and(eq(sinistre.id, id), sinistreInScope(scope)));
      return row ?? null;
    },

    /**
     * The next sinistres after `after` in id order (all, or those of a category), locked: the
     * recount jobs walk the table in short transactions, each holding a few rows only.
     */
    async lockBatch(db: Db, f: { categorie?: string; after: string | null; limit: number }): Promise<string[]> {
      const rows = await db
        .select({ id: sinistre.id })
        .from(sinistre)
        .where(
          and(
            f.categorie ? eq(sinistre.categorie, f.categorie) : undefined,
            f.after ? sql`${sinistre.id} > ${f.after}` : undefined,
          ),
        )
        .orderBy(asc(sinistre.id))
        .limit(f.limit)
        .for('update');
      return rows.map((r) => r.id);
    },
    /** The sinistres of an agent, for a change of his data. */
    async idsOfAgent(db: Db, agentId: string): Promise<string[]> {
      const rows = await db.select({ id: sinistre.id }).from(sinistre).where(eq(sinistre.agentId, agentId));
      return rows.map((r) => r.id);
    },
    /** The sinistres of the agents of a roster import (its staged lines, by NIR). */
    async idsOfImport(db: Db, collectiviteId: string, importId: string): Promise<string[]> {
      // From the collectivité's sinistres, the staged lines read once (a semi-join): the staged table
      // has no statistics yet, and a plan that starts from it looked every line up (seconds on PGlite,
      // where they block every other request).
      const result = await db.execute(sql`
        SELECT s.id FROM sinistre s
        JOIN agent a ON a.id = s.agent_id
        WHERE s.collectivite_id = ${collectiviteId}
          AND a.nir IN (SELECT l.nir FROM import_agent_ligne l WHERE l.import_id = ${importId})`);
      return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
    },
    /** Locks these sinistres in id order (two writers never wait on each other in a cycle). */
    async lock(db: Db, ids: readonly string[]) {
      if (ids.length === 0) return;
      await db
        .select({ id: sinistre.id })
        .from(sinistre)
        .where(inArray(sinistre.id, [...ids]))
        .orderBy(asc(sinistre.id))
        .for('update');
    },

    async requalifications(db: Db, scope: Scope, sinistreId: string) {
      return db
        .select()
        .from(requalification)
        .where(
          and(
            inScope(scope, {
              collectiviteId: requalification.collectiviteId,
              contratId: contratOfSinistre(requalification.sinistreId),
            }),
            eq(requalification.sinistreId, sinistreId),
          ),
        )
        .orderBy(asc(requalification.createdAt));
    },
    async insertRequalification(db: Db, values: typeof requalification.$inferInsert) {
      const [row] = await db.insert(requalification).values(values).returning({ id: requalification.id });
      return row!.id;
    },

    async commentaires(db: Db, scope: Scope, sinistreId: string) {
      return db
        .select()
        .from(commentaire)
        .where(and(commentaireInScope(scope), eq(commentaire.sinistreId, sinistreId)))
        .orderBy(asc(commentaire.createdAt))
        .limit(500);
    },
    async insertCommentaire(db: Db, values: typeof commentaire.$inferInsert) {
      const [row] = await db.insert(commentaire).values(values).returning({ id: commentaire.id });
      return row!.id;
    },
    async marquerCommentairesLus(db: Db, scope: Scope, sinistreId: string, at: Date): Promise<number> {
      const rows = await db
        .update(commentaire)
        .set({ luLe: at })
        .where(
          and(
            commentaireInScope(scope),
            eq(commentaire.sinistreId, sinistreId),
            eq(commentaire.gestion, true),
            sql`${commentaire.luLe} IS NULL`,
          ),
        )
        .returning({ id: commentaire.id });
      return rows.length;
    },
  };
}
export type SinistresRepository = ReturnType<typeof createSinistresRepository>;
