import type { TActualite, ZActualiteInput } from '@statutis/domain';
import type { z } from 'zod';
import { api } from '../../lib/api';

export const ACTUALITES_ENDPOINT = '/api/actualites';

export type ActualiteInput = z.output<typeof ZActualiteInput>;

export const actualitesApi = {
  create: (body: ActualiteInput) => api.post<TActualite>(ACTUALITES_ENDPOINT, body),
  update: (id: string, body: ActualiteInput) => api.put<TActualite>(`${ACTUALITES_ENDPOINT}/${id}`, body),
  remove: (id: string) => api.delete(`${ACTUALITES_ENDPOINT}/${id}`),
};
