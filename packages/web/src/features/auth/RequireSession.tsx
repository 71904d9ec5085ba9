import { Button, Center, Stack } from '@mantine/core';
import type { TSessionInfo } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { api, errorMessage } from '../../lib/api';
import { peekFlash } from '../../lib/flash';
import { loginPath } from '../../lib/returnPath';
import { SessionContext, storeSession, useSessionQuery } from './session';

/** Margin after the announced expiry, so the server has ended the session when we ask. */
const EXPIRY_MARGIN_MS = 2_000;

/**
 * When the session should have expired, asks the server: if it is over, the 401 sends the user to
 * the login page with the expiry message instead of leaving a page that fails on the next click.
 */
function useExpiryWatch(session: TSessionInfo) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const expiresAt = Math.min(Date.parse(session.idleExpiresAt), Date.parse(session.absoluteExpiresAt));
    if (Number.isNaN(expiresAt)) return;
    // setTimeout cannot wait more than ~24 days; sessions are much shorter.
    const delay = Math.min(Math.max(expiresAt - Date.now() + EXPIRY_MARGIN_MS, 0), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      // A plain call (not the session query): its 401 goes through the expired-session handler.
      api.get<TSessionInfo>('/api/auth/session').then(
        (info) => storeSession(queryClient, info),
        () => {},
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [session, queryClient]);
}

function SessionProvider({ session, children }: { session: TSessionInfo; children: ReactNode }) {
  useExpiryWatch(session);
  return <SessionContext value={session}>{children}</SessionContext>;
}

/** The pages behind this guard need a session; without one, the user logs in and comes back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data: session, isPending, error, refetch } = useSessionQuery();
  const location = useLocation();

  if (isPending) return <FullPageLoader />;
  if (error) {
    return (
      <Center mih="60vh" p="md">
        <Stack maw={480}>
          <ProblemAlert title="Impossible de vérifier votre session">{errorMessage(error)}</ProblemAlert>
          <Button onClick={() => void refetch()}>Réessayer</Button>
        </Stack>
      </Center>
    );
  }
  if (!session) {
    const here = `${location.pathname}${location.search}`;
    const flash = peekFlash();
    return <Navigate to={flash?.forgetLocation ? loginPath() : loginPath(here, flash?.collectiviteId)} replace />;
  }
  return <SessionProvider session={session}>{children}</SessionProvider>;
}
