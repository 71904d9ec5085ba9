import { type Column, type SQL, sql } from 'drizzle-orm';
import type { AuthContext } from '../http/context.js';

/**
 * What a staff member may act on in the back office: the records of his CDG, or everything for the
 * platform administrator. Every staff read and write passes it to the repository, which puts it in
 * the WHERE (see `cdgWhere`): a record of another CDG is then a 404, never reached by a write.
 */
export type StaffScope = { kind: 'cdg'; cdgId: string } | { kind: 'all' };

/** A uuid no CDG has: a gestionnaire without a CDG (a broken account) reaches nothing. */
const NO_CDG = '00000000-0000-0000-0000-000000000000';

/** The scope of a staff member; anybody but the platform administrator is held to his CDG. */
export function staffScope(ctx: AuthContext): StaffScope {
  return ctx.user.staffRole === 'admin_plateforme'
    ? { kind: 'all' }
    : { kind: 'cdg', cdgId: ctx.user.staffCdgId ?? NO_CDG };
}

/** The WHERE condition keeping the rows whose CDG (`cdgColumn`) is in the scope; undefined for the platform. */
export function cdgWhere(scope: StaffScope, cdgColumn: Column | SQL): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  return sql`${cdgColumn} = ${scope.cdgId}`;
}
