import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { zListQuery, zPage } from '../common/pagination.js';
import { risquesParRegime, type TGarantie, type TRegime, type TRisque, ZRisque } from '../contrats/contrats.schemas.js';
import { ARRET_TYPES } from './arrets.rules.js';
import { SINISTRE_STATUTS } from './sinistres.status.js';

const isoDate = (message: string) => z.string({ error: message }).refine(isIsoDate, message);

/** The categories a sinistre of this agent may take: his regime's, covered by the contract (domain §3). */
export function categoriesAutorisees(
  regime: TRegime,
  garanties: readonly Pick<TGarantie, 'risque' | 'couvert'>[],
): TRisque[] {
  const couverts = new Set(garanties.filter((g) => g.couvert).map((g) => g.risque));
  return risquesParRegime[regime].filter((r) => couverts.has(r));
}

export const ZSinistreCreate = z.object({
  agentId: z.uuid({ error: 'Choisissez l’agent.' }),
  categorie: ZRisque,
  dateSurvenance: isoDate('Date de survenance invalide.'),
  tiersImplique: z.boolean(),
  /** Recours contre tiers: who, insurer, reference — free text, required when a third party is involved. */
  recoursTiers: z.string().trim().max(2000).nullable().optional(),
  commentaire: z.string().trim().max(4000).nullable().optional(),
});
export type TSinistreCreate = z.input<typeof ZSinistreCreate>;

export const ZArretCreate = z.object({
  type: z.enum(ARRET_TYPES, { error: 'Choisissez : arrêt initial, prolongation ou rechute.' }),
  debut: isoDate('Date de début invalide.'),
  fin: isoDate('Date de fin invalide.'),
  reprise: isoDate('Date de reprise invalide.').nullable().optional(),
});
export type TArretCreate = z.input<typeof ZArretCreate>;

export const ZArret = z.object({
  id: z.uuid(),
  type: z.enum(ARRET_TYPES),
  debut: z.string(),
  fin: z.string(),
  reprise: z.string().nullable(),
  jours: z.number(),
  horsDelai: z.boolean(),
  declareLe: z.string(),
});

export const ZSinistre = z.object({
  id: z.uuid(),
  numero: z.string(),
  agentId: z.uuid(),
  agentNom: z.string(),
  agentPrenom: z.string(),
  contratId: z.uuid(),
  contratNumero: z.string(),
  categorie: ZRisque,
  dateSurvenance: z.string(),
  tiersImplique: z.boolean(),
  recoursTiers: z.string().nullable(),
  commentaire: z.string().nullable(),
  statut: z.enum(SINISTRE_STATUTS),
  horsDelai: z.boolean(),
  creeLe: z.string(),
});
export type TSinistre = z.infer<typeof ZSinistre>;

export const ZSinistreDetail = ZSinistre.extend({
  arrets: z.array(ZArret),
  piecesManquantes: z.array(z.string()),
});

export const ZSinistreListQuery = zListQuery(['dateSurvenance', 'numero', 'agent']).extend({
  agentId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  categorie: ZRisque.optional(),
  statut: z.enum(SINISTRE_STATUTS).optional(),
  du: isoDate('Date de début de période invalide.').optional(),
  au: isoDate('Date de fin de période invalide.').optional(),
  horsDelai: z.enum(['oui', 'non']).optional(),
});
export const ZSinistrePage = zPage(ZSinistre);
