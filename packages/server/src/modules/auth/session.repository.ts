import type { TRole, TStaffRole } from '@statutis/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Organisation } from '../../lib/scope.js';
import { session } from './auth.table.js';

export type SessionRow = {
  idHash: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  currentCollectiviteId: string | null;
  userId: string;
  email: string;
  nom: string;
  prenom: string;
  enabled: boolean;
  staffRole: TStaffRole | null;
  staffCdgId: string | null;
  staffAssureurId: string | null;
  /** The gestionnaire's organisation: his CDG, or the insurer or broker he works for. */
  organisation: Organisation | null;
  /** Role in the current collectivité, from an active membership; staff have none. */
  role: TRole | null;
  /** Staff only: the current collectivité is one of his scope. */
  staffInCollectivite: boolean;
};

export function createSessionRepository() {
  return {
    /** One query per request: the session, its user and the role in the current collectivité. */
    async find(db: Db, idHash: string): Promise<SessionRow | null> {
      const result = await db.execute(sql`
        SELECT s.id_hash AS "idHash", s.csrf_token AS "csrfToken", s.created_at AS "createdAt",
               s.last_seen_at AS "lastSeenAt", s.current_collectivite_id AS "currentCollectiviteId",
               u.id AS "userId", u.email, u.nom, u.prenom, u.enabled, u.staff_role AS "staffRole",
               u.staff_cdg_id AS "staffCdgId", u.staff_assureur_id AS "staffAssureurId",
               CASE WHEN g.id IS NOT NULL THEN 'cdg' ELSE a.kind END AS "organisationKind",
               COALESCE(g.id, a.id) AS "organisationId", COALESCE(g.nom, a.nom) AS "organisationNom",
               -- A collectivité set off by the platform administrator: nobody works there but him.
               CASE WHEN u.staff_role IS NULL AND c.active THEN m.role::text END AS role,
               CASE
                 WHEN c.id IS NULL THEN false
                 WHEN u.staff_role = 'admin_plateforme' THEN true
                 WHEN u.staff_role IS NULL OR NOT c.active THEN false
                 WHEN g.id IS NOT NULL THEN c.cdg_id = g.id
                 ELSE EXISTS (SELECT 1 FROM adhesion ad JOIN contrat co ON co.id = ad.contrat_id
                              WHERE ad.collectivite_id = c.id AND a.id IN (co.assureur_id, co.courtier_id))
               END AS "staffInCollectivite"
        FROM session s
        JOIN app_user u ON u.id = s.user_id
        LEFT JOIN cdg g ON g.id = u.staff_cdg_id AND u.staff_role = 'gestionnaire'
        LEFT JOIN assureur a ON a.id = u.staff_assureur_id AND u.staff_role = 'gestionnaire'
        LEFT JOIN collectivite c ON c.id = s.current_collectivite_id
        LEFT JOIN membership m ON m.user_id = u.id AND m.collectivite_id = s.current_collectivite_id AND m.active
        WHERE s.id_hash = ${idHash}`);
      type Raw = Omit<SessionRow, 'organisation'> & {
        organisationKind: Organisation['kind'] | null;
        organisationId: string | null;
        organisationNom: string | null;
      };
      const row = (result as unknown as { rows: Raw[] }).rows[0];
      if (!row) return null;
      const { organisationKind, organisationId, organisationNom, ...rest } = row;
      return {
        ...rest,
        organisation:
          organisationKind && organisationId
            ? { kind: organisationKind, id: organisationId, nom: organisationNom ?? '' }
            : null,
        createdAt: new Date(row.createdAt),
        lastSeenAt: new Date(row.lastSeenAt),
      };
    },
    async create(db: Db, values: typeof session.$inferInsert) {
      await db.insert(session).values(values);
    },
    async touch(db: Db, idHash: string, at: Date) {
      await db.update(session).set({ lastSeenAt: at }).where(eq(session.idHash, idHash));
    },
    async setCurrentCollectivite(db: Db, idHash: string, collectiviteId: string | null) {
      await db.update(session).set({ currentCollectiviteId: collectiviteId }).where(eq(session.idHash, idHash));
    },
    /** The user's sessions in this collectivité lose it; his sessions elsewhere are untouched. */
    async leaveCollectivite(db: Db, userId: string, collectiviteId: string) {
      await db
        .update(session)
        .set({ currentCollectiviteId: null })
        .where(and(eq(session.userId, userId), eq(session.currentCollectiviteId, collectiviteId)));
    },
    async delete(db: Db, idHash: string) {
      await db.delete(session).where(eq(session.idHash, idHash));
    },
    /** Ends every session of a user, but the one given (password change keeps the current one). */
    async deleteForUser(db: Db, userId: string, exceptIdHash?: string) {
      await db
        .delete(session)
        .where(
          exceptIdHash
            ? and(eq(session.userId, userId), sql`${session.idHash} <> ${exceptIdHash}`)
            : eq(session.userId, userId),
        );
    },
    async purgeExpired(db: Db, idleBefore: Date, createdBefore: Date) {
      await db
        .delete(session)
        .where(sql`${session.lastSeenAt} < ${idleBefore} OR ${session.createdAt} < ${createdBefore}`);
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
