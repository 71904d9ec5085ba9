import type { TFraisMedical, TFraisMedicalDecision, TFraisMedicauxPage } from '@statutis/domain';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, upload } from '../../lib/api';

/** Where the fees of a sinistre are read: the employer's routes, or the back office's. */
export type Espace = 'employeur' | 'gestion';

const base = (espace: Espace, sinistreId: string) =>
  `${espace === 'gestion' ? '/api/gestion' : '/api'}/sinistres/${sinistreId}/frais-medicaux`;

export const fraisKey = (espace: Espace, sinistreId: string) => ['frais-medicaux', espace, sinistreId] as const;
export const factureUrl = (espace: Espace, sinistreId: string, fraisId: string) =>
  `${base(espace, sinistreId)}/${fraisId}/facture`;

/** The invoice form's text fields, sent before the file (the server reads them first). */
export type FraisSaisie = {
  dateSoins: string;
  nature: string;
  prestataire: string;
  montantFacture: string;
  montantPrisEnCharge: string;
  beneficiaire: string;
  beneficiaireNom: string;
  beneficiaireIban: string;
};

export const fraisApi = {
  saisir: (sinistreId: string, fields: FraisSaisie, file: File, onProgress: (percent: number) => void) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value) body.append(name, value);
    body.append('fichier', file);
    return upload<TFraisMedical>(base('employeur', sinistreId), body, { onProgress });
  },
  decider: (sinistreId: string, fraisId: string, body: TFraisMedicalDecision) =>
    api.post<TFraisMedical>(`${base('gestion', sinistreId)}/${fraisId}/decision`, body),
};

/** The sinistre's fees, 20 at a time (« Afficher les suivantes »), with the totals of all of them. */
export function useFraisMedicaux(espace: Espace, sinistreId: string) {
  return useInfiniteQuery({
    queryKey: fraisKey(espace, sinistreId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TFraisMedicauxPage>(base(espace, sinistreId), {
        signal,
        query: pageParam ? { apres: pageParam } : undefined,
      }),
    getNextPageParam: (last) => last.suivant,
  });
}
