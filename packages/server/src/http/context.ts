import type { TRole, TStaffRole } from '@statutis/domain';
import type { Actor } from '../lib/audit.js';
import { type Organisation, organisationLabel, type Scope, signature, type TenantScope } from '../lib/scope.js';

/**
 * Who may call a route. Every route declares it in `config.access`; a route without it is refused,
 * so nothing becomes public by omission.
 */
export type Access =
  | { kind: 'public' }
  /** Any logged-in user, on his own data (Mon compte, session). */
  | { kind: 'user' }
  /**
   * A user acting in the current collectivité with at least this role. Staff whose scope holds the
   * collectivité may read it; they write only where `staff` says so (what the back office corrects),
   * never as one of the employer's users.
   */
  | { kind: 'collectivite'; role: TRole; staff?: boolean }
  /** Staff only. */
  | { kind: 'staff'; staffRole: TStaffRole | 'any' };

export type SessionUser = {
  id: string;
  email: string;
  nom: string;
  prenom: string;
  staffRole: TStaffRole | null;
  staffCdgId: string | null;
  staffAssureurId: string | null;
  organisation: Organisation | null;
};

export type AuthContext = {
  user: SessionUser;
  sessionIdHash: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The collectivité chosen in the header, if the user may still act in it. */
  collectiviteId: string | null;
  /** His role there when he is one of its users; null for staff. */
  role: TRole | null;
  /** Who acts and on what: every repository filters with it (`inScope`). */
  scope: Scope;
};

/** The current collectivité of a request whose route requires one (a member's, or staff's in scope). */
export type TenantContext = AuthContext & { collectiviteId: string; scope: TenantScope };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function actorOf(auth: AuthContext | null, ip: string | null): Actor {
  const organisation = auth ? organisationLabel(auth.scope) : null;
  return {
    userId: auth?.user.id ?? null,
    userLabel: auth ? userLabel(auth) : null,
    organisation,
    // What the employer reads on the work of someone who is not one of his users.
    signature: auth && organisation ? signature(auth.scope, auth.user) : null,
    collectiviteId: auth?.collectiviteId ?? null,
    ip,
  };
}

/** The audit's « who »: the person and, for staff, the organisation he acts for. */
function userLabel(auth: AuthContext): string {
  const person = `${auth.user.prenom} ${auth.user.nom} <${auth.user.email}>`;
  const organisation = organisationLabel(auth.scope);
  return organisation ? `${person} — ${organisation}` : person;
}
