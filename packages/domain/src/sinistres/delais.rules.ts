import { addDays } from '../common/dates.js';

/**
 * A declaration is « hors délai » when it reaches us later than the contract's deadline after the
 * event (domain §5, a contract parameter): e.g. 90 days after the start of the arrêt.
 */
export function horsDelai(dateEvenement: string, dateDeclaration: string, delaiJours: number): boolean {
  return dateDeclaration > addDays(dateEvenement, delaiJours);
}

/** The last day to declare. */
export function dateLimite(dateEvenement: string, delaiJours: number): string {
  return addDays(dateEvenement, delaiJours);
}
