import type { Access } from '../../http/context.js';

/** Who may do what on the arrêts of a sinistre (they are read with the sinistre's detail). */
export const arretsPolicy = {
  /** Declaring an arrêt, its salary, the return to work: the employer's Publicateurs and Administrateurs. */
  declarer: { access: { kind: 'collectivite', role: 'publicateur' } },
} satisfies Record<string, { access: Access }>;
