import { roleAllows } from '@statutis/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { hashToken, safeEqual } from '../lib/tokens.js';
import type { SessionRepository } from '../modules/auth/session.repository.js';
import type { Access, AuthContext, TenantContext } from './context.js';
import { Forbidden, NotFound, Unauthorized } from './errors.js';

export const SESSION_COOKIE = 'statutis_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 30 * 1000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session of each request, enforces its timeouts, CSRF on writes and the route's declared
 * access. Runs on every /api route before the body is even parsed.
 */
export function registerGuard(
  app: FastifyInstance,
  deps: { db: Db; sessions: SessionRepository; clock: Clock; appUrl: string },
) {
  app.decorateRequest('auth', null);
  const appOrigin = new URL(deps.appUrl).origin;

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const access = request.routeOptions.config?.access;
    if (!access) {
      // Unknown /api routes fall through to the 404 handler; a known route without access is a bug.
      if (request.routeOptions.url?.startsWith('/api/')) throw Forbidden('Cette route n’est pas ouverte.');
      return;
    }
    if (!SAFE_METHODS.has(request.method)) checkOrigin(request, appOrigin);

    request.auth = await loadSession(request, deps);
    if (request.cookies[SESSION_COOKIE] && !request.auth) reply.clearCookie(SESSION_COOKIE, { path: '/' });

    if (access.kind === 'public') return;
    if (!request.auth)
      throw Unauthorized('Votre session a expiré ou vous n’êtes pas connecté. Reconnectez-vous.', 'session_expiree');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, request.auth.csrfToken)) {
        throw Forbidden(
          'Jeton de sécurité (CSRF) absent ou invalide. Rechargez la page puis réessayez.',
          'csrf_invalide',
        );
      }
    }
    checkAccess(access, request.auth, request.method);
  });
}

/** A browser always sends Origin on cross-site writes: refuse those that are not ours. */
function checkOrigin(request: FastifyRequest, appOrigin: string) {
  const origin = request.headers.origin;
  if (!origin) return;
  const host = request.headers.host;
  if (origin === appOrigin || (host && (origin === `http://${host}` || origin === `https://${host}`))) return;
  throw Forbidden('Requête refusée : elle ne provient pas de Statutis.', 'origine_refusee');
}

async function loadSession(
  request: FastifyRequest,
  deps: { db: Db; sessions: SessionRepository; clock: Clock },
): Promise<AuthContext | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const idHash = hashToken(token);
  const row = await deps.sessions.find(deps.db, idHash);
  if (!row) return null;
  const now = deps.clock.now().getTime();
  if (
    !row.enabled ||
    now - row.lastSeenAt.getTime() > SESSION_IDLE_MS ||
    now - row.createdAt.getTime() > SESSION_ABSOLUTE_MS
  ) {
    await deps.sessions.delete(deps.db, idHash);
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await deps.sessions.touch(deps.db, idHash, new Date(now));
  return {
    user: {
      id: row.userId,
      email: row.email,
      nom: row.nom,
      prenom: row.prenom,
      staffRole: row.staffRole,
      staffCdgId: row.staffCdgId,
    },
    sessionIdHash: idHash,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    lastSeenAt: new Date(Math.max(now, row.lastSeenAt.getTime())),
    collectiviteId: row.role ? row.currentCollectiviteId : null,
    role: row.role,
  };
}

function checkAccess(access: Access, auth: AuthContext, method: string) {
  switch (access.kind) {
    case 'user':
      return;
    case 'staff':
      if (!auth.user.staffRole || (access.staffRole !== 'any' && auth.user.staffRole !== access.staffRole)) {
        throw Forbidden('Cette action est réservée aux gestionnaires de la plateforme.');
      }
      return;
    case 'collectivite': {
      if (!auth.collectiviteId || !auth.role) {
        throw NotFound(
          'Aucune collectivité sélectionnée : choisissez-en une en haut de l’écran.',
          'collectivite_non_selectionnee',
        );
      }
      if (!roleAllows(auth.role, access.role)) {
        throw Forbidden(
          auth.role === 'lecteur' && !SAFE_METHODS.has(method)
            ? 'Votre compte est en lecture seule (rôle Lecteur) : vous ne pouvez pas modifier les données.'
            : 'Cette action est réservée aux administrateurs de la collectivité.',
        );
      }
    }
  }
}

/** The tenant of a route declared `{ kind: 'collectivite' }`: the guard has already checked it. */
export function tenantOf(request: FastifyRequest): TenantContext {
  const auth = request.auth;
  if (!auth?.collectiviteId || !auth.role) throw NotFound('Aucune collectivité sélectionnée.');
  return auth as TenantContext;
}

export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw Unauthorized();
  return request.auth;
}
