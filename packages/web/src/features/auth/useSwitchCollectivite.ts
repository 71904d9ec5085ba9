import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../../lib/notify';
import { authApi } from './api';
import { sessionKey, storeSession } from './session';

/**
 * Switches the current collectivité. Every cached answer belonged to the previous one, so all
 * queries but the session are reset (the layout also remounts the page, see AppLayout).
 */
export function useSwitchCollectivite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.switchCollectivite,
    onSuccess: (info) => {
      storeSession(queryClient, info);
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      if (info.current) notifySuccess(`Vous consultez maintenant l’espace de « ${info.current.nom} ».`);
    },
    onError: notifyError,
  });
}
