import type { Access } from '../../http/context.js';

/** Who may see and move décomptes and règlements. */
export const reglementsPolicy = {
  /** Paying is a gestionnaire's act for his organisation (its account, its threshold). */
  payer: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
  /** Staff read the règlements of their scope; the platform administrator reads, for support. */
  lireGestion: { access: { kind: 'staff', staffRole: 'any' } },
  /** « Vos règlements »: every role of the collectivité reads what it was paid. */
  lireCollectivite: { access: { kind: 'collectivite', role: 'lecteur' } },
  /** Where the collectivité is paid: its Administrateur, and staff who correct it for him. */
  coordonnees: { access: { kind: 'collectivite', role: 'administrateur', staff: true } },
} satisfies Record<string, { access: Access }>;
