import type { Access } from '../../http/context.js';

/** Who may read the home page's « À faire » of the current collectivité. */
export const accueilPolicy = {
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
} satisfies Record<string, { access: Access }>;
