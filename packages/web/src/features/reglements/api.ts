import type {
  TCoordonneesBancairesOut,
  TParametresPaiementOut,
  TReglementDetail,
  TReglementRunOut,
  TReglementsPage,
  TVirementOut,
} from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../lib/api';

export const REGLEMENTS_ENDPOINT = '/api/reglements';
export const GESTION_REGLEMENTS_ENDPOINT = '/api/gestion/reglements';
export const COORDONNEES_ENDPOINT = '/api/collectivite/coordonnees-bancaires';
export const REGLEMENTS_PATH = '/reglements';
export const reglementPath = (id: string) => `${REGLEMENTS_PATH}/${id}`;
export const GESTION_REGLEMENTS_PATH = '/gestion/reglements';

/** A keyset list: each page brings the cursor of the next. */
export function useReglements(endpoint: string, filters: QueryParams) {
  return useInfiniteQuery({
    queryKey: [endpoint, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TReglementsPage>(endpoint, { query: { ...filters, apres: pageParam }, signal }),
    getNextPageParam: (last) => last.suivant,
  });
}

export const useReglement = (id: string | undefined, endpoint = REGLEMENTS_ENDPOINT) =>
  useQuery({
    queryKey: [endpoint, id],
    queryFn: ({ signal }) => api.get<TReglementDetail>(`${endpoint}/${id}`, { signal }),
    enabled: !!id,
  });

export const useCoordonnees = () =>
  useQuery({
    queryKey: [COORDONNEES_ENDPOINT],
    queryFn: ({ signal }) => api.get<TCoordonneesBancairesOut>(COORDONNEES_ENDPOINT, { signal }),
  });

export const useRecus = (annee: number) =>
  useQuery({
    queryKey: [REGLEMENTS_ENDPOINT, 'recus', annee],
    queryFn: ({ signal }) =>
      api.get<{ annee: number; montant: number }>(`${REGLEMENTS_ENDPOINT}/recus/${annee}`, { signal }),
  });

export const useParametresPaiement = () =>
  useQuery({
    queryKey: [GESTION_REGLEMENTS_ENDPOINT, 'parametres'],
    queryFn: ({ signal }) => api.get<TParametresPaiementOut>(`${GESTION_REGLEMENTS_ENDPOINT}/parametres`, { signal }),
  });

export const reglementsApi = {
  creer: (body: { du: string; au: string }) => api.post<TReglementRunOut>(GESTION_REGLEMENTS_ENDPOINT, body),
  etape: (id: string, etape: 'validation' | 'paiement' | 'reemission') =>
    api.post<TReglementDetail>(`${GESTION_REGLEMENTS_ENDPOINT}/${id}/${etape}`),
  rejeter: (id: string, motif: string) =>
    api.post<TReglementDetail>(`${GESTION_REGLEMENTS_ENDPOINT}/${id}/rejet`, { motif }),
  mettreEnPaiement: (body: { reglementIds: string[]; dateExecution: string }) =>
    api.post<TVirementOut>(`${GESTION_REGLEMENTS_ENDPOINT}/paiements`, body),
  virementPath: (id: string) => `/api/gestion/virements/${id}/pain.001.xml`,
};
