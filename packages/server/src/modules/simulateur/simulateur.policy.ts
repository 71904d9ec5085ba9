import type { Access } from '../../http/context.js';

/**
 * Who runs the formula simulator (issue 12): the employer's Administrateur on his collectivité; a
 * CDG's gestionnaire on one collectivité of his scope or on the whole CDG. A simulation only reads:
 * no audit event.
 */
export const simulateurPolicy = {
  collectivite: { access: { kind: 'collectivite', role: 'administrateur' } },
  gestion: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
} satisfies Record<string, { access: Access }>;
