import type { StatutRapprochement } from './rapprochement.rules.js';

/**
 * Encaissements des appels de cotisation: what was received on a call is given to its échéances
 * earliest first (the rule the bank-statement matcher follows too), so each échéance says what is
 * paid and what is still due; an échéance still unpaid 15 days after its due date is reminded.
 */

export const ENCAISSEMENT_MODES = ['virement', 'cheque', 'prelevement', 'autre'] as const;
export type TEncaissementMode = (typeof ENCAISSEMENT_MODES)[number];
export const encaissementModeLabels: Record<TEncaissementMode, string> = {
  virement: 'Virement',
  cheque: 'Chèque',
  prelevement: 'Prélèvement',
  autre: 'Autre',
};

/** Entered by hand by a gestionnaire, or applied from an imported bank statement. */
export const ENCAISSEMENT_SOURCES = ['saisie', 'releve'] as const;
export type TEncaissementSource = (typeof ENCAISSEMENT_SOURCES)[number];
export const encaissementSourceLabels: Record<TEncaissementSource, string> = {
  saisie: 'Saisie manuelle',
  releve: 'Relevé bancaire',
};

/** The matcher's verdict on a statement line, as the gestionnaire reads it. */
export const STATUTS_RAPPROCHEMENT = ['rapproche', 'partiel', 'trop_percu', 'inconnu', 'doublon'] as const;
export const statutRapprochementLabels: Record<StatutRapprochement, string> = {
  rapproche: 'Rapprochée',
  partiel: 'Paiement partiel',
  trop_percu: 'Trop-perçu',
  inconnu: 'Inconnue',
  doublon: 'Déjà importée',
};

/** Lines whose money is recorded when the import is applied: a trop-perçu is left to the gestionnaire. */
export const rapprochementApplique = (statut: StatutRapprochement): boolean =>
  statut === 'rapproche' || statut === 'partiel';

/** A statement import: analysed (the review), then applied once, all or nothing. */
export const RELEVE_IMPORT_STATUTS = ['a_valider', 'applique'] as const;
export type TReleveImportStatut = (typeof RELEVE_IMPORT_STATUTS)[number];
export const releveImportStatutLabels: Record<TReleveImportStatut, string> = {
  a_valider: 'À valider',
  applique: 'Appliqué',
};

export type EcheanceDue = { rang: number; dateEcheance: string; montant: number };
export type SituationEcheance = EcheanceDue & { paye: number; du: number };

/**
 * What each échéance has received out of `encaisse` (cents received on the call), earliest first;
 * `du` is what it still owes. Money beyond the total is nobody's (never a negative due).
 */
export function situationEcheances(echeances: readonly EcheanceDue[], encaisse: number): SituationEcheance[] {
  let reste = Math.max(0, encaisse);
  const sorted = [...echeances].sort((a, b) => a.rang - b.rang);
  return sorted.map((e) => {
    const paye = Math.min(reste, Math.max(0, e.montant));
    reste -= paye;
    return { ...e, paye, du: Math.max(0, e.montant) - paye };
  });
}

/** Days after its due date an unpaid échéance is reminded (issue 11). */
export const RELANCE_ECHEANCE_JOURS = 15;

/** The first day an échéance due on `dateEcheance` may be reminded: 15 days later. */
export function dateRelance(dateEcheance: string): string {
  const d = new Date(`${dateEcheance}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + RELANCE_ECHEANCE_JOURS);
  return d.toISOString().slice(0, 10);
}

/** The échéances to remind on `aujourdhui` (ISO, Paris): something still due, and 15 days past due. */
export function echeancesARelancer(
  echeances: readonly EcheanceDue[],
  encaisse: number,
  aujourdhui: string,
): SituationEcheance[] {
  return situationEcheances(echeances, encaisse).filter((e) => e.du > 0 && dateRelance(e.dateEcheance) <= aujourdhui);
}
