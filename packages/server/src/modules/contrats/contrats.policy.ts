import type { Access } from '../../http/context.js';
import { isStaff, type Scope, type StaffScope } from '../../lib/scope.js';

/** Who may see and manage the insurance contracts. */
export const contratsPolicy = {
  /** The contracts the current collectivité adheres to (and, for an insurer's staff, his own). */
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /**
   * The back office's contracts: those of the CDG, or those the insurer or broker is party to; an
   * out-of-scope contract is a 404 (`contratInScope`).
   */
  gerer: { access: { kind: 'staff', staffRole: 'any' } },
  /** Whether the scope works in the back office (a gestionnaire or the platform). */
  gereContrats: (scope: Scope): scope is StaffScope => isStaff(scope),
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
