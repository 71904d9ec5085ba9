import type { TContrat, ZAdhesionInput, ZContratInput } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, upload } from '../../lib/api';

export const GESTION_ENDPOINT = '/api/gestion/contrats';

export const GESTION_PATH = '/gestion/contrats';
export const NEW_CONTRAT_PATH = `${GESTION_PATH}/nouveau`;
export const gestionContratPath = (id: string) => `${GESTION_PATH}/${id}`;
export const gestionDocumentPath = (contratId: string, documentId: string) =>
  `${GESTION_ENDPOINT}/${contratId}/documents/${documentId}`;

export type Adhesion = { collectiviteId: string; nom: string; dateAdhesion: string };
/** A contract as the back office sees it: with the collectivités that joined it. */
export type TContratGestion = TContrat & { adhesions: Adhesion[]; successeurId: string | null };
export type ContratInput = z.output<typeof ZContratInput>;

export const gestionApi = {
  create: (body: ContratInput) => api.post<TContratGestion>(GESTION_ENDPOINT, body),
  update: (id: string, body: ContratInput) => api.put<TContratGestion>(`${GESTION_ENDPOINT}/${id}`, body),
  uploadDocument: (id: string, file: File, onProgress: (percent: number) => void) => {
    const body = new FormData();
    body.append('fichier', file, file.name);
    return upload<TContrat['documents'][number]>(`${GESTION_ENDPOINT}/${id}/documents`, body, { onProgress });
  },
  removeDocument: (id: string, documentId: string) => api.delete(gestionDocumentPath(id, documentId)),
  setAdhesion: (id: string, body: z.output<typeof ZAdhesionInput>) =>
    api.put<TContratGestion>(`${GESTION_ENDPOINT}/${id}/adhesions`, body),
  removeAdhesion: (id: string, collectiviteId: string) =>
    api.delete(`${GESTION_ENDPOINT}/${id}/adhesions/${collectiviteId}`),
};

export const gestionContratKey = (id: string) => [GESTION_ENDPOINT, id] as const;

export function useGestionContrat(id: string | undefined) {
  return useQuery({
    queryKey: gestionContratKey(id ?? ''),
    queryFn: ({ signal }) => api.get<TContratGestion>(`${GESTION_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
  });
}
