import { NAME_KEY_FROM, NAME_KEY_LIGATURES, NAME_KEY_TO, NAME_SORT_SPACED, nameSearchKey } from '@statutis/domain';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** Escapes the LIKE wildcards typed by a user. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The LIKE pattern of a name search on `agent.recherche`: accents and capitals folded. */
export const nameContains = (search: string) => `%${escapeLike(nameSearchKey(search.trim()))}%`;

/**
 * French order of people (`compareNames` of the domain): the sort key byte by byte, then the names
 * as written, so that the order is the same on PGlite and PostgreSQL whatever their locale.
 */
export const frenchNameOrder = (tri: SQLWrapper, nom: SQLWrapper, prenom: SQLWrapper): SQL[] => [
  sql`${tri} COLLATE "C"`,
  sql`${nom} COLLATE "C"`,
  sql`${prenom} COLLATE "C"`,
];

/** The SQL of nameSearchKey (domain): the same translate table, then the ligatures. */
export function nameKeySql(expression: string): string {
  const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return NAME_KEY_LIGATURES.reduce(
    (acc, [from, to]) => `replace(${acc}, ${literal(from)}, ${literal(to)})`,
    `translate(${expression}, ${literal(NAME_KEY_FROM)}, ${literal(NAME_KEY_TO)})`,
  );
}

/**
 * The SQL of nameSortKey (domain): each name folded, its punctuation spaced, joined by chr(1). Lists
 * compare it `COLLATE "C"` (byte order), the same on PGlite and PostgreSQL whatever their locale.
 */
export function nameSortKeySql(nom: string, prenom: string): string {
  const part = (expression: string) =>
    `translate(${nameKeySql(expression)}, '${NAME_SORT_SPACED.replace(/'/g, "''")}', '${' '.repeat(NAME_SORT_SPACED.length)}')`;
  return `${part(nom)} || chr(1) || ${part(prenom)}`;
}
