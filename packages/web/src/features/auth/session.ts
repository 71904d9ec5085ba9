import type { TRole, TSessionInfo } from '@statutis/domain';
import { roleAllows } from '@statutis/domain';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { ApiError, api, setCsrfToken } from '../../lib/api';
import { setDraftOwner } from '../../lib/formDraft';

export const sessionKey = ['session'] as const;

/** The session, or null when nobody is logged in (the API answers 401). */
async function fetchSession(): Promise<TSessionInfo | null> {
  try {
    const info = await api.get<TSessionInfo>('/api/auth/session', { authRedirect: false });
    setCsrfToken(info.csrfToken);
    setDraftOwner(info.user.id, info.current?.id ?? null);
    return info;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
}

/** Every answer carrying a SessionInfo (login, switch of collectivité) replaces the cached one. */
export function storeSession(queryClient: QueryClient, info: TSessionInfo): void {
  setCsrfToken(info.csrfToken);
  setDraftOwner(info.user.id, info.current?.id ?? null);
  queryClient.setQueryData(sessionKey, info);
}

/** Forgets everything the previous user could see. */
export function clearSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  // The session query is updated, not removed: the guard observing it must see it become null.
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.getMutationCache().clear();
}

export const SessionContext = createContext<TSessionInfo | null>(null);

/** The logged-in user's session; only inside the pages that require one. */
export function useSession(): TSessionInfo {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() hors d’une page protégée');
  return session;
}

/** Role in the current collectivité, or null when none is selected. */
export function useCurrentRole(): TRole | null {
  return useSession().current?.role ?? null;
}

/**
 * A gestionnaire (or the platform administrator) looking at a collectivité of his scope: he reads
 * its pages, with no role there, and acts from his own back office.
 */
export function useStaffInCollectivite(): boolean {
  const { user, current } = useSession();
  return user.staffRole !== null && current !== null;
}

/** True when the current role is at least `needed` (a Lecteur reads, a Publicateur writes, an Administrateur manages). */
export function useCan(needed: TRole): boolean {
  const role = useCurrentRole();
  return role !== null && roleAllows(role, needed);
}
