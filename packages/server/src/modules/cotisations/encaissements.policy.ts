import type { Access } from '../../http/context.js';

/** Who records and reads the payments of contribution calls. */
export const encaissementsPolicy = {
  /**
   * Entering a payment, importing a bank statement: a gestionnaire of a CDG or of an insurer (or
   * broker) on the calls of his scope; the platform has no account to reconcile (403 in the service).
   */
  encaisser: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
  /** Staff read the payments of the calls of their scope. */
  lireGestion: { access: { kind: 'staff', staffRole: 'any' } },
  /** The collectivité: every role reads what is paid and due on the calls issued to it. */
  lireCollectivite: { access: { kind: 'collectivite', role: 'lecteur' } },
} satisfies Record<string, { access: Access }>;
