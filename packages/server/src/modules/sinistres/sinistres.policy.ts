import type { Access } from '../../http/context.js';
import { type Scope, seesMedical } from '../../lib/scope.js';

/** Who may do what on the sinistres of a collectivité. */
export const sinistresPolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /** Declaring, validating, deleting a Brouillon, asking a requalification, commenting: the employer's. */
  declarer: { access: { kind: 'collectivite', role: 'publicateur' } },
  /** A handler's comment, from the back office (its own view of the file). */
  commenterGestion: { access: { kind: 'staff', staffRole: 'any' } },
  /** The lésions of the enquête and of the detail: the one medical rule. */
  litMedical: (scope: Scope) => seesMedical(scope),
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
