import type { TCompte, TMoi, ZCompteCreate, ZCompteUpdate, ZMoiUpdate } from '@statutis/domain';
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
