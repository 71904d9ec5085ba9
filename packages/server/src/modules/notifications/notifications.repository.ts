import type { TKindNotification, TRole } from '@statutis/domain';
import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notification } from './notifications.table.js';

/** One event to tell a collectivité's users of; `notifier` writes one row per user concerned. */
export type Evenement = {
  collectiviteId: string;
  kind: TKindNotification;
  titre: string;
  lien: string;
  sujet: string;
};

/** Who follows a collectivité's sinistres (their pieces' and decisions' mails go to them too). */
export const DECLARANTS: readonly TRole[] = ['publicateur', 'administrateur'];
/** Who is told of the money: calls and payments, as their mails. */
export const ADMINISTRATEURS: readonly TRole[] = ['administrateur'];

/** What a module is given to tell the employer's users, in its own transaction. */
export type Notifier = Pick<NotificationsRepository, 'notifier'>;

/** Whose notifications a request reads: his own, of a collectivité he still belongs to (the current one if chosen). */
export type Lecteur = { userId: string; collectiviteId: string | null };

function siens(lecteur: Lecteur): SQL {
  const n = notification;
  return and(
    eq(n.userId, lecteur.userId),
    lecteur.collectiviteId ? eq(n.collectiviteId, lecteur.collectiviteId) : undefined,
    sql`EXISTS (SELECT 1 FROM membership m WHERE m.user_id = ${n.userId} AND m.collectivite_id = ${n.collectiviteId} AND m.active)`,
  )!;
}

export function createNotificationsRepository() {
  return {
    /**
     * One statement for any number of events: each goes to the active, enabled users of its
     * collectivité holding one of `roles` (the same people the event's mail goes to).
     */
    async notifier(tx: Db, at: Date, roles: readonly TRole[], evenements: readonly Evenement[]) {
      if (evenements.length === 0 || roles.length === 0) return [];
      const result = await tx.execute(sql`
        INSERT INTO notification (user_id, collectivite_id, kind, titre, lien, sujet, created_at)
        SELECT m.user_id, e."collectiviteId", e.kind, e.titre, e.lien, e.sujet, ${at.toISOString()}::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(evenements)}::jsonb)
          AS e("collectiviteId" uuid, kind text, titre text, lien text, sujet text)
        JOIN membership m ON m.collectivite_id = e."collectiviteId" AND m.active
          AND m.role::text IN (SELECT jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))
        JOIN app_user u ON u.id = m.user_id AND u.enabled AND u.password_hash IS NOT NULL
        RETURNING id, user_id AS "userId"`);
      return (result as unknown as { rows: { id: string; userId: string }[] }).rows;
    },

    /** Newest first, `notification_user_idx`; one more row than the page tells whether another follows. */
    async page(db: Db, lecteur: Lecteur, apres: { createdAt: Date; id: string } | null, limit: number) {
      const n = notification;
      return db
        .select()
        .from(n)
        .where(
          and(
            siens(lecteur),
            apres
              ? sql`(${n.createdAt}, ${n.id}) < (${apres.createdAt.toISOString()}::timestamptz, ${apres.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(n.createdAt), desc(n.id))
        .limit(limit + 1);
    },

    /** Read by the bell on every page: the partial index `notification_non_lue_idx` keeps it cheap. */
    async nonLues(db: Db, lecteur: Lecteur) {
      const [row] = await db
        .select({ n: count() })
        .from(notification)
        .where(and(siens(lecteur), isNull(notification.lueLe)));
      return row?.n ?? 0;
    },

    /** Marks one read (the first reading stays); null when it is not the reader's. */
    async marquerLue(db: Db, lecteur: Lecteur, id: string, at: Date) {
      const [row] = await db
        .update(notification)
        .set({ lueLe: sql`coalesce(${notification.lueLe}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(notification.id, id), siens(lecteur)))
        .returning({ id: notification.id });
      return row ?? null;
    },

    async marquerToutesLues(db: Db, lecteur: Lecteur, at: Date) {
      const rows = await db
        .update(notification)
        .set({ lueLe: at })
        .where(and(siens(lecteur), isNull(notification.lueLe)))
        .returning({ id: notification.id });
      return rows.length;
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
