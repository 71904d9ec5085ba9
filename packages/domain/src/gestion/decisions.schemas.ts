import { z } from 'zod';
import { ZRisque } from '../contrats/contrats.schemas.js';
import { REQUALIFICATION_STATUTS } from '../sinistres/sinistres.schemas.js';
import { DECISION_TYPES, REFERENCE_NATURES } from './decisions.rules.js';

/** A recorded decision, as staff and the employer read it. */
export const ZDecisionOut = z.object({
  id: z.uuid(),
  type: z.enum(DECISION_TYPES),
  motif: z.string().nullable(),
  reference: z.object({ nature: z.enum(REFERENCE_NATURES), texte: z.string() }).nullable(),
  periode: z.object({ debut: z.string().nullable(), fin: z.string().nullable() }).nullable(),
  /** The new category of an accepted requalification. */
  categorie: ZRisque.nullable(),
  /** The sinistre's category when it was decided. */
  categorieAvant: ZRisque,
  /** « Centre de gestion — Prénom NOM ». */
  auteur: z.string(),
  /** The day of the decision (ISO). */
  decideLe: z.string(),
  creeLe: z.string(),
});
export type TDecisionOut = z.infer<typeof ZDecisionOut>;

/** The decisions of a sinistre, newest first, with the requalification request waiting for one. */
export const ZDecisionsDuSinistre = z.object({
  sinistre: z.object({ id: z.uuid(), numero: z.string(), categorie: ZRisque, statut: z.string() }),
  decisions: z.array(ZDecisionOut),
  requalificationEnAttente: z
    .object({
      id: z.uuid(),
      de: ZRisque,
      vers: ZRisque,
      motif: z.string(),
      statut: z.enum(REQUALIFICATION_STATUTS),
      demandeLe: z.string(),
      demandePar: z.string(),
      /** The first day of the sinistre's arrêts, the earliest sensible effective date; null without arrêt. */
      premierJour: z.string().nullable(),
    })
    .nullable(),
});
export type TDecisionsDuSinistre = z.infer<typeof ZDecisionsDuSinistre>;
