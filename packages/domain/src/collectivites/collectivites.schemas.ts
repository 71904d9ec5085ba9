import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';
import { isValidSiret } from '../common/siret.js';

export const COLLECTIVITE_TYPES = [
  'commune',
  'epci',
  'ccas',
  'sdis',
  'syndicat',
  'departement',
  'region',
  'etablissement_public',
  'autre',
] as const;
export const ZCollectiviteType = z.enum(COLLECTIVITE_TYPES, { error: 'Choisissez un type de collectivité.' });
export type TCollectiviteType = z.infer<typeof ZCollectiviteType>;

export const collectiviteTypeLabels: Record<TCollectiviteType, string> = {
  commune: 'Commune',
  epci: 'EPCI (communauté de communes, d’agglomération…)',
  ccas: 'CCAS / CIAS',
  sdis: 'SDIS',
  syndicat: 'Syndicat intercommunal',
  departement: 'Département',
  region: 'Région',
  etablissement_public: 'Établissement public',
  autre: 'Autre',
};

export const ZSiret = z
  .string({ error: 'Le SIRET est obligatoire.' })
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => /^\d{14}$/.test(v), 'Le SIRET comporte 14 chiffres.')
  .refine(isValidSiret, 'Ce SIRET n’existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.');

export const ZCollectiviteCreate = z.object({
  nom: z.string({ error: 'Le nom est obligatoire.' }).trim().min(2, 'Le nom est obligatoire.').max(200),
  siret: ZSiret,
  type: ZCollectiviteType,
  cdgId: z.uuid({ error: 'Choisissez le centre de gestion.' }),
});

/** The same fields to edit a collectivité (administrateur de la plateforme). */
export const ZCollectiviteUpdate = ZCollectiviteCreate;

/** « Désactiver » / « Réactiver »: a collectivité set off keeps its data; nobody works in it any more. */
export const ZCollectiviteActivation = z.object({ actif: z.boolean({ error: 'Indiquez oui ou non.' }) });

export const ZCollectivite = z.object({
  id: z.uuid(),
  nom: z.string(),
  siret: z.string(),
  type: ZCollectiviteType,
  cdgId: z.uuid(),
  cdgNom: z.string(),
  actif: z.boolean(),
});
export type TCollectivite = z.infer<typeof ZCollectivite>;

export const ZCollectiviteListQuery = zListQuery(['nom', 'siret']).extend({
  q: z.string().trim().max(100).optional(),
});
export const ZCollectivitePage = zPage(ZCollectivite);
