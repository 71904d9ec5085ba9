import type { TControleQuery } from '@statutis/domain';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type Scope } from '../../lib/scope.js';
import { baseAssurance } from '../base-assurance/base-assurance.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat } from '../contrats/contrats.table.js';
import { parseCursor } from '../reglements/reglements.repository.js';
import { type AppelListRow, appelFields, appelInScope } from './cotisations.repository.js';
import { appelCotisation } from './cotisations.table.js';

/** Cents per agent of a base, rounded half up (as `baseParAgent` of the domain). */
const parAgent = (b: string) => sql.raw(`round(${b}.assiette::numeric / nullif(${b}.effectif, 0))::bigint`);

export type ControleRow = AppelListRow & {
  effectif: number | null;
  baseParAgent: number | null;
  baseParAgentPrecedente: number | null;
  medianeCdg: number | null;
};

/**
 * The CDG's control screen and bulk actions on the calls. The comparisons are computed in the
 * list's one query: the base the call was computed from, the previous year's base of the same
 * contract and collectivité (réelle if declared, else prévisionnelle), and the median of the
 * scope's bases prévisionnelles of the year (an uncorrelated subquery, evaluated once).
 */
export function createCotisationsGestionRepository() {
  const mediane = (scope: Scope, annee: number) => sql<number | null>`(
    SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${parAgent('m')}))::bigint
    FROM base_assurance m
    WHERE m.annee = ${annee} AND m.type = 'previsionnelle' AND m.effectif > 0
      AND ${inScope(scope, { collectiviteId: sql`m.collectivite_id`, contratId: sql`m.contrat_id` })})`;
  const precedente = sql<number | null>`(
    SELECT ${parAgent('p')} FROM base_assurance p
    WHERE p.collectivite_id = ${appelCotisation.collectiviteId} AND p.contrat_id = ${appelCotisation.contratId}
      AND p.annee = ${appelCotisation.annee} - 1
    ORDER BY p.type = 'reelle' DESC LIMIT 1)`;
  const courante = sql<
    number | null
  >`round(${baseAssurance.assiette}::numeric / nullif(${baseAssurance.effectif}, 0))::bigint`;
  /** |x − ref| > 10 % of ref, in integers (as `ecart` of the domain). */
  const horsSeuil = (ref: SQL) => sql`(${ref} > 0 AND abs(${courante} - ${ref}) * 100 > 10 * ${ref})`;

  return {
    async controle(db: Db, scope: Scope, q: TControleQuery & { annee: number }, limit: number): Promise<ControleRow[]> {
      const where: (SQL | undefined)[] = [appelInScope(scope), eq(appelCotisation.annee, q.annee)];
      if (q.statut) where.push(eq(appelCotisation.statut, q.statut));
      if (q.contratId) where.push(eq(appelCotisation.contratId, q.contratId));
      if (q.filtre === 'a_controler') where.push(eq(appelCotisation.statut, 'brouillon'));
      if (q.filtre === 'ecarts') where.push(sql`(${horsSeuil(precedente)} OR ${horsSeuil(mediane(scope, q.annee))})`);
      const after = q.apres ? parseCursor(q.apres) : null;
      if (after) where.push(sql`(${appelCotisation.createdAt}, ${appelCotisation.id}) < (${after.at}, ${after.id})`);
      const rows = await db
        .select({
          ...appelFields,
          effectif: baseAssurance.effectif,
          baseParAgent: courante,
          baseParAgentPrecedente: precedente,
          medianeCdg: mediane(scope, q.annee),
        })
        .from(appelCotisation)
        .innerJoin(collectivite, eq(collectivite.id, appelCotisation.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, appelCotisation.contratId))
        .leftJoin(baseAssurance, eq(baseAssurance.id, appelCotisation.baseId))
        .where(and(...where))
        .orderBy(desc(appelCotisation.createdAt), desc(appelCotisation.id))
        .limit(limit);
      return rows.map((r) => ({
        ...r,
        baseParAgent: r.baseParAgent === null ? null : Number(r.baseParAgent),
        baseParAgentPrecedente: r.baseParAgentPrecedente === null ? null : Number(r.baseParAgentPrecedente),
        medianeCdg: r.medianeCdg === null ? null : Number(r.medianeCdg),
      })) as ControleRow[];
    },

    /**
     * The adhesions of the scope running during the year that have a base prévisionnelle and no
     * live call: what the bulk generation prepares.
     */
    async aGenerer(db: Db, scope: Scope, annee: number): Promise<{ collectiviteId: string; contratId: string }[]> {
      const result = await db.execute(sql`
        SELECT ad.collectivite_id AS "collectiviteId", ad.contrat_id AS "contratId"
        FROM adhesion ad
        JOIN collectivite c ON c.id = ad.collectivite_id
        JOIN contrat co ON co.id = ad.contrat_id
        WHERE c.active AND ${inScope(scope, { collectiviteId: sql`c.id`, contratId: sql`co.id` })}
          AND ${contratInScope(scope, sql`co.id`)}
          AND ad.date_adhesion <= ${`${annee}-12-31`} AND co.date_effet <= ${`${annee}-12-31`}
          AND (co.date_fin IS NULL OR co.date_fin >= ${`${annee}-01-01`})
          AND EXISTS (SELECT 1 FROM base_assurance b WHERE b.collectivite_id = c.id AND b.contrat_id = co.id
                      AND b.annee = ${annee} AND b.type = 'previsionnelle')
          AND NOT EXISTS (SELECT 1 FROM appel_cotisation a WHERE a.collectivite_id = c.id AND a.contrat_id = co.id
                          AND a.annee = ${annee} AND a.nature = 'appel' AND a.objet = 'cotisation'
                          AND a.statut <> 'annule')
        ORDER BY c.tri, co.numero`);
      return (result as unknown as { rows: { collectiviteId: string; contratId: string }[] }).rows;
    },
  };
}

export type CotisationsGestionRepository = ReturnType<typeof createCotisationsGestionRepository>;
