import type { Access } from '../../http/context.js';
import { type Scope, seesMedical } from '../../lib/scope.js';

/** Who may do what on the medical fees of CITIS files. */
export const fraisMedicauxPolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /**
   * Those who declare the file enter its invoices; so may a gestionnaire working in the collectivité
   * (the seeds: the CDG « effectue la saisie des frais médicaux transmis par les praticiens »).
   */
  saisir: { access: { kind: 'collectivite', role: 'publicateur', staff: true } },
  /** Deciding, and the back office's list of fees to decide: any gestionnaire of the file's scope. */
  gestion: { access: { kind: 'staff', staffRole: 'any' } },
  /** An invoice names the care and the practitioner: the one medical rule. */
  litMedical: (scope: Scope) => seesMedical(scope),
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
