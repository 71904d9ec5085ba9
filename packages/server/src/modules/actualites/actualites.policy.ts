import type { Access } from '../../http/context.js';

/** Who may read and publish the platform's news. */
export const actualitesPolicy = {
  /** Every logged-in user. */
  lire: { access: { kind: 'user' } },
  /** The platform administrator publishes, edits and removes. */
  publier: { access: { kind: 'staff', staffRole: 'admin_plateforme' } },
} satisfies Record<string, { access: Access }>;
