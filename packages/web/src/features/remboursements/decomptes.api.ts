import type {
  TCalculDecompteOut,
  TCalculLotOut,
  TDecomptesAValiderPage,
  TDecomptesDuSinistre,
  TPeriodeCalcul,
} from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../lib/api';

export const CALCUL_DECOMPTES_PATH = '/gestion/decomptes/calcul';
export const DECOMPTES_A_VALIDER_PATH = '/gestion/decomptes';
const A_VALIDER_ENDPOINT = '/api/gestion/decomptes';

/** The same query key on both sides, so that a validation refreshes what the page shows. */
export const decomptesKey = (sinistreId: string) => ['decomptes', sinistreId];

export const useDecomptesDuSinistre = (sinistreId: string, gestion = false) =>
  useQuery({
    queryKey: [...decomptesKey(sinistreId), gestion],
    queryFn: ({ signal }) =>
      api.get<TDecomptesDuSinistre>(`${gestion ? '/api/gestion' : '/api'}/sinistres/${sinistreId}/decomptes`, {
        signal,
      }),
  });

/** Where a décompte's PDF is read: the back office's route or the collectivité's. */
export const decomptePdfPath = (sinistreId: string, decompteId: string, gestion = false) =>
  `${gestion ? '/api/gestion' : '/api'}/sinistres/${sinistreId}/decomptes/${decompteId}/decompte.pdf`;

export const aValiderKey = (collectiviteId: string) => [A_VALIDER_ENDPOINT, collectiviteId];

/** « Décomptes à valider », page after page (keyset). */
export const useDecomptesAValider = (collectiviteId: string) =>
  useInfiniteQuery({
    queryKey: aValiderKey(collectiviteId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TDecomptesAValiderPage>(A_VALIDER_ENDPOINT, {
        query: { statut: 'calcule', collectiviteId: collectiviteId || undefined, apres: pageParam ?? undefined },
        signal,
      }),
    getNextPageParam: (last) => last.suivant,
  });

/** The period a handler usually costs: last month. */
export function moisPrecedent(): TPeriodeCalcul {
  const mois = dayjs().subtract(1, 'month');
  return { du: mois.startOf('month').format('YYYY-MM-DD'), au: mois.endOf('month').format('YYYY-MM-DD') };
}

/** Polls a batch while it runs; stops once it is over. */
export const useCalculLot = (id: string | null) =>
  useQuery({
    queryKey: ['calcul-lot', id],
    queryFn: ({ signal }) => api.get<TCalculLotOut>(`/api/gestion/decomptes/calculs/${id}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && ['termine', 'echec'].includes(q.state.data.statut) ? false : 1000),
  });

export const decomptesApi = {
  calculer: (sinistreId: string, periode: TPeriodeCalcul) =>
    api.post<TCalculDecompteOut>(`/api/gestion/sinistres/${sinistreId}/decomptes`, periode),
  recalculer: (sinistreId: string) =>
    api.post<{ items: TCalculDecompteOut[] }>(`/api/gestion/sinistres/${sinistreId}/decomptes/recalcul`),
  valider: (id: string) => api.post(`/api/gestion/decomptes/${id}/validation`),
  lancerLot: (periode: TPeriodeCalcul) => api.post<TCalculLotOut>('/api/gestion/decomptes/calculs', periode),
};
