import type { Access } from '../../http/context.js';

/**
 * Who reads the CDG dashboard: the CDG's gestionnaires over its collectivités (and the platform for
 * support). An insurer's staff is refused by the service: the aggregates count every contract's arrêts,
 * while his scope reaches only his contracts' files.
 */
export const statistiquesCdgPolicy = {
  lire: { access: { kind: 'staff', staffRole: 'any' } },
} satisfies Record<string, { access: Access }>;
