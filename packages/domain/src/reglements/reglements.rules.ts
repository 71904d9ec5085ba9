import { electronicFormatIBAN, friendlyFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * Décomptes and règlements (issue 10). A décompte is an immutable statement of what a sinistre is owed
 * for a period; a règlement is the payment run that pays the validated décomptes of one collectivité
 * (or of one practitioner, for medical fees paid directly) in one SEPA transfer.
 */

export const DECOMPTE_STATUTS = ['calcule', 'valide', 'abandonne'] as const;
export type TDecompteStatut = (typeof DECOMPTE_STATUTS)[number];
export const decompteStatutLabels: Record<TDecompteStatut, string> = {
  calcule: 'Calculé',
  valide: 'Validé',
  abandonne: 'Abandonné',
};

export const DECOMPTE_NATURES = ['indemnites_journalieres', 'frais_medicaux'] as const;
export type TDecompteNature = (typeof DECOMPTE_NATURES)[number];
export const decompteNatureLabels: Record<TDecompteNature, string> = {
  indemnites_journalieres: 'Indemnités journalières',
  frais_medicaux: 'Frais médicaux',
};

export const BENEFICIAIRES = ['collectivite', 'praticien'] as const;
export type TBeneficiaire = (typeof BENEFICIAIRES)[number];
export const beneficiaireLabels: Record<TBeneficiaire, string> = {
  collectivite: 'Collectivité',
  praticien: 'Praticien',
};

export const REGLEMENT_STATUTS = ['calcule', 'valide', 'mis_en_paiement', 'paye', 'rejete', 'reemis'] as const;
export type TReglementStatut = (typeof REGLEMENT_STATUTS)[number];
export const reglementStatutLabels: Record<TReglementStatut, string> = {
  calcule: 'Calculé',
  valide: 'Validé',
  mis_en_paiement: 'Mis en paiement',
  paye: 'Payé',
  rejete: 'Rejeté',
  reemis: 'Ré-émis',
};

// -- décompte: calculé → validé | abandonné; a validated décompte is never rewritten.

export const DECOMPTE_ACTIONS = ['valider', 'abandonner'] as const;
export type TDecompteAction = (typeof DECOMPTE_ACTIONS)[number];

export const DECOMPTE_TRANSITIONS: Record<TDecompteAction, Partial<Record<TDecompteStatut, TDecompteStatut>>> = {
  valider: { calcule: 'valide' },
  abandonner: { calcule: 'abandonne' },
};

const decompteRefusals: Record<TDecompteAction, Partial<Record<TDecompteStatut, string>>> = {
  valider: {
    valide: 'Ce décompte est déjà validé.',
    abandonne: 'Ce décompte a été abandonné : calculez-en une nouvelle version.',
  },
  abandonner: {
    valide: 'Ce décompte est validé : il ne change plus. Une nouvelle version le régularisera.',
    abandonne: 'Ce décompte est déjà abandonné.',
  },
};

export type ReglementTransitionResult<S> = { ok: true; to: S } | { ok: false; message: string };

export function transitionDecompte(
  from: TDecompteStatut,
  action: TDecompteAction,
): ReglementTransitionResult<TDecompteStatut> {
  const to = DECOMPTE_TRANSITIONS[action][from];
  if (to) return { ok: true, to };
  return { ok: false, message: decompteRefusals[action][from] ?? 'Action impossible sur ce décompte.' };
}

// -- règlement: calculé → validé → mis en paiement → payé | rejeté → ré-émis.

export const REGLEMENT_ACTIONS = ['valider', 'mettre_en_paiement', 'marquer_paye', 'rejeter', 'reemettre'] as const;
export type TReglementAction = (typeof REGLEMENT_ACTIONS)[number];
export const reglementActionLabels: Record<TReglementAction, string> = {
  valider: 'Valider',
  mettre_en_paiement: 'Mettre en paiement',
  marquer_paye: 'Marquer payé',
  rejeter: 'Rejeté par la banque',
  reemettre: 'Ré-émettre',
};

/**
 * action × from-status → to-status. « valider » from « calculé » may stop half-way: above the
 * organisation's threshold the first approval leaves the règlement « calculé » until a second
 * handler approves (`approbationsRequises`). A rejected transfer (wrong IBAN, closed account) is
 * re-issued as a new règlement — the rejected one becomes « ré-émis » and keeps its history.
 */
export const REGLEMENT_TRANSITIONS: Record<TReglementAction, Partial<Record<TReglementStatut, TReglementStatut>>> = {
  valider: { calcule: 'valide' },
  mettre_en_paiement: { valide: 'mis_en_paiement' },
  marquer_paye: { mis_en_paiement: 'paye' },
  rejeter: { mis_en_paiement: 'rejete', paye: 'rejete' },
  reemettre: { rejete: 'reemis' },
};

const reglementRefusals: Record<TReglementAction, Partial<Record<TReglementStatut, string>>> = {
  valider: { valide: 'Ce règlement est déjà validé.' },
  mettre_en_paiement: {
    calcule: 'Ce règlement n’est pas encore validé : validez-le avant de le mettre en paiement.',
    mis_en_paiement: 'Ce règlement est déjà mis en paiement.',
  },
  marquer_paye: {
    calcule: 'Ce règlement n’a pas été mis en paiement.',
    valide: 'Ce règlement n’a pas été mis en paiement.',
    paye: 'Ce règlement est déjà payé.',
  },
  rejeter: {
    calcule: 'Seul un virement émis peut être rejeté.',
    valide: 'Seul un virement émis peut être rejeté.',
    rejete: 'Ce règlement est déjà rejeté.',
  },
  reemettre: { calcule: 'Seul un règlement rejeté se ré-émet.', valide: 'Seul un règlement rejeté se ré-émet.' },
};

export function transitionReglement(
  from: TReglementStatut,
  action: TReglementAction,
): ReglementTransitionResult<TReglementStatut> {
  const to = REGLEMENT_TRANSITIONS[action][from];
  if (to) return { ok: true, to };
  return {
    ok: false,
    message:
      reglementRefusals[action][from] ||
      `Action « ${reglementActionLabels[action]} » impossible sur un règlement « ${reglementStatutLabels[from].toLowerCase()} ».`,
  };
}

// -- four eyes

/**
 * How many handlers must approve a règlement before it can be paid: two above the organisation's
 * threshold (strictly: a règlement of exactly the threshold needs one), one otherwise; no threshold
 * set means one. Amounts in cents.
 */
export function approbationsRequises(montant: number, seuilQuatreYeux: number | null): 1 | 2 {
  return seuilQuatreYeux !== null && montant > seuilQuatreYeux ? 2 : 1;
}

export type Approbation = { validePar: string | null; approuvePar: string | null };

export type ApprobationResult =
  | { ok: true; complete: boolean; role: 'premiere' | 'seconde' }
  | { ok: false; message: string };

/**
 * The next approval of a « calculé » règlement by `userId`: the first one, then — when two are
 * required — a second one by somebody else. The one who approved first cannot approve again.
 */
export function approuver(userId: string, requises: 1 | 2, current: Approbation): ApprobationResult {
  if (!current.validePar) return { ok: true, complete: requises === 1, role: 'premiere' };
  if (requises === 1 || current.approuvePar) return { ok: false, message: 'Ce règlement est déjà validé.' };
  if (current.validePar === userId)
    return {
      ok: false,
      message: 'Ce règlement dépasse le seuil de double validation : un autre gestionnaire que vous doit l’approuver.',
    };
  return { ok: true, complete: true, role: 'seconde' };
}

// -- negative totals

/**
 * A run pays by transfer only a positive balance. When a collectivité's validated décomptes not yet
 * paid add up to zero or less (a regularisation larger than what is due), no règlement is made: the
 * décomptes stay unpaid and are carried to the next run, whose new amounts absorb the credit. Nothing is
 * ever « paid » negatively, and nothing is lost.
 */
export const soldePayable = (montants: readonly number[]): { total: number; payable: boolean } => {
  const total = montants.reduce((a, b) => a + b, 0);
  return { total, payable: total > 0 };
};

/**
 * What a new version of a décompte pays: its amount minus what the validated earlier versions for the
 * same sinistre and period already settled (which may make it negative: a requalification that lowers
 * the amount, a reprise entered late).
 */
export const regularisationDecompte = (montant: number, dejaRegle: number): number => montant - dejaRegle;

// -- bank details

/** « FR76 3000 6000 0112 3456 7890 189 » from whatever the user typed, or null if not an IBAN. */
export function normaliserIban(saisie: string): string | null {
  const iban = electronicFormatIBAN(saisie);
  return iban && isValidIBAN(iban) ? iban : null;
}
export const afficherIban = (iban: string): string => friendlyFormatIBAN(iban) ?? iban;
export const ibanSepa = (iban: string): boolean => isSEPACountry(iban.slice(0, 2));
export const bicValide = (bic: string): boolean => isValidBIC(bic);

/** « D-2026-000123 » */
export const numeroDecompte = (annee: number, rang: number): string => `D-${annee}-${String(rang).padStart(6, '0')}`;
/** « R-2026-000045 » */
export const numeroReglement = (annee: number, rang: number): string => `R-${annee}-${String(rang).padStart(6, '0')}`;
