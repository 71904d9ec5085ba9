import type { Access } from '../../http/context.js';
import type { Scope } from '../../lib/scope.js';

/** Who may do what on the agents of a collectivité and their roster imports. */
export const agentsPolicy = {
  /** The roster, an agent's file, the import history: every user of the collectivité, and staff. */
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /** Recording, correcting, a departure, a roster import: the employer's Publicateurs and up. */
  modifier: { access: { kind: 'collectivite', role: 'publicateur' } },
  /**
   * The NIR in full: the employer's users, who record it, and the gestionnaires, who match files
   * to it; the platform's technical administrator sees its first digits only (sex, year, month).
   */
  voitNirComplet: (scope: Scope) => scope.kind === 'membre' || scope.kind === 'staff',
} satisfies Record<string, { access: Access } | ((scope: Scope) => boolean)>;
