import type { TAppelDetail, TAppelsPage } from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../lib/api';

export const COTISATIONS_ENDPOINT = '/api/cotisations';
export const COTISATIONS_PATH = '/espace-contractuel/cotisations';
export const appelPath = (id: string) => `${COTISATIONS_PATH}/${id}`;

/** « Vos cotisations »: the calls issued to the collectivité, 20 per page by cursor. */
export function useAppels(filters: QueryParams) {
  return useInfiniteQuery({
    queryKey: [COTISATIONS_ENDPOINT, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TAppelsPage>(COTISATIONS_ENDPOINT, { query: { ...filters, apres: pageParam }, signal }),
    getNextPageParam: (last) => last.suivant,
  });
}

export const useAppel = (id: string | undefined, endpoint = COTISATIONS_ENDPOINT) =>
  useQuery({
    queryKey: [endpoint, id],
    queryFn: ({ signal }) => api.get<TAppelDetail>(`${endpoint}/${id}`, { signal }),
    enabled: !!id,
  });
