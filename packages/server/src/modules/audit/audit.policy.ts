import type { Access } from '../../http/context.js';

/** Who may read the collectivité's log. */
export const auditPolicy = {
  /** Its Administrateurs; staff of its organisation read it too (read-only, like every collectivité route). */
  lire: { access: { kind: 'collectivite', role: 'administrateur' } },
} satisfies Record<string, { access: Access }>;
