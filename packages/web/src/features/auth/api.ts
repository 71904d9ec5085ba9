import type { TLogin, TSessionInfo, ZTokenInfo } from '@statutis/domain';
import type { z } from 'zod';
import { api } from '../../lib/api';

export type TokenInfo = z.infer<typeof ZTokenInfo>;

/** Calls made without a session: a 401 there is an answer, not an expired session. */
const anonymous = { authRedirect: false } as const;

export const authApi = {
  login: (body: TLogin) => api.post<TSessionInfo>('/api/auth/connexion', body, anonymous),
  logout: () => api.post('/api/auth/deconnexion', undefined, anonymous),
  switchCollectivite: (collectiviteId: string) =>
    api.put<TSessionInfo>('/api/auth/session/collectivite', { collectiviteId }),
  forgotPassword: (body: { email: string }) =>
    api.post<{ message: string }>('/api/auth/mot-de-passe-oublie', body, anonymous),
  verifyToken: (jeton: string) => api.post<TokenInfo>('/api/auth/jeton/verifier', { jeton }, anonymous),
  setPassword: (body: { jeton: string; motDePasse: string }) =>
    api.post('/api/auth/definir-mot-de-passe', body, anonymous),
};
