import { z } from 'zod';

/** Every list endpoint pages the same way: 20 rows by default, 100 at most. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Query parameters shared by every list: `sort` is a column name, prefixed with `-` for
 * descending order (`-createdAt`); each list declares the columns it accepts.
 */
export function zListQuery<const S extends readonly [string, ...string[]]>(sortable: S) {
  const sortValues = sortable.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  return z.object({
    page: z.coerce
      .number({ error: 'Le numéro de page doit être un nombre.' })
      .int()
      .min(1, 'Le numéro de page commence à 1.')
      .default(1),
    pageSize: z.coerce
      .number({ error: 'La taille de page doit être un nombre.' })
      .int()
      .min(1, 'La taille de page doit être au moins 1.')
      .max(MAX_PAGE_SIZE, `La taille de page ne peut dépasser ${MAX_PAGE_SIZE}.`)
      .default(DEFAULT_PAGE_SIZE),
    sort: z.enum(sortValues, { error: `Tri inconnu. Valeurs possibles : ${sortValues.join(', ')}.` }).optional(),
  });
}

export function zPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Parses `-name` into `{ column: 'name', direction: 'desc' }`. */
export function parseSort<C extends string>(
  sort: string | undefined,
  fallback: C,
): { column: C; direction: 'asc' | 'desc' } {
  if (!sort) return { column: fallback, direction: 'asc' };
  return sort.startsWith('-')
    ? { column: sort.slice(1) as C, direction: 'desc' }
    : { column: sort as C, direction: 'asc' };
}

export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
