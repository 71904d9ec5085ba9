import { nameSearchKey } from '@statutis/domain';

/** Escapes the LIKE wildcards typed by a user. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The LIKE pattern of a name search on `agent.recherche`: accents and capitals folded. */
export const nameContains = (search: string) => `%${escapeLike(nameSearchKey(search.trim()))}%`;
