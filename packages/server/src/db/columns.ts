import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, timestamp } from 'drizzle-orm/pg-core';

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => ts('created_at').notNull().defaultNow();

/**
 * The SQL condition « column is one of the domain's values », for a CHECK constraint built from the
 * domain's constant array (one source of truth). DDL takes no parameters: the values are inlined as
 * quoted literals. A NULL passes, as in any CHECK: nullability is the column's own constraint.
 */
export const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', '))})`;
