import type { TReleveImportDetail, TReleveImportsPage } from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, upload } from '../../../lib/api';

export const RELEVES_ENDPOINT = '/api/gestion/cotisations/releves';

/** The organisation's statement imports, newest first, 20 per page by cursor. */
export const useReleves = () =>
  useInfiniteQuery({
    queryKey: [RELEVES_ENDPOINT],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TReleveImportsPage>(RELEVES_ENDPOINT, { query: { apres: pageParam }, signal }),
    getNextPageParam: (last) => last.suivant,
  });

export const useReleve = (id: string | null) =>
  useQuery({
    queryKey: [RELEVES_ENDPOINT, id],
    queryFn: ({ signal }) => api.get<TReleveImportDetail>(`${RELEVES_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
  });

export const relevesApi = {
  /** Sends the statement (field `fichier`): read and matched, kept « à valider ». */
  deposer: (file: File, onProgress: (percent: number) => void) => {
    const body = new FormData();
    body.append('fichier', file, file.name);
    return upload<TReleveImportDetail>(RELEVES_ENDPOINT, body, { onProgress });
  },
  appliquer: (id: string) => api.post<TReleveImportDetail>(`${RELEVES_ENDPOINT}/${id}/application`),
};
