import type { Access } from '../../http/context.js';

/** Who may manage the user accounts of a collectivité, and one's own. */
export const usersPolicy = {
  /**
   * The collectivité's Administrateurs; staff too, so that the platform administrator or the CDG can
   * create the first account of a collectivité that has none (audited as theirs).
   */
  gerer: { access: { kind: 'collectivite', role: 'administrateur', staff: true } },
  /** Any logged-in user, on his own account. */
  soi: { access: { kind: 'user' } },
} satisfies Record<string, { access: Access }>;
