import type { TRole } from '@statutis/domain';
import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { appUser, collectivite, membership, nameSortKeySql } from '../../db/schema.js';
import { frenchNameOrder } from '../../db/search.js';

export type UserRow = typeof appUser.$inferSelect;

const compteColumns = {
  id: appUser.id,
  email: appUser.email,
  nom: appUser.nom,
  prenom: appUser.prenom,
  telephone: appUser.telephone,
  role: membership.role,
  actif: membership.active,
  passwordHash: appUser.passwordHash,
  lastLoginAt: appUser.lastLoginAt,
  creeLe: membership.createdAt,
};

export type CompteRow = {
  id: string;
  email: string;
  nom: string;
  prenom: string;
  telephone: string | null;
  role: TRole;
  actif: boolean;
  passwordHash: string | null;
  lastLoginAt: Date | null;
  creeLe: Date;
};

/** French order of people (the key of `agent.tri`, computed here: a collectivité has few accounts). */
const byName = frenchNameOrder(
  sql.raw(nameSortKeySql('"app_user"."nom"', '"app_user"."prenom"')),
  appUser.nom,
  appUser.prenom,
);
const sortColumns = {
  nom: byName,
  email: [appUser.email],
  role: [membership.role, ...byName],
  creeLe: [membership.createdAt],
} as const;

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
      collectiviteId: string,
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
      const where = and(
        eq(membership.collectiviteId, collectiviteId),
        q.role ? eq(membership.role, q.role) : undefined,
        pattern
          ? or(
              ilike(appUser.nom, pattern),
              ilike(appUser.prenom, pattern),
              ilike(appUser.email, pattern),
              ilike(sql`${appUser.prenom} || ' ' || ${appUser.nom}`, pattern),
            )
          : undefined,
      );
      const order = sortColumns[q.sort].map((c) => (q.direction === 'desc' ? desc(c) : asc(c)));
      const [rows, [totalRow]] = await Promise.all([
        db
          .select(compteColumns)
          .from(membership)
          .innerJoin(appUser, eq(appUser.id, membership.userId))
          .where(where)
          .orderBy(...order, asc(appUser.id))
          .limit(q.limit)
          .offset(q.offset),
        db
          .select({ total: count() })
          .from(membership)
          .innerJoin(appUser, eq(appUser.id, membership.userId))
          .where(where),
      ]);
      return { rows: rows as CompteRow[], total: totalRow?.total ?? 0 };
    },

    async findCompte(db: Db, collectiviteId: string, userId: string): Promise<CompteRow | null> {
      const [row] = await db
        .select(compteColumns)
        .from(membership)
        .innerJoin(appUser, eq(appUser.id, membership.userId))
        .where(and(eq(membership.collectiviteId, collectiviteId), eq(membership.userId, userId)));
      return (row as CompteRow | undefined) ?? null;
    },

    async insertMembership(db: Db, values: typeof membership.$inferInsert) {
      await db.insert(membership).values(values);
    },
    async updateMembership(db: Db, collectiviteId: string, userId: string, values: { role?: TRole; active?: boolean }) {
      await db
        .update(membership)
        .set(values)
        .where(and(eq(membership.collectiviteId, collectiviteId), eq(membership.userId, userId)));
    },
    async deleteMembership(db: Db, collectiviteId: string, userId: string) {
      await db
        .delete(membership)
        .where(and(eq(membership.collectiviteId, collectiviteId), eq(membership.userId, userId)));
    },
    async countMemberships(db: Db, userId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(membership).where(eq(membership.userId, userId));
      return row?.n ?? 0;
    },

    /**
     * Active administrators of a collectivité, rows locked so two concurrent demotions cannot
     * both see "another administrator remains".
     */
    async lockActiveAdministrators(db: Db, collectiviteId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: membership.userId })
        .from(membership)
        .innerJoin(appUser, eq(appUser.id, membership.userId))
        .where(
          and(
            eq(membership.collectiviteId, collectiviteId),
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

    /** Collectivités the user may switch to, with his role there. */
    async accessibleCollectivites(
      db: Db,
      user: { id: string; staffRole: string | null; staffCdgId: string | null },
      limit = 50,
    ): Promise<{ id: string; nom: string; role: TRole }[]> {
      if (user.staffRole === 'admin_plateforme' || user.staffRole === 'gestionnaire') {
        const rows = await db
          .select({ id: collectivite.id, nom: collectivite.nom })
          .from(collectivite)
          .where(
            user.staffRole === 'gestionnaire'
              ? eq(collectivite.cdgId, user.staffCdgId ?? '00000000-0000-0000-0000-000000000000')
              : undefined,
          )
          .orderBy(asc(collectivite.nom))
          .limit(limit);
        return rows.map((r) => ({ ...r, role: 'administrateur' as const }));
      }
      return db
        .select({ id: collectivite.id, nom: collectivite.nom, role: membership.role })
        .from(membership)
        .innerJoin(collectivite, eq(collectivite.id, membership.collectiviteId))
        .where(and(eq(membership.userId, user.id), eq(membership.active, true)))
        .orderBy(asc(collectivite.nom))
        .limit(limit);
    },

    /** The user's role in one collectivité, or null when he may not act there. */
    async roleIn(
      db: Db,
      user: { id: string; staffRole: string | null; staffCdgId: string | null },
      collectiviteId: string,
    ): Promise<{ nom: string; role: TRole } | null> {
      const [c] = await db.select().from(collectivite).where(eq(collectivite.id, collectiviteId));
      if (!c) return null;
      if (user.staffRole === 'admin_plateforme') return { nom: c.nom, role: 'administrateur' };
      if (user.staffRole === 'gestionnaire' && c.cdgId === user.staffCdgId)
        return { nom: c.nom, role: 'administrateur' };
      const [m] = await db
        .select({ role: membership.role })
        .from(membership)
        .where(
          and(
            eq(membership.userId, user.id),
            eq(membership.collectiviteId, collectiviteId),
            eq(membership.active, true),
          ),
        );
      return m ? { nom: c.nom, role: m.role } : null;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
