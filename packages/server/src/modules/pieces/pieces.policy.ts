import type { Access } from '../../http/context.js';
import { type Scope, seesMedical } from '../../lib/scope.js';

/** Who may do what on the supporting documents of sinistres and on their catalogue. */
export const piecesPolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /** Depositing and withdrawing are the employer's: staff decide on pieces in the back office. */
  deposer: { access: { kind: 'collectivite', role: 'publicateur' } },
  /** Anyone logged in reads the catalogue (the forms show it). */
  lireCatalogue: { access: { kind: 'user' } },
  gererCatalogue: { access: { kind: 'staff', staffRole: 'admin_plateforme' } },
  /**
   * A medical piece's name and file: the one medical rule. A Lecteur sees that it exists, not what
   * it is.
   */
  litMedical: (scope: Scope) => seesMedical(scope),
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
