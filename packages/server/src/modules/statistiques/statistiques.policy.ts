import type { Access } from '../../http/context.js';
import { sinistresPolicy } from '../sinistres/sinistres.policy.js';

/**
 * Who reads a collectivité's absenteeism statistics: every role of the collectivité, the Lecteur too (they
 * carry categories of absence, never a lésion nor a medical piece: nothing the medical rule `seesMedical`
 * guards), and the staff whose scope holds it — to whom the service hides small numbers (domain §8).
 */
export const statistiquesPolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /**
   * The 90-day forecast names agents with their category of absence: those who read the sinistres (the
   * sinistres' own rule), each seeing the sinistres of his scope only.
   */
  prevoir: sinistresPolicy.lire,
} satisfies Record<string, { access: Access }>;
