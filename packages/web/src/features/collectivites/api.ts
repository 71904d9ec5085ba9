import type { TCollectivite, ZCollectiviteCreate } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

export const COLLECTIVITES_ENDPOINT = '/api/collectivites';
export const COLLECTIVITES_PATH = '/gestion/collectivites';

export type CollectiviteInput = z.output<typeof ZCollectiviteCreate>;

export const collectivitesApi = {
  create: (body: CollectiviteInput) => api.post<TCollectivite>(COLLECTIVITES_ENDPOINT, body),
  update: (id: string, body: CollectiviteInput) => api.put<TCollectivite>(`${COLLECTIVITES_ENDPOINT}/${id}`, body),
  setActive: (id: string, actif: boolean) =>
    api.put<TCollectivite>(`${COLLECTIVITES_ENDPOINT}/${id}/activation`, { actif }),
};

/** The centres de gestion a collectivité may belong to. */
export function useCdgs() {
  return useQuery({ queryKey: ['/api/cdgs'], queryFn: () => api.get<{ id: string; nom: string }[]>('/api/cdgs') });
}
