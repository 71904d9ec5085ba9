import type {
  TControleMedical,
  TControleMedicalVue,
  TControlesMedicauxVue,
  TRecoursVue,
  TRepriseSuivi,
  TRepriseVue,
  ZRecoursActionInput,
  ZRecoursInput,
  ZRecouvrementInput,
} from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api';

/** The back office's follow-up of a file: checks, recours, reprise (`/api/gestion/sinistres/:id/...`). */
const base = (sinistreId: string) => `/api/gestion/sinistres/${sinistreId}`;

export const suiviKeys = {
  controles: (sinistreId: string) => [base(sinistreId), 'controles-medicaux'] as const,
  recours: (sinistreId: string) => [base(sinistreId), 'recours'] as const,
  reprise: (sinistreId: string) => [base(sinistreId), 'reprise-suivi'] as const,
};

export const suiviApi = {
  creerControle: (sinistreId: string, body: TControleMedical) =>
    api.post<TControleMedicalVue>(`${base(sinistreId)}/controles-medicaux`, body),
  modifierControle: (sinistreId: string, controleId: string, body: TControleMedical) =>
    api.put<TControleMedicalVue>(`${base(sinistreId)}/controles-medicaux/${controleId}`, body),
  enregistrerRecours: (sinistreId: string, body: z.output<typeof ZRecoursInput>) =>
    api.put<TRecoursVue>(`${base(sinistreId)}/recours`, body),
  ajouterAction: (sinistreId: string, body: z.output<typeof ZRecoursActionInput>) =>
    api.post<TRecoursVue>(`${base(sinistreId)}/recours/actions`, body),
  ajouterRecouvrement: (sinistreId: string, body: z.output<typeof ZRecouvrementInput>) =>
    api.post<TRecoursVue>(`${base(sinistreId)}/recours/recouvrements`, body),
  enregistrerReprise: (sinistreId: string, body: TRepriseSuivi) =>
    api.put<TRepriseVue>(`${base(sinistreId)}/reprise-suivi`, body),
};

export function useControlesMedicaux(sinistreId: string) {
  return useQuery({
    queryKey: suiviKeys.controles(sinistreId),
    queryFn: ({ signal }) => api.get<TControlesMedicauxVue>(`${base(sinistreId)}/controles-medicaux`, { signal }),
  });
}

export function useRecours(sinistreId: string) {
  return useQuery({
    queryKey: suiviKeys.recours(sinistreId),
    queryFn: ({ signal }) => api.get<TRecoursVue>(`${base(sinistreId)}/recours`, { signal }),
  });
}

export function useRepriseSuivi(sinistreId: string) {
  return useQuery({
    queryKey: suiviKeys.reprise(sinistreId),
    queryFn: ({ signal }) => api.get<TRepriseVue>(`${base(sinistreId)}/reprise-suivi`, { signal }),
  });
}

/** A select or a date left empty gives '' or null; the shared schemas want null. */
export const emptyToNull = (values: unknown) =>
  values && typeof values === 'object'
    ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? null : v]))
    : values;
