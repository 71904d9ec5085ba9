import { importTermine, type TListeImport } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import { api, upload } from '../../lib/api';

export const AGENTS_ENDPOINT = '/api/agents';
export const IMPORTS_ENDPOINT = '/api/agents/imports';
export const MODELE_ENDPOINT = '/api/agents/liste-nominative/modele';

export const AGENTS_PATH = '/declarations/agents';
export const LISTE_NOMINATIVE_PATH = '/espace-contractuel/liste-nominative';

/** How often an import in progress is asked for its progress. */
const POLL_MS = 1000;

export const agentsApi = {
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
