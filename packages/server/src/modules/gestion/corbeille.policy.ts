import type { Access } from '../../http/context.js';

/**
 * Who may use the work queue: the organisations' gestionnaires. The platform administrator is a
 * technical role, not a handler: he has no queue.
 */
export const corbeillePolicy = {
  lire: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
  attribuer: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
  /** Portfolios, saved filters and sampling rules are the organisation's own settings. */
  parametrer: { access: { kind: 'staff', staffRole: 'gestionnaire' } },
} satisfies Record<string, { access: Access }>;
