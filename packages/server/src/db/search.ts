import { nameSearchKey } from '@statutis/domain';
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
