import type { Access } from '../../http/context.js';

/** Who may call the session's routes. */
export const authPolicy = {
  /** Logging in, a forgotten password, its reset: anyone. */
  public: { access: { kind: 'public' } },
  /** The session itself (reading it, choosing a collectivité, logging out): its owner. */
  session: { access: { kind: 'user' } },
} satisfies Record<string, { access: Access }>;
