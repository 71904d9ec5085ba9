import type { Access } from '../../http/context.js';

/** Who may read and enter the inputs of the reimbursement engine. */
export const entreesPolicy = {
  /** Monthly salaries, IJSS, antécédents: every user of the collectivité, and staff. */
  lire: { access: { kind: 'collectivite', role: 'lecteur' } },
  /** Salaries and IJSS: the employer enters them, the gestionnaire may correct them. */
  saisir: { access: { kind: 'collectivite', role: 'publicateur', staff: true } },
  /** Antécédents: the employer, who knows the agent's past. */
  saisirAntecedents: { access: { kind: 'collectivite', role: 'publicateur' } },
} satisfies Record<string, { access: Access }>;
