import type { Access } from '../../http/context.js';

/** Who reads the loss ratio: the CDG's and the insurer's staff on their scope (the platform for support). */
export const sinistralitePolicy = {
  lire: { access: { kind: 'staff', staffRole: 'any' } },
} satisfies Record<string, { access: Access }>;
