import type { Access } from '../../http/context.js';

/** Who may record and read the decisions on a sinistre. */
export const decisionsPolicy = {
  /** A decision is a gestionnaire's act, signed by his organisation; the platform administrator does not decide. */
  decider: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
  /** Staff of the organisations that see the sinistre (`inScope`), in the back office. */
  lireGestion: { access: { kind: 'staff', staffRole: 'any' } },
  /** The collectivité reads the decisions on its sinistres and their letters, whatever the role. */
  lireCollectivite: { access: { kind: 'collectivite', role: 'lecteur' } },
} satisfies Record<string, { access: Access }>;
