import type { TSessionInfo } from '@statutis/domain';
import type { QueryClient } from '@tanstack/react-query';
import { type Flash, setFlash } from '../../lib/flash';
import { clearSession, sessionKey } from './session';

export const SESSION_EXPIRED = 'Votre session a expiré, reconnectez-vous.';

/**
 * Ends the session on this page: the message waits for the login page, the cache is emptied, and the
 * guard of the protected pages then redirects to /connexion.
 */
export function endSession(queryClient: QueryClient, flash: Flash): void {
  setFlash(flash);
  clearSession(queryClient);
}

/** Any 401 from the API while logged in means the server ended the session (idle, absolute limit, logout elsewhere). */
export function handleUnauthorized(queryClient: QueryClient): void {
  const session = queryClient.getQueryData<TSessionInfo | null>(sessionKey);
  if (!session) return;
  endSession(queryClient, { message: SESSION_EXPIRED, color: 'orange', collectiviteId: session.current?.id });
}
