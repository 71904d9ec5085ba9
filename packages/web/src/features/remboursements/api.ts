import type {
  TAntecedent,
  TIjssListe,
  TSalairesMensuels,
  ZAntecedentInput,
  ZIjssInput,
  ZSalairesMensuelsInput,
} from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

const sinistre = (id: string) => `/api/sinistres/${id}`;
const antecedentsUrl = (agentId: string) => `/api/agents/${agentId}/antecedents`;

/** The months follow the arrêts: the key names them, so a new arrêt asks the months again. */
export const salairesKey = (id: string, arrets: string) => ['/api/sinistres', id, 'salaires', arrets] as const;
export const ijssKey = (id: string) => ['/api/sinistres', id, 'ijss'] as const;
export const antecedentsKey = (agentId: string) => ['/api/agents', agentId, 'antecedents'] as const;

type TAntecedents = { items: TAntecedent[] };

export const entreesApi = {
  saveSalaires: (id: string, body: z.output<typeof ZSalairesMensuelsInput>) =>
    api.put<TSalairesMensuels>(`${sinistre(id)}/salaires`, body),
  addIjss: (id: string, body: z.output<typeof ZIjssInput>) => api.post<TIjssListe>(`${sinistre(id)}/ijss`, body),
  removeIjss: (id: string, ijssId: string) => api.delete<TIjssListe>(`${sinistre(id)}/ijss/${ijssId}`),
  addAntecedent: (agentId: string, body: z.output<typeof ZAntecedentInput>) =>
    api.post<TAntecedents>(antecedentsUrl(agentId), body),
  removeAntecedent: (agentId: string, id: string) => api.delete<TAntecedents>(`${antecedentsUrl(agentId)}/${id}`),
};

export function useSalaires(id: string, arrets: string) {
  return useQuery({
    queryKey: salairesKey(id, arrets),
    queryFn: ({ signal }) => api.get<TSalairesMensuels>(`${sinistre(id)}/salaires`, { signal }),
  });
}

export function useIjss(id: string) {
  return useQuery({
    queryKey: ijssKey(id),
    queryFn: ({ signal }) => api.get<TIjssListe>(`${sinistre(id)}/ijss`, { signal }),
    enabled: !!id,
  });
}

export function useAntecedents(agentId: string) {
  return useQuery({
    queryKey: antecedentsKey(agentId),
    queryFn: ({ signal }) => api.get<TAntecedents>(antecedentsUrl(agentId), { signal }),
  });
}
