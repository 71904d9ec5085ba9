import type { Access } from '../../http/context.js';

/** Who may see and manage the collectivités. */
export const collectivitesPolicy = {
  /** Those one may switch to: one's own, the organisation's for staff, all for the platform. */
  lister: { access: { kind: 'user' } },
  /** Creating, correcting, setting off: the platform administrator only. */
  administrer: { access: { kind: 'staff', staffRole: 'admin_plateforme' } },
  /** The list of centres de gestion (choosing one in a form). */
  listerCdgs: { access: { kind: 'staff', staffRole: 'any' } },
} satisfies Record<string, { access: Access }>;
