import type { Access } from '../../http/context.js';
import { type Scope, seesMedical } from '../../lib/scope.js';

/** Who may do what on the enquête administrative, the imputability and the accident's documents. */
export const enquetePolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  remplir: { access: { kind: 'collectivite', role: 'publicateur' } },
  /**
   * The enquête's medical details (sièges, nature des lésions) and its PDF, which prints them: the
   * one medical rule. The attestation and the bon carry none and are read by everyone.
   */
  litMedical: (scope: Scope) => seesMedical(scope),
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
