import type { TBase, TBudget, ZBaseCreate, ZBaseUpdate, ZBudgetInput } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

export const BASES_ENDPOINT = '/api/bases';
export const BUDGETS_ENDPOINT = '/api/budgets';

export const BASES_PATH = '/espace-contractuel/base-assurance';
export const BUDGET_PATH = '/espace-contractuel/budget';
export const baseEditPath = (id: string) => `${BASES_PATH}/${id}/modifier`;

/** The page to declare a base, possibly for a given contract and year (from the budget's notice). */
export function newBasePath(preset: { contratId?: string; annee?: number } = {}): string {
  const params = new URLSearchParams();
  if (preset.contratId) params.set('contrat', preset.contratId);
  if (preset.annee) params.set('annee', String(preset.annee));
  const search = params.toString();
  return `${BASES_PATH}/nouvelle${search ? `?${search}` : ''}`;
}

export type BudgetInput = Omit<z.output<typeof ZBudgetInput>, 'annee'>;

export const basesApi = {
  create: (body: z.output<typeof ZBaseCreate>) => api.post<TBase>(BASES_ENDPOINT, body),
  update: (id: string, body: z.output<typeof ZBaseUpdate>) => api.put<TBase>(`${BASES_ENDPOINT}/${id}`, body),
  remove: (id: string) => api.delete(`${BASES_ENDPOINT}/${id}`),
  saveBudget: (annee: number, body: BudgetInput) => api.put<TBudget>(`${BUDGETS_ENDPOINT}/${annee}`, body),
};

export function useBase(id: string | undefined) {
  return useQuery({
    queryKey: [BASES_ENDPOINT, id],
    queryFn: ({ signal }) => api.get<TBase>(`${BASES_ENDPOINT}/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useBudget(annee: number) {
  return useQuery({
    queryKey: [BUDGETS_ENDPOINT, annee],
    queryFn: ({ signal }) => api.get<TBudget>(`${BUDGETS_ENDPOINT}/${annee}`, { signal }),
  });
}
