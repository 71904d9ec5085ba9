import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type Scope, type TenantScope } from '../../lib/scope.js';
import { adhesion, contrat } from '../contrats/contrats.table.js';
import { appelCotisation } from '../cotisations/cotisations.table.js';
import { baseAssurance, budget } from './base-assurance.table.js';

const columns = {
  base: baseAssurance,
  contratNumero: contrat.numero,
  contratLibelle: contrat.libelle,
  regime: contrat.regime,
  /** The other type's contribution of the same contract and year, for the regularisation. */
  cotisationAutre: sql<
    number | null
  >`(SELECT o.cotisation FROM base_assurance o WHERE o.collectivite_id = ${baseAssurance.collectiviteId}
    AND o.contrat_id = ${baseAssurance.contratId} AND o.annee = ${baseAssurance.annee} AND o.type <> ${baseAssurance.type})`.mapWith(
    Number,
  ),
};

export type BaseRow = {
  base: typeof baseAssurance.$inferSelect;
  contratNumero: string;
  contratLibelle: string;
  regime: string;
  cotisationAutre: number | null;
};

/** A base of the scope: its collectivité's and, for an insurer's staff, one of his contracts. */
const baseInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: baseAssurance.collectiviteId, contratId: baseAssurance.contratId });

const sorts = {
  annee: [baseAssurance.annee],
  contrat: [contrat.numero, baseAssurance.annee],
  type: [baseAssurance.type, baseAssurance.annee],
};

export function createBaseAssuranceRepository() {
  return {
    async list(
      db: Db,
      scope: Scope,
      q: {
        contratId?: string;
        annee?: number;
        type?: string;
        sort: keyof typeof sorts;
        direction: 'asc' | 'desc';
        limit: number;
        offset: number;
      },
    ) {
      const where = and(
        baseInScope(scope),
        q.contratId ? eq(baseAssurance.contratId, q.contratId) : undefined,
        q.annee ? eq(baseAssurance.annee, q.annee) : undefined,
        q.type ? eq(baseAssurance.type, q.type) : undefined,
      );
      const order = sorts[q.sort].map((c) => (q.direction === 'desc' ? desc(c) : asc(c)));
      const [rows, [total]] = await Promise.all([
        db
          .select(columns)
          .from(baseAssurance)
          .innerJoin(contrat, eq(contrat.id, baseAssurance.contratId))
          .where(where)
          .orderBy(...order, asc(baseAssurance.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(baseAssurance).where(where),
      ]);
      return { rows: rows as BaseRow[], total: total?.n ?? 0 };
    },
    async find(db: Db, scope: Scope, id: string, lock = false): Promise<BaseRow | null> {
      const query = db
        .select(columns)
        .from(baseAssurance)
        .innerJoin(contrat, eq(contrat.id, baseAssurance.contratId))
        .where(and(baseInScope(scope), eq(baseAssurance.id, id)));
      const [row] = lock ? await query.for('update', { of: baseAssurance }) : await query;
      return (row as BaseRow | undefined) ?? null;
    },
    /** The contract as the current collectivité holds it: only through an adhesion, and in the scope. */
    async contratOf(db: Db, scope: TenantScope, contratId: string) {
      const [row] = await db
        .select({
          id: contrat.id,
          numero: contrat.numero,
          dateEffet: contrat.dateEffet,
          dateFin: contrat.dateFin,
          tauxCotisation: contrat.tauxCotisation,
          elementsAssurables: contrat.elementsAssurables,
        })
        .from(contrat)
        .innerJoin(adhesion, and(eq(adhesion.contratId, contrat.id), eq(adhesion.collectiviteId, scope.collectiviteId)))
        .where(and(eq(contrat.id, contratId), contratInScope(scope, contrat.id)));
      return row ?? null;
    },
    async insert(db: Db, values: typeof baseAssurance.$inferInsert) {
      const [row] = await db.insert(baseAssurance).values(values).returning({ id: baseAssurance.id });
      return row!.id;
    },
    async update(db: Db, scope: Scope, id: string, values: Partial<typeof baseAssurance.$inferInsert>) {
      await db
        .update(baseAssurance)
        .set(values)
        .where(and(baseInScope(scope), eq(baseAssurance.id, id)));
    },
    async delete(db: Db, scope: Scope, id: string) {
      await db.delete(baseAssurance).where(and(baseInScope(scope), eq(baseAssurance.id, id)));
    },
    /*
     * The next two serve the sinistres module, which passes the collectivité of a sinistre it has
     * already read through the scope.
     */
    /** Years for which a base of this contract exists (the check a sinistre needs). */
    async anneesDeclarees(db: Db, collectiviteId: string, contratId: string) {
      return db
        .selectDistinct({ annee: baseAssurance.annee })
        .from(baseAssurance)
        .where(and(eq(baseAssurance.collectiviteId, collectiviteId), eq(baseAssurance.contratId, contratId)));
    },

    /** The base of that contract-year: the réelle where declared, else the prévisionnelle. */
    async baseAnnee(db: Db, collectiviteId: string, contratId: string, annee: number) {
      const [row] = await db
        .select()
        .from(baseAssurance)
        .where(
          and(
            eq(baseAssurance.collectiviteId, collectiviteId),
            eq(baseAssurance.contratId, contratId),
            eq(baseAssurance.annee, annee),
          ),
        )
        .orderBy(sql`(${baseAssurance.type} = 'reelle') DESC`)
        .limit(1);
      return row ?? null;
    },

    /** Per contract held: the réelle contribution of the year where declared, else the prévisionnelle. */
    async cotisationsAnnee(db: Db, scope: TenantScope, annee: number) {
      const { collectiviteId } = scope;
      const result = await db.execute(sql`
        SELECT c.id AS "contratId", c.numero,
               (SELECT b.cotisation FROM base_assurance b WHERE b.collectivite_id = ${collectiviteId} AND b.contrat_id = c.id AND b.annee = ${annee}
                ORDER BY (b.type = 'reelle') DESC LIMIT 1) AS cotisation
        FROM contrat c JOIN adhesion a ON a.contrat_id = c.id AND a.collectivite_id = ${collectiviteId}
        WHERE ${contratInScope(scope, sql`c.id`)} AND extract(year FROM c.date_effet) <= ${annee} AND (c.date_fin IS NULL OR extract(year FROM c.date_fin) >= ${annee})
        ORDER BY c.numero`);
      return (
        result as unknown as { rows: { contratId: string; numero: string; cotisation: string | number | null }[] }
      ).rows.map((r) => ({
        contratId: r.contratId,
        numero: r.numero,
        cotisation: r.cotisation === null ? null : Number(r.cotisation),
      }));
    },
    /** The year's issued calls (complements and avoirs included, cancelled ones not) and what was paid on them. */
    async appelsAnnee(db: Db, scope: Scope, annee: number): Promise<{ appele: number; paye: number }> {
      const [row] = await db
        .select({
          appele: sql<string | null>`sum(${appelCotisation.total})`,
          paye: sql<string | null>`sum(${appelCotisation.encaisse})`,
        })
        .from(appelCotisation)
        .where(
          and(
            inScope(scope, { collectiviteId: appelCotisation.collectiviteId, contratId: appelCotisation.contratId }),
            eq(appelCotisation.annee, annee),
            inArray(appelCotisation.statut, ['emis', 'paye_partiellement', 'solde']),
          ),
        );
      return { appele: Number(row?.appele ?? 0), paye: Number(row?.paye ?? 0) };
    },
    async findBudget(db: Db, scope: Scope, annee: number) {
      const [row] = await db
        .select()
        .from(budget)
        .where(and(inScope(scope, { collectiviteId: budget.collectiviteId }), eq(budget.annee, annee)));
      return row ?? null;
    },
    async upsertBudget(db: Db, values: typeof budget.$inferInsert) {
      await db
        .insert(budget)
        .values(values)
        .onConflictDoUpdate({
          target: [budget.collectiviteId, budget.annee],
          set: {
            montantCotisations: values.montantCotisations,
            montantAbsences: values.montantAbsences,
            updatedAt: values.updatedAt,
          },
        });
    },
  };
}
export type BaseAssuranceRepository = ReturnType<typeof createBaseAssuranceRepository>;
