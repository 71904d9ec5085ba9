import type { TRole } from '@statutis/domain';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { nameSortKeySql } from '../../db/search.js';
import { collectiviteOuverte, inScope, type StaffFields, staffScopeOf, type TenantScope } from '../../lib/scope.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { appUser, membership, membershipInvitation } from './users.table.js';

export type UserRow = typeof appUser.$inferSelect;

/**
 * A line of the accounts list: a membership, or an invitation of an address that already had an
 * account (`kind: 'invitation'`), which shows only what the inviter typed.
 */
export type CompteRow = {
  id: string;
  kind: 'membre' | 'invitation';
  email: string;
  nom: string;
  prenom: string;
  telephone: string | null;
  role: TRole;
  actif: boolean;
  invitationAcceptee: boolean;
  lastLoginAt: Date | null;
  creeLe: Date;
};

/** French order of people (the key of `agent.tri`, computed here: a collectivité has few accounts), as in `frenchNameOrder`. */
const byName = [`${nameSortKeySql('c.nom', 'c.prenom')} COLLATE "C"`, 'c.nom COLLATE "C"', 'c.prenom COLLATE "C"'];
const sortColumns = {
  nom: byName,
  email: ['c.email'],
  role: ['c.role', ...byName],
  creeLe: ['c."creeLe"'],
} as const;

/** Members and pending invitations of the scope's collectivité, in one shape; the scope filter is inside. */
function comptesOf(scope: TenantScope) {
  return sql`(
    SELECT u.id, 'membre' AS kind, u.email, u.nom, u.prenom, u.telephone, m.role, m.active AS actif,
           u.password_hash IS NOT NULL AS "invitationAcceptee", u.last_login_at AS "lastLoginAt",
           m.created_at AS "creeLe"
    FROM membership m JOIN app_user u ON u.id = m.user_id
    WHERE ${inScope(scope, { collectiviteId: sql`m.collectivite_id` })}
    UNION ALL
    SELECT i.id, 'invitation', u.email, i.nom, i.prenom, i.telephone, i.role, i.active,
           false, NULL, i.created_at
    FROM membership_invitation i JOIN app_user u ON u.id = i.user_id
    WHERE ${inScope(scope, { collectiviteId: sql`i.collectivite_id` })}
  ) c`;
}

const memberOfScope = (scope: TenantScope) => inScope(scope, { collectiviteId: membership.collectiviteId });

function toCompteRow(row: CompteRow): CompteRow {
  return {
    ...row,
    lastLoginAt: row.lastLoginAt ? new Date(row.lastLoginAt) : null,
    creeLe: new Date(row.creeLe),
  };
}

export type InvitationRow = typeof membershipInvitation.$inferSelect;

export function createUsersRepository() {
  return {
    async findByEmail(db: Db, email: string): Promise<UserRow | null> {
      const [row] = await db.select().from(appUser).where(eq(appUser.email, email));
      return row ?? null;
    },
    async findById(db: Db, id: string): Promise<UserRow | null> {
      const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
      return row ?? null;
    },
    async insert(db: Db, values: typeof appUser.$inferInsert): Promise<UserRow> {
      const [row] = await db.insert(appUser).values(values).returning();
      return row!;
    },
    async update(db: Db, id: string, values: Partial<typeof appUser.$inferInsert>) {
      await db.update(appUser).set(values).where(eq(appUser.id, id));
    },
    async delete(db: Db, id: string) {
      await db.delete(appUser).where(eq(appUser.id, id));
    },

    /** The accounts of one collectivité; the tenant filter is part of every query. */
    async listComptes(
      db: Db,
      scope: TenantScope,
      q: {
        search?: string;
        role?: TRole;
        sort: keyof typeof sortColumns;
        direction: 'asc' | 'desc';
        limit: number;
        offset: number;
      },
    ): Promise<{ rows: CompteRow[]; total: number }> {
      const pattern = q.search ? `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const where = sql.join(
        [
          sql`true`,
          q.role ? sql`c.role = ${q.role}` : null,
          pattern
            ? sql`(c.nom ILIKE ${pattern} OR c.prenom ILIKE ${pattern} OR c.email ILIKE ${pattern}
                   OR c.prenom || ' ' || c.nom ILIKE ${pattern})`
            : null,
        ].filter((p) => p !== null),
        sql` AND `,
      );
      const order = sql.raw(
        [...sortColumns[q.sort].map((c) => `${c} ${q.direction === 'desc' ? 'DESC' : 'ASC'}`), 'c.id'].join(', '),
      );
      const [rows, totals] = await Promise.all([
        db.execute(sql`SELECT c.* FROM ${comptesOf(scope)} WHERE ${where}
                       ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`),
        db.execute(sql`SELECT count(*)::int AS total FROM ${comptesOf(scope)} WHERE ${where}`),
      ]);
      return {
        rows: (rows as unknown as { rows: CompteRow[] }).rows.map(toCompteRow),
        total: (totals as unknown as { rows: { total: number }[] }).rows[0]?.total ?? 0,
      };
    },

    /** One line of the list by its id: a member's user id or a pending invitation's id. */
    async findCompte(db: Db, scope: TenantScope, id: string): Promise<CompteRow | null> {
      const result = await db.execute(sql`SELECT c.* FROM ${comptesOf(scope)} WHERE c.id = ${id}`);
      const row = (result as unknown as { rows: CompteRow[] }).rows[0];
      return row ? toCompteRow(row) : null;
    },

    /** The line of this address in the collectivité, member or invited. */
    async findCompteByEmail(db: Db, scope: TenantScope, email: string): Promise<CompteRow | null> {
      const result = await db.execute(sql`SELECT c.* FROM ${comptesOf(scope)} WHERE c.email = ${email}`);
      const row = (result as unknown as { rows: CompteRow[] }).rows[0];
      return row ? toCompteRow(row) : null;
    },

    async insertInvitation(db: Db, values: typeof membershipInvitation.$inferInsert): Promise<InvitationRow> {
      const [row] = await db.insert(membershipInvitation).values(values).returning();
      return row!;
    },
    async updateInvitation(
      db: Db,
      scope: TenantScope,
      id: string,
      values: Partial<Omit<typeof membershipInvitation.$inferInsert, 'id' | 'collectiviteId' | 'userId'>>,
    ) {
      await db
        .update(membershipInvitation)
        .set(values)
        .where(
          and(inScope(scope, { collectiviteId: membershipInvitation.collectiviteId }), eq(membershipInvitation.id, id)),
        );
    },
    async deleteInvitation(db: Db, id: string) {
      await db.delete(membershipInvitation).where(eq(membershipInvitation.id, id));
    },
    /** The invitation of a mailed link, locked so that it is accepted or refused once. */
    async findInvitationByTokenForUpdate(
      db: Db,
      tokenHash: string,
    ): Promise<(InvitationRow & { collectiviteNom: string }) | null> {
      const [row] = await db
        .select({ invitation: membershipInvitation, collectiviteNom: collectivite.nom })
        .from(membershipInvitation)
        .innerJoin(collectivite, eq(collectivite.id, membershipInvitation.collectiviteId))
        .where(eq(membershipInvitation.tokenHash, tokenHash))
        .for('update', { of: membershipInvitation });
      return row ? { ...row.invitation, collectiviteNom: row.collectiviteNom } : null;
    },

    async insertMembership(db: Db, values: typeof membership.$inferInsert) {
      await db.insert(membership).values(values);
    },
    /** Whether the user already belongs to the collectivité (an invitee accepting, before any scope). */
    async isMember(db: Db, collectiviteId: string, userId: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: membership.userId })
        .from(membership)
        .where(and(eq(membership.collectiviteId, collectiviteId), eq(membership.userId, userId)));
      return row !== undefined;
    },
    async updateMembership(db: Db, scope: TenantScope, userId: string, values: { role?: TRole; active?: boolean }) {
      await db
        .update(membership)
        .set(values)
        .where(and(memberOfScope(scope), eq(membership.userId, userId)));
    },
    async deleteMembership(db: Db, scope: TenantScope, userId: string) {
      await db.delete(membership).where(and(memberOfScope(scope), eq(membership.userId, userId)));
    },
    async countMemberships(db: Db, userId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(membership).where(eq(membership.userId, userId));
      return row?.n ?? 0;
    },

    /**
     * Active administrators of a collectivité, rows locked so two concurrent demotions cannot
     * both see "another administrator remains".
     */
    async lockActiveAdministrators(db: Db, scope: TenantScope): Promise<string[]> {
      const rows = await db
        .select({ userId: membership.userId })
        .from(membership)
        .innerJoin(appUser, eq(appUser.id, membership.userId))
        .where(
          and(
            memberOfScope(scope),
            eq(membership.role, 'administrateur'),
            eq(membership.active, true),
            eq(appUser.enabled, true),
          ),
        )
        .for('update', { of: membership });
      return rows.map((r) => r.userId);
    },

    /** Collectivités where this user is the only active administrator. */
    async collectivitesWhereSoleAdministrator(db: Db, userId: string): Promise<string[]> {
      const result = await db.execute(sql`
        SELECT c.nom FROM membership m JOIN collectivite c ON c.id = m.collectivite_id
        WHERE m.user_id = ${userId} AND m.role = 'administrateur' AND m.active
          AND NOT EXISTS (SELECT 1 FROM membership o JOIN app_user ou ON ou.id = o.user_id
                          WHERE o.collectivite_id = m.collectivite_id AND o.user_id <> m.user_id
                            AND o.role = 'administrateur' AND o.active AND ou.enabled)
        ORDER BY c.nom`);
      return (result as unknown as { rows: { nom: string }[] }).rows.map((r) => r.nom);
    },

    /** Collectivités the user may switch to, with his role there (none for staff, who act as themselves). */
    async accessibleCollectivites(
      db: Db,
      user: StaffFields,
      limit = 50,
    ): Promise<{ id: string; nom: string; role: TRole | null }[]> {
      const staff = staffScopeOf(user);
      if (staff) {
        const rows = await db
          .select({ id: collectivite.id, nom: collectivite.nom })
          .from(collectivite)
          .where(
            and(inScope(staff, { collectiviteId: collectivite.id }), collectiviteOuverte(staff, collectivite.active)),
          )
          .orderBy(asc(collectivite.nom))
          .limit(limit);
        return rows.map((r) => ({ ...r, role: null }));
      }
      return db
        .select({ id: collectivite.id, nom: collectivite.nom, role: membership.role })
        .from(membership)
        .innerJoin(collectivite, eq(collectivite.id, membership.collectiviteId))
        .where(and(eq(membership.userId, user.id), eq(membership.active, true), eq(collectivite.active, true)))
        .orderBy(asc(collectivite.nom))
        .limit(limit);
    },

    /** The user's role in one collectivité (null for staff in their scope), or null when he may not act there. */
    async roleIn(
      db: Db,
      user: StaffFields,
      collectiviteId: string,
    ): Promise<{ nom: string; role: TRole | null } | null> {
      const staff = staffScopeOf(user);
      if (staff) {
        const [c] = await db
          .select({ nom: collectivite.nom })
          .from(collectivite)
          .where(
            and(
              eq(collectivite.id, collectiviteId),
              inScope(staff, { collectiviteId: collectivite.id }),
              collectiviteOuverte(staff, collectivite.active),
            ),
          );
        return c ? { nom: c.nom, role: null } : null;
      }
      const [m] = await db
        .select({ nom: collectivite.nom, role: membership.role })
        .from(membership)
        .innerJoin(collectivite, eq(collectivite.id, membership.collectiviteId))
        .where(
          and(
            eq(membership.userId, user.id),
            eq(membership.collectiviteId, collectiviteId),
            eq(membership.active, true),
            eq(collectivite.active, true),
          ),
        );
      return m ?? null;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
