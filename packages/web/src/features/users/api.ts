import type {
  TCompte,
  TInvitationInfo,
  TMoi,
  TSessionInfo,
  ZCompteCreate,
  ZCompteUpdate,
  ZMoiUpdate,
} from '@statutis/domain';
import type { z } from 'zod';
import { api } from '../../lib/api';

export const COMPTES_ENDPOINT = '/api/comptes';

export const comptesApi = {
  create: (body: z.output<typeof ZCompteCreate>) => api.post<TCompte>(COMPTES_ENDPOINT, body),
  update: (id: string, body: z.output<typeof ZCompteUpdate>) => api.patch<TCompte>(`${COMPTES_ENDPOINT}/${id}`, body),
  remove: (id: string) => api.delete(`${COMPTES_ENDPOINT}/${id}`),
  resendInvitation: (id: string) => api.post(`${COMPTES_ENDPOINT}/${id}/invitation`),
};

export const moiApi = {
  get: () => api.get<TMoi>('/api/moi'),
  update: (body: z.output<typeof ZMoiUpdate>) => api.put<TMoi>('/api/moi', body),
  changePassword: (body: { motDePasseActuel: string; nouveauMotDePasse: string }) =>
    api.post('/api/moi/mot-de-passe', body),
  remove: (body: { motDePasse: string }) => api.delete('/api/moi', body),
};

/** An invitation to join another collectivité, read, accepted or refused by the invited person. */
export const invitationsApi = {
  read: (jeton: string) => api.post<TInvitationInfo>('/api/invitations/lire', { jeton }),
  accept: (jeton: string) => api.post<TSessionInfo>('/api/invitations/accepter', { jeton }),
  refuse: (jeton: string) => api.post('/api/invitations/refuser', { jeton }),
};
