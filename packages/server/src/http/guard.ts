import { roleAllows } from '@statutis/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { NOTHING, type Scope } from '../lib/scope.js';
import { hashToken, safeEqual } from '../lib/tokens.js';
import type { SessionRepository, SessionRow } from '../modules/auth/session.repository.js';
import type { Access, AuthContext, TenantContext } from './context.js';
import { Forbidden, NotFound, Unauthorized } from './errors.js';

/**
 * Cookie names. Over https they take the `__Host-` prefix: the browser then only accepts them
 * Secure, for Path=/ and without Domain, so a sibling sub-domain cannot plant or shadow them.
 */
export function cookieNames(appUrl: string) {
  const secure = appUrl.startsWith('https://');
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}statutis_session`,
    device: `${prefix}statutis_appareil`,
    /** A browser ignores a `__Host-` Set-Cookie, even one that clears it, unless Secure with Path=/. */
    clear: { path: '/', secure },
  } as const;
}
export type CookieNames = ReturnType<typeof cookieNames>;

declare module 'fastify' {
  interface FastifyInstance {
    cookieNames: CookieNames;
  }
}

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
  const names = cookieNames(deps.appUrl);
  app.decorate('cookieNames', names);
  const origins = allowedOrigins(deps.appUrl);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const access = request.routeOptions.config?.access;
    if (!access) {
      // Unknown /api routes fall through to the 404 handler; a known route without access is a bug.
      if (request.routeOptions.url?.startsWith('/api/')) throw Forbidden('Cette route n’est pas ouverte.');
      return;
    }
    if (!SAFE_METHODS.has(request.method)) checkOrigin(request, origins);

    request.auth = await loadSession(request, names.session, deps);
    if (request.cookies[names.session] && !request.auth) reply.clearCookie(names.session, names.clear);

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

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origins our pages are served from: APP_URL's, never one derived from the Host header, which
 * the client chooses. A localhost APP_URL (the trial default) also accepts its loopback aliases, so
 * a trial opened at http://127.0.0.1:3000 works; no other site can make a browser send those.
 */
export function allowedOrigins(appUrl: string): Set<string> {
  const url = new URL(appUrl);
  const origins = new Set([url.origin]);
  if (LOOPBACK.has(url.hostname)) {
    for (const host of LOOPBACK) origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
  }
  return origins;
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * A browser sends Origin on cross-site writes (or at least a Referer when a policy hides the
 * Origin): refuse those that are not ours. A request with neither is not a browser's cross-site
 * request; authenticated writes still need the CSRF token.
 */
function checkOrigin(request: FastifyRequest, origins: Set<string>) {
  const { origin, referer } = request.headers;
  const claimed = origin && origin !== 'null' ? origin : referer ? originOf(referer) : origin;
  if (claimed === undefined) return;
  if (claimed !== null && origins.has(claimed)) return;
  throw Forbidden('Requête refusée : elle ne provient pas de Statutis.', 'origine_refusee');
}

async function loadSession(
  request: FastifyRequest,
  cookieName: string,
  deps: { db: Db; sessions: SessionRepository; clock: Clock },
): Promise<AuthContext | null> {
  const token = request.cookies[cookieName];
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
  const collectiviteId = row.role || row.staffInCollectivite ? row.currentCollectiviteId : null;
  return {
    user: {
      id: row.userId,
      email: row.email,
      nom: row.nom,
      prenom: row.prenom,
      staffRole: row.staffRole,
      staffCdgId: row.staffCdgId,
      staffAssureurId: row.staffAssureurId,
      organisation: row.organisation,
    },
    sessionIdHash: idHash,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    lastSeenAt: new Date(Math.max(now, row.lastSeenAt.getTime())),
    collectiviteId,
    role: row.role,
    scope: scopeOfSession(row, collectiviteId),
  };
}

function scopeOfSession(row: SessionRow, collectiviteId: string | null): Scope {
  if (row.staffRole === 'admin_plateforme') return { kind: 'plateforme', userId: row.userId, collectiviteId };
  if (row.staffRole === 'gestionnaire') {
    // A gestionnaire with no organisation (an account left half made) reaches nothing.
    const organisation = row.organisation ?? { kind: 'cdg', id: NOTHING, nom: '' };
    return { kind: 'staff', userId: row.userId, organisation, collectiviteId };
  }
  if (row.role && collectiviteId) return { kind: 'membre', userId: row.userId, collectiviteId, role: row.role };
  return { kind: 'compte', userId: row.userId };
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
      if (!auth.collectiviteId) {
        throw NotFound(
          'Aucune collectivité sélectionnée : choisissez-en une en haut de l’écran.',
          'collectivite_non_selectionnee',
        );
      }
      if (!auth.role) {
        // Staff in a collectivité of their scope: they read, and write only what the back office corrects.
        if (!SAFE_METHODS.has(method) && !access.staff)
          throw Forbidden(
            'Cette action appartient aux utilisateurs de la collectivité : le gestionnaire agit depuis son espace de gestion.',
            'reserve_collectivite',
          );
        return;
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
  if (!auth?.collectiviteId) throw NotFound('Aucune collectivité sélectionnée.');
  return auth as TenantContext;
}

export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw Unauthorized();
  return request.auth;
}
