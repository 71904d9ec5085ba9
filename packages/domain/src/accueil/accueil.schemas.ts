import { z } from 'zod';

/**
 * Counts on the home page stop at this bound: beyond it the page shows « 99+ ». Counting with
 * `LIMIT A_FAIRE_PLAFOND + 1` keeps each count cheap whatever the size of the collectivité.
 */
export const A_FAIRE_PLAFOND = 99;

/** A bounded count: `nombre` is exact up to the bound; `plus` says there are more. */
export const ZCompteBorne = z.object({
  nombre: z.number().int().min(0).max(A_FAIRE_PLAFOND),
  plus: z.boolean(),
  /** The only sinistre concerned, when there is exactly one: the link leads straight to it. */
  sinistreId: z.uuid().nullable(),
});
export type TCompteBorne = z.infer<typeof ZCompteBorne>;

/** « À faire » of the home page, for the current collectivité. */
export const ZAFaire = z.object({
  /** Sinistres still at the Brouillon status (declared, not yet sent to the handler). */
  brouillons: ZCompteBorne,
  /** Mandatory pieces missing, over every sinistre (the « Documents manquants » list). */
  piecesManquantes: ZCompteBorne,
  /** Sinistres with a handler's comment the collectivité has not opened yet. */
  commentairesNonLus: ZCompteBorne,
  /**
   * Sinistres « en retard »: not closed, with mandatory pieces still missing more than the contract's
   * deadline for the supporting documents (its garantie's `delaiPiecesJours`) after their declaration.
   */
  enRetard: ZCompteBorne,
  /** The deadlines for the supporting documents of the collectivité's contracts, in days, to say them on screen. */
  delaisPiecesJours: z.array(z.number().int()),
});
export type TAFaire = z.infer<typeof ZAFaire>;

/** The bounded count of `found` rows read with `LIMIT A_FAIRE_PLAFOND + 1`. */
export function compteBorne(found: number): Omit<TCompteBorne, 'sinistreId'> {
  return { nombre: Math.min(found, A_FAIRE_PLAFOND), plus: found > A_FAIRE_PLAFOND };
}
