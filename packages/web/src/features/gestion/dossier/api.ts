import type { TDossierGestion, TPieceDecision } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const DOSSIER_ENDPOINT = '/api/gestion/sinistres';
export const dossierPath = (id: string) => `/gestion/sinistres/${id}`;
export const dossierKey = (id: string) => [DOSSIER_ENDPOINT, id] as const;

export const dossierApi = {
  deciderPiece: (id: string, pieceId: string, body: TPieceDecision) =>
    api.post<TDossierGestion>(`${DOSSIER_ENDPOINT}/${id}/pieces/${pieceId}/decision`, body),
  commenter: (id: string, body: { texte: string }) =>
    api.post<{ ok: true }>(`${DOSSIER_ENDPOINT}/${id}/commentaires`, body),
};

export function useDossier(id: string | undefined) {
  return useQuery({
    queryKey: dossierKey(id ?? ''),
    queryFn: ({ signal }) => api.get<TDossierGestion>(`${DOSSIER_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
  });
}
