import { IMPUTABILITE_ACCIDENT_MOIS, IMPUTABILITE_INSTRUCTION_MOIS, IMPUTABILITE_MALADIE_MOIS } from '@statutis/domain';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The SQL twins of `echeancesSinistre`'s pieces and imputability clocks, for the lists that sort,
 * page and count by them at scale (the work queue, the home page's « en retard »). Built from the
 * domain's constants, and checked against the rule on generated files (`echeances-sql.test.ts`).
 * `s` is the alias of a `sinistre` row, `g` of its garantie.
 */

/** The French day of an instant: `parisDate`. */
export const parisDay = (instant: SQL) => sql`(${instant} AT TIME ZONE 'Europe/Paris')::date`;

const n = (value: number) => sql.raw(String(Math.trunc(value)));

/** Pieces: the contract's deadline in days after the declaration's day. */
export function echeancePiecesSql(s: SQL, g: SQL): SQL {
  return sql`(${parisDay(sql`${s}.created_at`)} + ${g}.delai_pieces_jours)`;
}

/**
 * Imputability (`echeanceImputabilite`): 1 month after the declaration's day, 2 for a maladie
 * professionnelle, 3 more when the enquête says a doubt remains — the months added in one sum, as
 * the rule does, so that an end of month is clamped once.
 */
export function echeanceCitisSql(s: SQL): SQL {
  return sql`(${parisDay(sql`${s}.created_at`)} + make_interval(months =>
    CASE WHEN ${s}.categorie = 'maladie_professionnelle' THEN ${n(IMPUTABILITE_MALADIE_MOIS)} ELSE ${n(IMPUTABILITE_ACCIDENT_MOIS)} END
    + CASE WHEN EXISTS (SELECT 1 FROM enquete_administrative e WHERE e.sinistre_id = ${s}.id AND e.doute)
        THEN ${n(IMPUTABILITE_INSTRUCTION_MOIS)} ELSE 0 END))::date`;
}
