import { NOTIFICATIONS_PAGE, type TNotification, type TNotificationPage, ZNotification } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/context.js';
import { NotFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Lecteur, NotificationsRepository } from './notifications.repository.js';

type Row = Awaited<ReturnType<NotificationsRepository['page']>>[number];
const present = (r: Row): TNotification => ({
  id: r.id,
  kind: ZNotification.shape.kind.parse(r.kind),
  titre: r.titre,
  lien: r.lien,
  createdAt: r.createdAt.toISOString(),
  lueLe: r.lueLe?.toISOString() ?? null,
});

const lecteurOf = (ctx: AuthContext): Lecteur => ({ userId: ctx.user.id, collectiviteId: ctx.collectiviteId });

/**
 * The bell. Marking read is not audited: it is the reader's own view of his list, like the
 * session's last activity, and records nothing about the collectivité's files.
 */
export function createNotificationsService(deps: { db: Db; clock: Clock; repo: NotificationsRepository }) {
  const { db, repo, clock } = deps;
  return {
    async list(ctx: AuthContext, apres?: string): Promise<TNotificationPage> {
      const cut = apres ? apres.lastIndexOf('_') : -1;
      const rows = await repo.page(
        db,
        lecteurOf(ctx),
        cut > 0 ? { createdAt: new Date(apres!.slice(0, cut)), id: apres!.slice(cut + 1) } : null,
        NOTIFICATIONS_PAGE,
      );
      const items = rows.slice(0, NOTIFICATIONS_PAGE);
      const last = items.at(-1);
      return {
        items: items.map(present),
        suivant: rows.length > NOTIFICATIONS_PAGE && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
      };
    },
    async nonLues(ctx: AuthContext) {
      return { nonLues: await repo.nonLues(db, lecteurOf(ctx)) };
    },
    /** Returns the new unread count, so the bell follows without another request. */
    async marquerLue(ctx: AuthContext, id: string) {
      const lecteur = lecteurOf(ctx);
      const nonLues = await db.transaction(async (tx) => {
        if (!(await repo.marquerLue(tx, lecteur, id, clock.now()))) throw NotFound('Notification introuvable.');
        return repo.nonLues(tx, lecteur);
      });
      return { nonLues };
    },
    async marquerToutesLues(ctx: AuthContext) {
      const lecteur = lecteurOf(ctx);
      return db.transaction(async (tx) => {
        await repo.marquerToutesLues(tx, lecteur, clock.now());
        return { nonLues: await repo.nonLues(tx, lecteur) };
      });
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
