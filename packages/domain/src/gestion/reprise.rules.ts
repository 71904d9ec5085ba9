import { z } from 'zod';
import { addDays, isIsoDate } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { QUOTITES_TPT } from '../sinistres/sinistres.schemas.js';

/** How an agent returns to work (issue 9; seed 002: « reprise d’emploi après un arrêt long »). */
export const FORMES_REPRISE = ['plein_temps', 'tpt', 'amenagement_poste', 'reclassement'] as const;
export type TFormeReprise = (typeof FORMES_REPRISE)[number];
export const formeRepriseLabels: Record<TFormeReprise, string> = {
  plein_temps: 'Reprise à temps plein',
  tpt: 'Temps partiel thérapeutique',
  amenagement_poste: 'Aménagement de poste',
  reclassement: 'Reclassement',
};

/** Follow-up calls after the actual return, in days. */
export const SUIVIS_REPRISE_JOURS = [30, 90] as const;
/** The visite de reprise takes place at the latest this many days after the return (verify: Code du travail R4624-31). */
export const VISITE_REPRISE_DELAI_JOURS = 8;
/** An échéance is « à faire » from this many days before it. */
export const ECHEANCE_PREAVIS_JOURS = 7;

const date = (message: string) => z.string({ error: message }).refine(isIsoDate, message);
const dateOptionnelle = (message: string) =>
  date(message)
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** The reprise follow-up of a sinistre as the handler keeps it. */
export const ZRepriseSuivi = z
  .object({
    prevueLe: dateOptionnelle('Date de reprise prévue invalide.'),
    effectiveLe: dateOptionnelle('Date de reprise effective invalide.'),
    forme: z.enum(FORMES_REPRISE, {
      error:
        'Choisissez la forme de la reprise : temps plein, temps partiel thérapeutique, aménagement ou reclassement.',
    }),
    /** TPT only: the quotité worked, in percent. */
    quotite: z
      .number({ error: 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.' })
      .int()
      .refine((q) => (QUOTITES_TPT as readonly number[]).includes(q), 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    visiteRepriseLe: dateOptionnelle('Date de la visite de reprise invalide.'),
    suivi30FaitLe: dateOptionnelle('Date du suivi à 30 jours invalide.'),
    suivi90FaitLe: dateOptionnelle('Date du suivi à 90 jours invalide.'),
  })
  .superRefine((r, ctx) => {
    if (r.forme === 'tpt' && r.quotite === null)
      ctx.addIssue({ code: 'custom', path: ['quotite'], message: 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.' });
    if (r.forme !== 'tpt' && r.quotite !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['quotite'],
        message: 'La quotité ne concerne que le temps partiel thérapeutique.',
      });
    if (!r.prevueLe && !r.effectiveLe)
      ctx.addIssue({ code: 'custom', path: ['prevueLe'], message: 'Indiquez la date de reprise prévue ou effective.' });
    // A visite may precede the return (visite de pré-reprise); a follow-up call cannot.
    for (const champ of ['suivi30FaitLe', 'suivi90FaitLe'] as const)
      if (r[champ] && (!r.effectiveLe || r[champ] < r.effectiveLe))
        ctx.addIssue({
          code: 'custom',
          path: [champ],
          message: 'Un suivi a lieu après la reprise effective.',
        });
  });
export type TRepriseSuiviInput = z.input<typeof ZRepriseSuivi>;
export type TRepriseSuivi = z.output<typeof ZRepriseSuivi>;

/**
 * Whether a visite de reprise is due (verify: modelled on Code du travail R4624-31, a parameter):
 * always after maternité and maladie professionnelle, after 30 days off for an accident, after 60 days
 * for any other illness. A death has none.
 */
export function visiteRepriseRequise(categorie: TRisque, joursArret: number): boolean {
  if (categorie === 'deces') return false;
  if (categorie === 'maternite' || categorie === 'maladie_professionnelle') return true;
  if (categorie === 'accident_service' || categorie === 'accident_trajet') return joursArret >= 30;
  return joursArret >= 60;
}

export const ECHEANCE_REPRISE_CODES = ['reprise', 'visite_reprise', 'suivi_30', 'suivi_90'] as const;
export type TEcheanceRepriseCode = (typeof ECHEANCE_REPRISE_CODES)[number];
export const echeanceRepriseLabels: Record<TEcheanceRepriseCode, string> = {
  reprise: 'Reprise prévue',
  visite_reprise: 'Visite de reprise',
  suivi_30: 'Suivi à 30 jours',
  suivi_90: 'Suivi à 90 jours',
};

export const ETATS_ECHEANCE = ['fait', 'a_venir', 'a_faire', 'en_retard'] as const;
export type TEtatEcheance = (typeof ETATS_ECHEANCE)[number];

export type EcheanceReprise = {
  code: TEcheanceRepriseCode;
  echeance: string;
  etat: TEtatEcheance;
  message: string;
};

/**
 * The state of an échéance on a day: done; « à venir »; « à faire » within the 7 days before it,
 * the day itself included; « en retard » from the day after.
 */
export function etatEcheance(echeance: string, faitLe: string | null, aujourdhui: string): TEtatEcheance {
  if (faitLe) return 'fait';
  if (aujourdhui > echeance) return 'en_retard';
  return aujourdhui >= addDays(echeance, -ECHEANCE_PREAVIS_JOURS) ? 'a_faire' : 'a_venir';
}

/**
 * What the reprise follow-up expects, and its state on a day: the expected return while it is not
 * confirmed, then the visite de reprise (when required) and the calls 30 and 90 days after the
 * actual return.
 */
export function echeancesReprise(
  suivi: Pick<TRepriseSuivi, 'prevueLe' | 'effectiveLe' | 'visiteRepriseLe' | 'suivi30FaitLe' | 'suivi90FaitLe'>,
  aujourdhui: string,
  options: { visiteRequise: boolean },
): EcheanceReprise[] {
  const d = formatDate;
  const echeances: { code: TEcheanceRepriseCode; echeance: string; faitLe: string | null }[] = [];
  if (!suivi.effectiveLe) {
    if (suivi.prevueLe) echeances.push({ code: 'reprise', echeance: suivi.prevueLe, faitLe: null });
  } else {
    if (options.visiteRequise)
      echeances.push({
        code: 'visite_reprise',
        echeance: addDays(suivi.effectiveLe, VISITE_REPRISE_DELAI_JOURS),
        faitLe: suivi.visiteRepriseLe,
      });
    echeances.push(
      { code: 'suivi_30', echeance: addDays(suivi.effectiveLe, 30), faitLe: suivi.suivi30FaitLe },
      { code: 'suivi_90', echeance: addDays(suivi.effectiveLe, 90), faitLe: suivi.suivi90FaitLe },
    );
  }
  return echeances.map(({ code, echeance, faitLe }) => {
    const etat = etatEcheance(echeance, faitLe, aujourdhui);
    const libelle = echeanceRepriseLabels[code];
    const messages: Record<TEtatEcheance, string> =
      code === 'reprise'
        ? {
            fait: '',
            a_venir: `${libelle} le ${d(echeance)}.`,
            a_faire: `${libelle} le ${d(echeance)} : confirmez-la le jour venu.`,
            en_retard: `${libelle} le ${d(echeance)}, non confirmée : vérifiez auprès de l’employeur.`,
          }
        : {
            fait: `${libelle} : ${code === 'visite_reprise' ? 'faite' : 'fait'} le ${d(faitLe ?? echeance)}.`,
            a_venir: `${libelle} : le ${d(echeance)}.`,
            a_faire: `${libelle} : à faire au plus tard le ${d(echeance)}.`,
            en_retard: `${libelle} : en retard depuis le ${d(addDays(echeance, 1))} (prévu le ${d(echeance)}).`,
          };
    return { code, echeance, etat, message: messages[etat] };
  });
}
