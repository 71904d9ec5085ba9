import type {
  TControlePage,
  TControleQuery,
  TFraisParametreOut,
  TLotResultat,
  ZFraisFinInput,
  ZFraisParametreInput,
} from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api';

export const CONTROLE_ENDPOINT = '/api/gestion/cotisations/controle';
export const APPELS_GESTION_ENDPOINT = '/api/gestion/cotisations/appels';
export const APPELS_GESTION_PATH = '/gestion/cotisations';
export const appelGestionPath = (id: string) => `${APPELS_GESTION_PATH}/${id}`;

export type ControleFiltres = Omit<TControleQuery, 'apres'> & { annee: number };

/** The calls of a year with their comparisons, 20 at a time. */
export const useControle = (filtres: ControleFiltres) =>
  useInfiniteQuery({
    queryKey: [CONTROLE_ENDPOINT, filtres],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TControlePage>(CONTROLE_ENDPOINT, { query: { ...filtres, apres: pageParam ?? undefined }, signal }),
    getNextPageParam: (last) => last.suivant,
  });

export const appelsGestionApi = {
  generer: (annee: number) => api.post<TLotResultat>('/api/gestion/cotisations/generation', { annee }),
  controler: (ids: string[]) => api.post<TLotResultat>('/api/gestion/cotisations/controles', { ids }),
  emettre: (ids: string[]) => api.post<TLotResultat>('/api/gestion/cotisations/emissions', { ids }),
  annuler: (id: string, motif: string) => api.post(`${APPELS_GESTION_ENDPOINT}/${id}/annulation`, { motif }),
};

export const FRAIS_ENDPOINT = '/api/gestion/cotisations/frais';
export const FRAIS_PATH = '/gestion/cotisations/frais';

/** The CDG's fee parameters, one per period (a CDG has a handful: one list, no pages). */
export const useFraisGestion = () =>
  useQuery({
    queryKey: [FRAIS_ENDPOINT],
    queryFn: ({ signal }) => api.get<{ items: TFraisParametreOut[] }>(FRAIS_ENDPOINT, { signal }),
  });

export const fraisGestionApi = {
  ajouter: (body: z.output<typeof ZFraisParametreInput>) => api.post<TFraisParametreOut>(FRAIS_ENDPOINT, body),
  terminer: (id: string, body: z.output<typeof ZFraisFinInput>) =>
    api.patch<TFraisParametreOut>(`${FRAIS_ENDPOINT}/${id}`, body),
};
