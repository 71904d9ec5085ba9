import type { Access } from '../../http/context.js';

/**
 * Who reads a collectivité's absenteeism statistics: every role of the collectivité, the Lecteur too (they
 * carry categories of absence, never a lésion nor a medical piece: nothing the medical rule `seesMedical`
 * guards), and the staff whose scope holds it — to whom the service hides small numbers (domain §8).
 */
export const statistiquesPolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
} satisfies Record<string, { access: Access }>;
