import type { EntreeMoteur, ResultatRemboursement, ResultatRequalification, SegmentJournal } from './moteur.types.js';

/** Costs the period of an agent's sinistres (issue 10): day ledger, months, totals. */
export function calculerRemboursement(_entree: EntreeMoteur): ResultatRemboursement {
  throw new Error('calculerRemboursement : à venir');
}

/** Old vs new costing of a requalification and the regularisation per month (§6.1.16). */
export function calculerRequalification(_avant: EntreeMoteur, _apres: EntreeMoteur): ResultatRequalification {
  throw new Error('calculerRequalification : à venir');
}

/** The ledger in French sentences, one per segment, for « Pourquoi ce montant ? ». */
export function expliquerJournal(_journal: readonly SegmentJournal[]): string[] {
  throw new Error('expliquerJournal : à venir');
}
