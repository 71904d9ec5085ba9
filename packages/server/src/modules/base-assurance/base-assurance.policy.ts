import type { Access } from '../../http/context.js';
import { isStaff, type Scope } from '../../lib/scope.js';

/** Who may do what on the bases and budgets of a collectivité. */
export const baseAssurancePolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  declarer: { access: { kind: 'collectivite', role: 'publicateur' } },
  /**
   * Changing or deleting a base: the collectivité on its creation day, a gestionnaire after that
   * (domain §4) — the one write of the employer's space staff may do.
   */
  corriger: { access: { kind: 'collectivite', role: 'publicateur', staff: true } },
  /** Whether the scope may correct a base after its creation day. */
  corrigeApresCreation: (scope: Scope) => isStaff(scope),
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
