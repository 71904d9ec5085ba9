import type { Page, TContrat, TRegime, ZContratPage } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

export const CONTRATS_ENDPOINT = '/api/contrats';

/** A contract as lists give it: without its garanties and documents. */
export type ContratResume = z.infer<typeof ZContratPage>['items'][number];

export const contratPath = (id: string) => `/espace-contractuel/contrats/${id}`;
export const contratDocumentPath = (contratId: string, documentId: string) =>
  `${CONTRATS_ENDPOINT}/${contratId}/documents/${documentId}`;

/** One contract of the current collectivité, with its garanties and documents. */
export function useContrat(id: string | null | undefined) {
  return useQuery({
    queryKey: [CONTRATS_ENDPOINT, id],
    queryFn: ({ signal }) => api.get<TContrat>(`${CONTRATS_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
  });
}

const ALL = { page: 1, pageSize: 100, sort: 'numero' } as const;

/** Every contract of the collectivité (a handful), for the selects and filters of other pages. */
export function useContrats(regime?: TRegime) {
  const query = regime ? { ...ALL, regime } : ALL;
  return useQuery({
    queryKey: [CONTRATS_ENDPOINT, query],
    queryFn: ({ signal }) => api.get<Page<ContratResume>>(CONTRATS_ENDPOINT, { query, signal }),
    select: (page) => page.items,
  });
}
