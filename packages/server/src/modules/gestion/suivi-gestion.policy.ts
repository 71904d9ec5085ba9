import type { Access } from '../../http/context.js';

/**
 * Who may follow a file up. The back office records checks, recours and reprise from its own routes
 * (`/api/gestion/...`, over every collectivité of its organisation); the employer reads them, asks
 * for a check and records the reprise he organises, from his collectivité's routes.
 */
export const suiviGestionPolicy = {
  gestion: { access: { kind: 'staff', staffRole: 'any' } },
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /** Asking for a check, recording the reprise: those who declare the file. */
  ecrire: { access: { kind: 'collectivite', role: 'publicateur' } },
} satisfies Record<string, { access: Access }>;
