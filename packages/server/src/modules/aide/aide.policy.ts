import type { Access } from '../../http/context.js';

/** Who may read and edit the guide pratique and the FAQ (platform-wide content). */
export const aidePolicy = {
  /** Every logged-in user. */
  lire: { access: { kind: 'user' } },
  /** The platform administrator writes. */
  rediger: { access: { kind: 'staff', staffRole: 'admin_plateforme' } },
} satisfies Record<string, { access: Access }>;
