import type { TRole, TStaffRole } from '@statutis/domain';
import type { Actor } from '../lib/audit.js';

/**
 * Who may call a route. Every route declares it in `config.access`; a route without it is refused,
 * so nothing becomes public by omission.
 */
export type Access =
  | { kind: 'public' }
  /** Any logged-in user, on his own data (Mon compte, session). */
  | { kind: 'user' }
  /** A user acting in the current collectivité with at least this role. */
  | { kind: 'collectivite'; role: TRole }
  /** Staff only. */
  | { kind: 'staff'; staffRole: TStaffRole | 'any' };

export type SessionUser = {
  id: string;
  email: string;
  nom: string;
  prenom: string;
  staffRole: TStaffRole | null;
  staffCdgId: string | null;
};

export type AuthContext = {
  user: SessionUser;
  sessionIdHash: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The collectivité chosen in the header, if the user may still act in it. */
  collectiviteId: string | null;
  role: TRole | null;
};

/** The current collectivité and role of a request whose route requires one. */
export type TenantContext = AuthContext & { collectiviteId: string; role: TRole };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function actorOf(auth: AuthContext | null, ip: string | null): Actor {
  return {
    userId: auth?.user.id ?? null,
    userLabel: auth ? `${auth.user.prenom} ${auth.user.nom} <${auth.user.email}>` : null,
    collectiviteId: auth?.collectiviteId ?? null,
    ip,
  };
}
