import type { TAttributionInput, TCorbeilleCompteurs, TCorbeilleFiltres, TCorbeillePage } from '@statutis/domain';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../lib/api';

export const CORBEILLE_ENDPOINT = '/api/gestion/corbeille';
export const CORBEILLE_PATH = '/gestion/corbeille';
/** The staff's view of a file (built beside the queue). */
export const dossierGestionPath = (sinistreId: string) => `/gestion/sinistres/${sinistreId}`;

export type Gestionnaire = { id: string; nom: string };
export type Filtre = { id: string; nom: string; criteres: Partial<TCorbeilleFiltres> };
export type Portefeuille = { gestionnaireId: string; collectivites: { id: string; nom: string }[] };

export const corbeilleKeys = {
  all: [CORBEILLE_ENDPOINT] as const,
  page: (filtres: TCorbeilleFiltres, apres: string | null) => [CORBEILLE_ENDPOINT, 'page', filtres, apres] as const,
  compteurs: [CORBEILLE_ENDPOINT, 'compteurs'] as const,
  filtres: [CORBEILLE_ENDPOINT, 'filtres'] as const,
};

export function useCorbeillePage(filtres: TCorbeilleFiltres, apres: string | null) {
  return useQuery({
    queryKey: corbeilleKeys.page(filtres, apres),
    queryFn: ({ signal }) => api.get<TCorbeillePage>(CORBEILLE_ENDPOINT, { query: { ...filtres, apres }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCompteurs(enabled = true) {
  return useQuery({
    queryKey: corbeilleKeys.compteurs,
    queryFn: ({ signal }) => api.get<TCorbeilleCompteurs>(`${CORBEILLE_ENDPOINT}/compteurs`, { signal }),
    enabled,
    staleTime: 30_000,
  });
}

export function useGestionnaires() {
  return useQuery({
    queryKey: ['/api/gestion/gestionnaires'],
    queryFn: ({ signal }) => api.get<Gestionnaire[]>('/api/gestion/gestionnaires', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function usePortefeuille() {
  return useQuery({
    queryKey: ['/api/gestion/portefeuille'],
    queryFn: ({ signal }) => api.get<Portefeuille>('/api/gestion/portefeuille', { signal }),
  });
}

export function useFiltres() {
  return useQuery({
    queryKey: corbeilleKeys.filtres,
    queryFn: ({ signal }) => api.get<Filtre[]>(`${CORBEILLE_ENDPOINT}/filtres`, { signal }),
  });
}

export const corbeilleApi = {
  attribuer: (body: TAttributionInput) => api.post<{ attribues: number }>(`${CORBEILLE_ENDPOINT}/attribution`, body),
  enregistrerFiltre: (nom: string, criteres: Partial<TCorbeilleFiltres>) =>
    api.post<Filtre>(`${CORBEILLE_ENDPOINT}/filtres`, { nom, criteres }),
  supprimerFiltre: (id: string) => api.delete(`${CORBEILLE_ENDPOINT}/filtres/${id}`),
};

/**
 * Opening a file is examining it: its new arrêts, its « nouveau sinistre » and the employer's replies
 * leave the queue (pieces and requalifications leave it once decided).
 */
export function useExamen(sinistreId: string | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!sinistreId) return;
    api
      .post(`${CORBEILLE_ENDPOINT}/examen`, { sinistreId })
      .then(() => queryClient.invalidateQueries({ queryKey: corbeilleKeys.all }))
      // A file outside the scope is reported by the page's own query: nothing to add here.
      .catch(() => undefined);
  }, [sinistreId, queryClient]);
}
