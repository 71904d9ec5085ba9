import type {
  TPiece,
  TPieceMedicaleReponse,
  TPieceModele,
  TSinistreDetail,
  ZArretCreate,
  ZCommentaireCreate,
  ZEnquete,
  ZImputabilite,
  ZPieceModeleInput,
  ZPieceModeleUpdate,
  ZPiecesDuSinistre,
  ZReprise,
  ZRequalificationCreate,
  ZSalaire,
} from '@statutis/domain';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, upload } from '../../lib/api';

export const SINISTRES_ENDPOINT = '/api/sinistres';
export const DOCUMENTS_MANQUANTS_ENDPOINT = '/api/documents-manquants';
export const CATALOGUE_ENDPOINT = '/api/catalogue-pieces';
export const GESTION_CATALOGUE_ENDPOINT = '/api/gestion/catalogue-pieces';

export const SINISTRES_PATH = '/declarations/sinistres';
export const DOCUMENTS_MANQUANTS_PATH = '/declarations/documents-manquants';
export const CATALOGUE_PIECES_PATH = '/gestion/catalogue-pieces';
export const sinistrePath = (id: string, anchor?: 'pieces') => `${SINISTRES_PATH}/${id}${anchor ? `#${anchor}` : ''}`;
export const agentFichePath = (id: string) => `/declarations/agents/${id}`;

export type TPiecesDuSinistre = z.infer<typeof ZPiecesDuSinistre>;

export const sinistreKey = (id: string) => [SINISTRES_ENDPOINT, id] as const;
export const piecesKey = (id: string) => [SINISTRES_ENDPOINT, id, 'pieces'] as const;

const base = (id: string) => `${SINISTRES_ENDPOINT}/${id}`;

/** The PDFs the API generates for a sinistre. */
export const sinistreFiles = {
  enquete: (id: string) => `${base(id)}/enquete.pdf`,
  attestation: (id: string) => `${base(id)}/attestation.pdf`,
  bonRemboursement: (id: string) => `${base(id)}/bon-remboursement.pdf`,
  piece: (id: string, pieceId: string) => `${base(id)}/pieces/${pieceId}/fichier`,
};

/** Text fields sent before the file (the server reads them first). */
export interface PieceUpload {
  code: string;
  arretId?: string | null;
  libelle?: string;
  requalificationId?: string;
  voletsConfirmes?: 'oui';
  /** « Autre » only: does the document hold medical information? */
  medicale?: TPieceMedicaleReponse;
}

export const sinistresApi = {
  saveEnquete: (id: string, body: z.output<typeof ZEnquete>) => api.put<TSinistreDetail>(`${base(id)}/enquete`, body),
  saveImputabilite: (id: string, body: z.output<typeof ZImputabilite>) =>
    api.put<TSinistreDetail>(`${base(id)}/imputabilite`, body),
  addArret: (id: string, body: z.output<typeof ZArretCreate>) => api.post<TSinistreDetail>(`${base(id)}/arrets`, body),
  saveSalaire: (id: string, arretId: string, body: z.output<typeof ZSalaire>) =>
    api.put<TSinistreDetail>(`${base(id)}/arrets/${arretId}/salaire`, body),
  reprise: (id: string, body: z.output<typeof ZReprise>) => api.post<TSinistreDetail>(`${base(id)}/reprise`, body),
  valider: (id: string) => api.post<TSinistreDetail>(`${base(id)}/validation`),
  supprimer: (id: string) => api.delete(base(id)),
  requalifier: (id: string, body: z.output<typeof ZRequalificationCreate>) =>
    api.post<TSinistreDetail>(`${base(id)}/requalifications`, body),
  commenter: (id: string, body: z.output<typeof ZCommentaireCreate>) =>
    api.post<TSinistreDetail>(`${base(id)}/commentaires`, body),
  marquerLus: (id: string) => api.post<TSinistreDetail>(`${base(id)}/commentaires/lus`),
  removePiece: (id: string, pieceId: string) => api.delete(`${base(id)}/pieces/${pieceId}`),
  uploadPiece: (id: string, fields: PieceUpload, file: File, onProgress: (percent: number) => void) => {
    const body = new FormData();
    body.append('code', fields.code);
    if (fields.arretId) body.append('arretId', fields.arretId);
    if (fields.libelle) body.append('libelle', fields.libelle);
    if (fields.requalificationId) body.append('requalificationId', fields.requalificationId);
    if (fields.voletsConfirmes) body.append('voletsConfirmes', fields.voletsConfirmes);
    if (fields.medicale) body.append('medicale', fields.medicale);
    body.append('fichier', file);
    return upload<TPiece>(`${base(id)}/pieces`, body, { onProgress });
  },
};

export const catalogueApi = {
  create: (body: z.output<typeof ZPieceModeleInput>) => api.post<TPieceModele>(GESTION_CATALOGUE_ENDPOINT, body),
  update: (id: string, body: z.output<typeof ZPieceModeleUpdate>) =>
    api.put<TPieceModele>(`${GESTION_CATALOGUE_ENDPOINT}/${id}`, body),
};

export function useSinistre(id: string | undefined) {
  return useQuery({
    queryKey: sinistreKey(id ?? ''),
    queryFn: ({ signal }) => api.get<TSinistreDetail>(base(id ?? ''), { signal }),
    enabled: !!id,
  });
}

export function usePieces(id: string) {
  return useQuery({
    queryKey: piecesKey(id),
    queryFn: ({ signal }) => api.get<TPiecesDuSinistre>(`${base(id)}/pieces`, { signal }),
  });
}

/**
 * After a change the server answers with the whole sinistre: it replaces the cached one; the pieces
 * (which depend on arrêts and imputabilité), the lists and the missing documents are asked again.
 */
export async function afterChange(queryClient: QueryClient, detail: TSinistreDetail): Promise<void> {
  queryClient.setQueryData(sinistreKey(detail.id), detail);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: piecesKey(detail.id) }),
    queryClient.invalidateQueries({ queryKey: [SINISTRES_ENDPOINT], exact: false, predicate: isList }),
    queryClient.invalidateQueries({ queryKey: [DOCUMENTS_MANQUANTS_ENDPOINT] }),
  ]);
}

/** The search lists (`[endpoint, params]`), not the detail queries (`[endpoint, id]`). */
function isList(query: { queryKey: readonly unknown[] }): boolean {
  return typeof query.queryKey[1] === 'object';
}

/** After a piece is deposited or removed: the pieces, the missing ones of the sinistre, the lists. */
export async function afterPieces(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: piecesKey(id) }),
    queryClient.invalidateQueries({ queryKey: sinistreKey(id), exact: true }),
    queryClient.invalidateQueries({ queryKey: [DOCUMENTS_MANQUANTS_ENDPOINT] }),
  ]);
}

export function useCatalogue(categorie: string) {
  return useQuery({
    queryKey: [CATALOGUE_ENDPOINT, categorie],
    queryFn: ({ signal }) => api.get<TPieceModele[]>(CATALOGUE_ENDPOINT, { query: { categorie }, signal }),
  });
}
