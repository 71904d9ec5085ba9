import { z } from 'zod';
import { formatDate } from '../common/format.js';
import { RISQUES } from '../contrats/contrats.schemas.js';
import { HORIZON_PREVISION_JOURS } from '../echeances/droits.rules.js';

/** GET …/statistiques/prevision?apres=…: `apres` is the opaque key of the last row of the previous page. */
export const ZPrevisionQuery = z.object({
  apres: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'Page suivante : clé de page invalide.')
    .optional(),
});
export type TPrevisionQuery = z.infer<typeof ZPrevisionQuery>;

const ZEvenement = z.object({
  date: z.string(),
  /** False: only if the arrêt is extended (« si l'arrêt est prolongé »). */
  dansArretConnu: z.boolean(),
});

/** One agent's arrêt whose pay changes within the horizon (named: read by those who read the sinistres). */
export const ZLignePrevision = z.object({
  sinistreId: z.uuid(),
  sinistreNumero: z.string(),
  agentId: z.uuid(),
  agentNom: z.string(),
  categorie: z.enum(RISQUES),
  finArretConnue: z.string(),
  situation: z.enum(['plein', 'demi', 'epuise']).nullable(),
  demiTraitement: ZEvenement.nullable(),
  finDroits: ZEvenement.nullable(),
});
export type TLignePrevision = z.infer<typeof ZLignePrevision>;

export const ZPrevision = z.object({
  auJour: z.string(),
  finHorizon: z.string(),
  horizonJours: z.number().int(),
  /** The hypothesis, in one French sentence, shown above the figures. */
  hypothese: z.string(),
  /** « Comment est-ce calculé ? » */
  calcul: z.string(),
  agentsEnArret: z.number().int(),
  passagesDemiTraitement: z.number().int(),
  finsDeDroits: z.number().int(),
  cout: z.object({
    maintenuCentimes: z.number().int(),
    rembourseCentimes: z.number().int(),
    resteAChargeCentimes: z.number().int(),
    /** Agents in arrêt without any payslip: their pay is not in the figures. */
    agentsSansSalaire: z.number().int(),
  }),
  items: z.array(ZLignePrevision),
  /** Opaque: pass it as `apres` for the next page; null on the last. */
  suivant: z.string().nullable(),
});
export type TPrevision = z.infer<typeof ZPrevision>;

/** The hypothesis of the forecast, as the page states it. */
export function hypotheseDePrevision(auJour: string, finHorizon: string): string {
  return `Prévision du ${formatDate(auJour)} au ${formatDate(finHorizon)} (${HORIZON_PREVISION_JOURS} jours) : les arrêts connus aujourd’hui vont jusqu’à leur fin prévue ; une date marquée « si l’arrêt est prolongé » n’arrive que si l’arrêt en cours est prolongé au-delà de sa fin prévue.`;
}

/** How the forecast is computed (« Comment est-ce calculé ? »). */
export const CALCUL_PREVISION =
  'Pour chaque agent en arrêt aujourd’hui, le moteur de remboursement est appliqué à ses arrêts, prolongés jusqu’à la fin de l’horizon : le passage à demi-traitement est le premier jour payé à demi après un jour à plein traitement (maladie ordinaire : 90 jours de plein traitement sur l’année glissante ; CLM : 1 an, puis 2 ans à demi ; CLD : 3 ans, puis 2 ans ; CGM : 12 mois, puis 24 ; contractuels : droits selon l’ancienneté) et la fin des droits le premier jour qui n’est plus payé. Le coût ne porte que sur les arrêts connus, jusqu’à leur fin prévue : traitement maintenu par la collectivité (TBI et NBI à plein ou demi-traitement, SFT et indemnité de résidence entiers, en trentièmes), remboursement attendu selon le contrat (franchise, taux, éléments assurés) et reste à charge = maintenu − remboursé. Les mois sans bulletin reprennent le dernier déclaré ; les indemnités journalières de la Sécurité sociale encore inconnues ne sont pas déduites.';
