import { z } from 'zod';
import { daysBetween } from '../common/dates.js';
import { ECHEANCE_PROCHE_JOURS } from '../gestion/corbeille.rules.js';

/**
 * The clocks of a file (issue 13): every deadline the contract or the law sets on a sinistre or a
 * call, in one shape, so that the file's « Échéances » block, the cross-file list and the alerts
 * read the same thing. `kind` codes are stable (stored by the alert layer); `cle` is unique within
 * a file and stable across reads (the kind, and the arrêt or échéance it is about).
 */
export const DELAI_KINDS = [
  'declaration_sinistre',
  'declaration_arret',
  'pieces',
  'prescription',
  'citis_declaration',
  'citis_imputabilite',
  'cotisation',
] as const;
export const ZDelaiKind = z.enum(DELAI_KINDS);
export type TDelaiKind = z.infer<typeof ZDelaiKind>;
export const delaiKindLabels: Record<TDelaiKind, string> = {
  declaration_sinistre: 'Déclaration du sinistre',
  declaration_arret: 'Déclaration de l’arrêt',
  pieces: 'Envoi des pièces justificatives',
  prescription: 'Prescription biennale',
  citis_declaration: 'CITIS : déclaration de l’agent',
  citis_imputabilite: 'CITIS : décision d’imputabilité',
  cotisation: 'Échéance de cotisation',
};

/**
 * « à venir »; « proche » within `ECHEANCE_PROCHE_JOURS` (15) days, the day itself included;
 * « dépassée » once the day passed without the event that meets it, or when that event came late;
 * « respectée » when it came in time. A met clock no longer depends on the day it is read.
 */
export const ETATS_DELAI = ['a_venir', 'proche', 'depassee', 'respectee'] as const;
export const ZEtatDelai = z.enum(ETATS_DELAI);
export type TEtatDelai = z.infer<typeof ZEtatDelai>;
export const etatDelaiLabels: Record<TEtatDelai, string> = {
  a_venir: 'À venir',
  proche: 'Proche',
  depassee: 'Dépassée',
  respectee: 'Respectée',
};

export const ZEcheanceDossier = z.object({
  cle: z.string(),
  kind: ZDelaiKind,
  libelle: z.string(),
  /** The day the clock starts from (event, arrêt, declaration…). */
  depart: z.string(),
  dateEcheance: z.string(),
  etat: ZEtatDelai,
  /** When the event that meets it happened; null while it has not (or when its day is unknown). */
  faitLe: z.string().nullable(),
  /** The rule and its dates, in French, for the screen. */
  detail: z.string(),
});
export type TEcheanceDossier = z.infer<typeof ZEcheanceDossier>;

/**
 * The state of a clock due on `dateEcheance`, read on `aujourdhui`. `fait` is the event that meets
 * it: null while it has not happened; `{ le: null }` when it happened on a day nobody recorded
 * (taken as in time).
 */
export function etatDelai(dateEcheance: string, fait: { le: string | null } | null, aujourdhui: string): TEtatDelai {
  if (fait) return fait.le === null || fait.le <= dateEcheance ? 'respectee' : 'depassee';
  const restants = daysBetween(aujourdhui, dateEcheance);
  if (restants < 0) return 'depassee';
  return restants <= ECHEANCE_PROCHE_JOURS ? 'proche' : 'a_venir';
}

/** The clocks in reading order: the earliest due first, then by key so that the order is total. */
export function trierEcheances<E extends Pick<TEcheanceDossier, 'dateEcheance' | 'cle'>>(echeances: readonly E[]): E[] {
  return [...echeances].sort(
    (a, b) => a.dateEcheance.localeCompare(b.dateEcheance) || (a.cle < b.cle ? -1 : a.cle > b.cle ? 1 : 0),
  );
}
