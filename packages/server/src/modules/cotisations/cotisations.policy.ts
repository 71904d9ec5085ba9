import type { Access } from '../../http/context.js';

/** Who may see and move the contribution calls. */
export const cotisationsPolicy = {
  /**
   * Preparing, checking, issuing and cancelling calls, and the CDG's fee parameters: a CDG's
   * gestionnaire (the service refuses an insurer's or broker's staff: 403).
   */
  gerer: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
  /** Staff read the calls of their scope (an insurer: those of his contracts); the platform, for support. */
  lireGestion: { access: { kind: 'staff', staffRole: 'any' } },
  /** « Vos cotisations »: every role of the collectivité reads the calls issued to it. */
  lireCollectivite: { access: { kind: 'collectivite', role: 'lecteur' } },
} satisfies Record<string, { access: Access }>;
