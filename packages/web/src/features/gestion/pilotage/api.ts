import type { TContrat, TPilotagePage, TPilotageQuery } from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { GESTION_ENDPOINT } from '../api';

export const PILOTAGE_ENDPOINT = '/api/gestion/pilotage';
export const PILOTAGE_PATH = '/gestion/pilotage';

export type PilotageFiltres = Omit<TPilotageQuery, 'apres'>;

/** The organisation's collectivités, 20 at a time (« Afficher les suivantes »). */
export const usePilotage = (filtres: PilotageFiltres) =>
  useInfiniteQuery({
    queryKey: [PILOTAGE_ENDPOINT, filtres],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TPilotagePage>(PILOTAGE_ENDPOINT, { query: { ...filtres, apres: pageParam ?? undefined }, signal }),
    getNextPageParam: (last) => last.suivant,
  });

/** The organisation's contracts, for the filter (a CDG runs a handful). */
export const useContratsFiltre = () =>
  useQuery({
    queryKey: [GESTION_ENDPOINT, 'filtre'],
    queryFn: ({ signal }) => api.get<{ items: TContrat[] }>(GESTION_ENDPOINT, { query: { pageSize: 100 }, signal }),
  });
