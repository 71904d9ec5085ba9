import { z } from 'zod';

/** What a notification tells the employer; the bell lists them, each user chooses how he hears of each kind. */
export const KINDS_NOTIFICATION = ['decision', 'piece_refusee', 'commentaire', 'paiement', 'appel', 'alerte'] as const;
export type TKindNotification = (typeof KINDS_NOTIFICATION)[number];

export const kindNotificationLabels: Record<TKindNotification, string> = {
  decision: 'Décision sur un sinistre',
  piece_refusee: 'Pièce refusée',
  commentaire: 'Commentaire du gestionnaire',
  paiement: 'Paiement',
  appel: 'Appel de cotisations',
  alerte: 'Alerte',
};

/** Notifications listed a page at a time; the bell also reads how many are unread. */
export const NOTIFICATIONS_PAGE = 20;

export const ZNotification = z.object({
  id: z.uuid(),
  kind: z.enum(KINDS_NOTIFICATION),
  titre: z.string(),
  /** The app path of the page it is about (`/declarations/sinistres/…`). */
  lien: z.string(),
  createdAt: z.string(),
  lueLe: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationPage = z.object({
  items: z.array(ZNotification),
  /** The cursor of the next page, null on the last. */
  suivant: z.string().nullable(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZNotificationsQuery = z.object({
  apres: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'Clé de page invalide.',
    )
    .optional(),
});

export const ZNotificationsNonLues = z.object({ nonLues: z.number().int() });
export type TNotificationsNonLues = z.infer<typeof ZNotificationsNonLues>;
