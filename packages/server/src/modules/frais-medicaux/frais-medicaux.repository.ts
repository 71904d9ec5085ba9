import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contratOfSinistre } from '../sinistres/sinistres.repository.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import { fraisMedical } from './frais-medicaux.table.js';

export type FraisMedicalRow = typeof fraisMedical.$inferSelect;
export type FraisMedicalInsert = typeof fraisMedical.$inferInsert;

/** A fee in the scope: its collectivité, and for an insurer's or broker's staff its sinistre's contract. */
const fraisInScope = (scope: Scope) =>
  inScope(scope, {
    collectiviteId: fraisMedical.collectiviteId,
    contratId: contratOfSinistre(fraisMedical.sinistreId),
  });

export type FraisTotauxRow = {
  facture: number;
  retenuValide: number;
  retenuEnAttente: number;
  nombre: number;
  enAttente: number;
};

const AUCUN = { facture: 0, retenuValide: 0, retenuEnAttente: 0, nombre: 0, enAttente: 0 };

export function createFraisMedicauxRepository() {
  return {
    async insert(db: Db, row: FraisMedicalInsert): Promise<FraisMedicalRow> {
      const [created] = await db.insert(fraisMedical).values(row).returning();
      return created!;
    },

    async find(db: Db, scope: Scope, sinistreId: string, id: string, lock = false) {
      const query = db
        .select()
        .from(fraisMedical)
        .where(and(fraisInScope(scope), eq(fraisMedical.sinistreId, sinistreId), eq(fraisMedical.id, id)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    /**
     * A page of the sinistre's fees, newest care first, with the totals of all its fees: one round
     * trip (the totals are a subquery of the same statement), the page read from
     * `frais_medical_sinistre_idx`. Asks one row more than `limit` to know whether a page follows.
     */
    async page(
      db: Db,
      scope: Scope,
      sinistreId: string,
      apres: { dateSoins: string; id: string } | null,
      limit: number,
    ): Promise<{ rows: FraisMedicalRow[]; totaux: FraisTotauxRow }> {
      const f = fraisMedical;
      const where = and(
        fraisInScope(scope),
        eq(f.sinistreId, sinistreId),
        apres ? sql`(${f.dateSoins}, ${f.id}) < (${apres.dateSoins}::date, ${apres.id}::uuid)` : undefined,
      );
      const totaux = sql<Record<string, string | number>>`(SELECT json_build_object(
          'facture', coalesce(sum(t.montant_facture), 0),
          'retenuValide', coalesce(sum(t.montant_retenu) FILTER (WHERE t.statut = 'validee'), 0),
          'retenuEnAttente', coalesce(sum(t.montant_retenu) FILTER (WHERE t.statut = 'saisie'), 0),
          'nombre', count(*),
          'enAttente', count(*) FILTER (WHERE t.statut = 'saisie'))
        FROM ${fraisMedical} t WHERE t.sinistre_id = ${sinistreId})`;
      // The totals are an uncorrelated subquery (computed once) riding on each row of the page.
      const page = await db
        .select({ frais: f, totaux })
        .from(f)
        .where(where)
        .orderBy(sql`${f.dateSoins} DESC NULLS LAST`, sql`${f.id} DESC NULLS LAST`)
        .limit(limit + 1);
      // An empty first page: the sinistre has no fee. Only a key past the end asks for the totals alone.
      const t =
        page[0]?.totaux ?? (apres ? (await db.select({ totaux }).from(sql`(SELECT 1) AS un`))[0]!.totaux : AUCUN);
      return {
        rows: page.map((r) => r.frais),
        totaux: {
          facture: Number(t.facture),
          retenuValide: Number(t.retenuValide),
          retenuEnAttente: Number(t.retenuEnAttente),
          nombre: Number(t.nombre),
          enAttente: Number(t.enAttente),
        },
      };
    },

    /** The fees waiting for a decision across the scope, oldest entered first (`frais_medical_a_valider_idx`). */
    async aValider(db: Db, scope: Scope, apres: { createdAt: Date; id: string } | null, limit: number) {
      const f = fraisMedical;
      return db
        .select({
          frais: f,
          collectiviteNom: collectivite.nom,
          sinistreNumero: sinistre.numero,
          dateSurvenance: sinistre.dateSurvenance,
          agentNom: agent.nom,
          agentPrenom: agent.prenom,
        })
        .from(f)
        .innerJoin(sinistre, eq(sinistre.id, f.sinistreId))
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .innerJoin(collectivite, eq(collectivite.id, f.collectiviteId))
        .where(
          and(
            eq(f.statut, 'saisie'),
            inScope(scope, { collectiviteId: f.collectiviteId, contratId: sinistre.contratId }),
            apres
              ? sql`(${f.createdAt}, ${f.id}) > (${apres.createdAt.toISOString()}::timestamptz, ${apres.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(f.createdAt), asc(f.id))
        .limit(limit + 1);
    },

    /**
     * The sinistre's validated fees no décompte carries yet, care given up to `au`, locked: two
     * computations of the same file wait for each other instead of paying a fee twice.
     */
    async aPayer(db: Db, scope: Scope, sinistreId: string, au: string): Promise<FraisMedicalRow[]> {
      const f = fraisMedical;
      return db
        .select()
        .from(f)
        .where(
          and(
            fraisInScope(scope),
            eq(f.sinistreId, sinistreId),
            eq(f.statut, 'validee'),
            isNull(f.decompteId),
            lte(f.dateSoins, au),
          ),
        )
        .orderBy(asc(f.dateSoins), asc(f.id))
        .for('update');
    },

    /** Puts the fees on their décompte; a fee already on one is left alone and not counted. */
    async rattacher(db: Db, ids: readonly string[], decompteId: string): Promise<number> {
      const f = fraisMedical;
      const rows = await db
        .update(f)
        .set({ decompteId })
        .where(and(inArray(f.id, [...ids]), isNull(f.decompteId), eq(f.statut, 'validee')))
        .returning({ id: f.id });
      return rows.length;
    },

    async decider(
      db: Db,
      id: string,
      d: {
        statut: 'validee' | 'refusee';
        motifRefus: string | null;
        decidePar: string;
        decideParLibelle: string;
        decideLe: Date;
      },
    ): Promise<FraisMedicalRow> {
      const [row] = await db.update(fraisMedical).set(d).where(eq(fraisMedical.id, id)).returning();
      return row!;
    },
  };
}
export type FraisMedicauxRepository = ReturnType<typeof createFraisMedicauxRepository>;
