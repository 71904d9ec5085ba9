import {
  importTermine,
  type TAgent,
  type TAgentFiche,
  type TListeImport,
  type TSinistre,
  type ZAgentCreate,
  type ZAgentUpdate,
  type ZDepart,
  type ZSinistreCreate,
} from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, upload } from '../../lib/api';

export const AGENTS_ENDPOINT = '/api/agents';
export const IMPORTS_ENDPOINT = '/api/agents/imports';
export const MODELE_ENDPOINT = '/api/agents/liste-nominative/modele';

export const AGENTS_PATH = '/declarations/agents';
export const NOUVEL_AGENT_PATH = `${AGENTS_PATH}/nouveau`;
export const agentPath = (id: string) => `${AGENTS_PATH}/${id}`;
/** `?completer=1` opens the completion form of the agent's file at once (the link of a refused sinistre). */
export const COMPLETER_PARAM = 'completer';
export const completerAgentPath = (id: string) => `${agentPath(id)}?${COMPLETER_PARAM}=1`;
/** The sinistre form for one agent (« Ajouter » on his file, or « Déclarer un sinistre » once he is chosen). */
export const declarerSinistrePath = (agentId: string) => `${AGENTS_PATH}/${agentId}/sinistres/nouveau`;

export const SINISTRES_ENDPOINT = '/api/sinistres';
export const SINISTRES_PATH = '/declarations/sinistres';
export const DECLARER_SINISTRE_PATH = `${SINISTRES_PATH}/declarer`;
export const sinistrePath = (id: string) => `${SINISTRES_PATH}/${id}`;
export const LISTE_NOMINATIVE_PATH = '/espace-contractuel/liste-nominative';

/** How often an import in progress is asked for its progress. */
const POLL_MS = 1000;

export const agentsApi = {
  /** Step 1 of the creation: the agent of the collectivité with this NIR (404 `agent_inconnu` when none). */
  findByNir: (nir: string) => api.get<TAgent>(`${AGENTS_ENDPOINT}/par-nir`, { query: { nir } }),
  create: (body: z.output<typeof ZAgentCreate>) => api.post<TAgentFiche>(AGENTS_ENDPOINT, body),
  update: (id: string, body: z.output<typeof ZAgentUpdate>) => api.put<TAgentFiche>(`${AGENTS_ENDPOINT}/${id}`, body),
  depart: (id: string, body: z.output<typeof ZDepart>) =>
    api.post<TAgentFiche>(`${AGENTS_ENDPOINT}/${id}/depart`, body),
  declarerSinistre: (body: z.output<typeof ZSinistreCreate>) => api.post<TSinistre>(SINISTRES_ENDPOINT, body),
  /** Sends the roster (field `fichier`); the server answers 202 with the import, checked in the background. */
  importListe: (file: File, onProgress: (percent: number) => void) => {
    const body = new FormData();
    body.append('fichier', file, file.name);
    return upload<TListeImport>(IMPORTS_ENDPOINT, body, { onProgress });
  },
};

/** An import, asked again every second until it is over (termine, refuse or echec). */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: [IMPORTS_ENDPOINT, id],
    queryFn: ({ signal }) => api.get<TListeImport>(`${IMPORTS_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && importTermine(query.state.data.statut) ? false : POLL_MS),
  });
}

/** The file of one agent, with the history of his employment. */
export function useAgent(id: string | undefined) {
  return useQuery({
    queryKey: [AGENTS_ENDPOINT, id],
    queryFn: ({ signal }) => api.get<TAgentFiche>(`${AGENTS_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
  });
}
