import type { Access } from '../../http/context.js';

/** Who may read his notifications. */
export const notificationsPolicy = {
  /** Every logged-in user, his own only: staff are told of nothing and see an empty list. */
  lire: { access: { kind: 'user' } },
} satisfies Record<string, { access: Access }>;
