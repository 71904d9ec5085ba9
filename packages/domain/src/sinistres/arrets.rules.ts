import { addDays, addMonths, daysBetween } from '../common/dates.js';
import { formatDate } from '../common/format.js';

export const ARRET_TYPES = ['initial', 'prolongation', 'rechute'] as const;
export type TArretType = (typeof ARRET_TYPES)[number];

export type ArretPeriod = { id?: string; type: TArretType; debut: string; fin: string; sinistreId?: string };

export type ArretProblem = { field: 'debut' | 'fin' | 'type' | 'quotiteTpt'; message: string };

/**
 * Checks a new arrêt against its sinistre and the agent's other arrêts (domain §5): fin ≥ début;
 * début ≥ date de survenance; the first arrêt of a sinistre is the initial one; a prolongation
 * starts the day after the previous arrêt of the sinistre ends; a rechute is not contiguous and
 * does not exist for maladie ordinaire; no overlap with any other arrêt of the agent.
 */
export function checkArret(
  arret: ArretPeriod,
  context: {
    dateSurvenance: string;
    maladieOrdinaire: boolean;
    /** The arrêts of this sinistre, the one being edited excluded. */
    arretsDuSinistre: readonly ArretPeriod[];
    /** Every other arrêt of the agent, all sinistres together. */
    autresArretsAgent: readonly ArretPeriod[];
  },
): ArretProblem[] {
  const problems: ArretProblem[] = [];
  const d = formatDate;
  if (arret.fin < arret.debut) {
    problems.push({
      field: 'fin',
      message: `La fin de l’arrêt (${d(arret.fin)}) précède son début (${d(arret.debut)}).`,
    });
  }
  if (arret.debut < context.dateSurvenance) {
    problems.push({
      field: 'debut',
      message: `L’arrêt ne peut commencer (${d(arret.debut)}) avant la date de survenance du sinistre (${d(context.dateSurvenance)}).`,
    });
  }
  const previous = [...context.arretsDuSinistre]
    .filter((a) => a.debut < arret.debut)
    .sort((a, b) => a.fin.localeCompare(b.fin))
    .at(-1);
  const hasArrets = context.arretsDuSinistre.length > 0;
  if (arret.type === 'initial' && hasArrets) {
    problems.push({
      field: 'type',
      message: 'Ce sinistre a déjà son arrêt initial : déclarez une prolongation ou une rechute.',
    });
  }
  if (arret.type !== 'initial' && !hasArrets) {
    problems.push({ field: 'type', message: 'Le premier arrêt d’un sinistre est l’arrêt initial.' });
  }
  if (arret.type === 'prolongation' && previous) {
    const expected = addDays(previous.fin, 1);
    if (arret.debut !== expected) {
      problems.push({
        field: 'debut',
        message: `Une prolongation commence le lendemain de la fin de l’arrêt précédent : le ${d(expected)} (l’arrêt précédent finit le ${d(previous.fin)}). ${
          context.maladieOrdinaire
            ? 'En maladie ordinaire, un arrêt qui ne suit pas le précédent se déclare comme un nouveau sinistre (la rechute n’existe pas pour la maladie ordinaire).'
            : 'Un arrêt qui ne suit pas le précédent, après une reprise du travail, est une rechute.'
        }`,
      });
    }
  }
  if (arret.type === 'rechute') {
    if (context.maladieOrdinaire) {
      problems.push({
        field: 'type',
        message: previous
          ? `La rechute n’existe pas pour la maladie ordinaire : un arrêt du ${d(arret.debut)} qui ne suit pas le précédent (fini le ${d(previous.fin)}) se déclare comme un nouveau sinistre.`
          : 'La rechute n’existe pas pour la maladie ordinaire : déclarez un nouveau sinistre.',
      });
    } else if (previous && daysBetween(previous.fin, arret.debut) === 1) {
      // Only the very next day makes it a prolongation; an earlier start overlaps (refused below).
      problems.push({
        field: 'type',
        message: `Cet arrêt commence le ${d(arret.debut)}, lendemain de la fin de l’arrêt précédent (${d(previous.fin)}) : c’est une prolongation. Une rechute commence après une reprise du travail.`,
      });
    }
  }
  const overlap = [...context.arretsDuSinistre, ...context.autresArretsAgent].find(
    (o) => o.id !== arret.id && o.debut <= arret.fin && arret.debut <= o.fin,
  );
  if (overlap) {
    problems.push({
      field: 'debut',
      message: `L’agent a déjà un arrêt du ${d(overlap.debut)} au ${d(overlap.fin)} : les arrêts ne peuvent pas se chevaucher.`,
    });
  }
  return problems;
}

/**
 * A return to work (reprise) on an arrêt (domain §6.1: a return ends the arrêt the day before).
 * A reprise inside the arrêt shortens it: that change is described for the user to confirm,
 * and the certificate keeps the dates it was written with (`finCertificat`). A reprise after
 * the end leaves the arrêt as it is.
 */
export function effetReprise(
  arret: { debut: string; fin: string; finCertificat?: string | null },
  reprise: string,
):
  | { ok: false; problem: ArretProblem }
  | { ok: true; fin: string; raccourci: false }
  | { ok: true; fin: string; raccourci: true; message: string } {
  const d = formatDate;
  if (reprise <= arret.debut)
    return {
      ok: false,
      problem: {
        field: 'fin',
        message: `La reprise (${d(reprise)}) doit suivre le début de l’arrêt (${d(arret.debut)}) : l’agent reprend au plus tôt le lendemain du premier jour d’arrêt.`,
      },
    };
  if (reprise > arret.fin) return { ok: true, fin: arret.fin, raccourci: false };
  const fin = addDays(reprise, -1);
  const jours = daysBetween(fin, arret.fin);
  const finCertificat = arret.finCertificat ?? arret.fin;
  return {
    ok: true,
    fin,
    raccourci: true,
    message: `La reprise du ${d(reprise)} tombe pendant l’arrêt du ${d(arret.debut)} au ${d(arret.fin)} : l’arrêt finira le ${d(fin)} au lieu du ${d(arret.fin)} (${jours} jour${jours > 1 ? 's' : ''} de moins). Le certificat d’arrêt de travail garde ses dates (du ${d(arret.debut)} au ${d(finCertificat)}).`,
  };
}

/** Number of calendar days of an arrêt, both ends included. */
export function dureeArret(a: Pick<ArretPeriod, 'debut' | 'fin'>): number {
  return daysBetween(a.debut, a.fin) + 1;
}

/** Longest TPT period at a time, and in all (domain §3: 1 to 3 months at a time, 1 year at most). */
export const TPT_MOIS_MAX = 3;
export const TPT_JOURS_MAX = 365;

/**
 * Temps partiel thérapeutique: a TPT sinistre's periods carry their quotité, last 3 months at most
 * each and one year in all; other categories have no quotité.
 */
export function checkTpt(
  arret: { debut: string; fin: string; quotiteTpt?: number | null },
  context: { tpt: boolean; autresPeriodes: readonly { debut: string; fin: string }[] },
): ArretProblem[] {
  const d = formatDate;
  if (!context.tpt) {
    return arret.quotiteTpt
      ? [{ field: 'quotiteTpt', message: 'La quotité ne concerne que le temps partiel thérapeutique.' }]
      : [];
  }
  const problems: ArretProblem[] = [];
  if (!arret.quotiteTpt)
    problems.push({ field: 'quotiteTpt', message: 'Indiquez la quotité de travail du temps partiel thérapeutique.' });
  if (arret.fin >= arret.debut) {
    const dernierJour = addDays(addMonths(arret.debut, TPT_MOIS_MAX), -1);
    if (arret.fin > dernierJour)
      problems.push({
        field: 'fin',
        message: `Une période de temps partiel thérapeutique dure ${TPT_MOIS_MAX} mois au plus : jusqu’au ${d(dernierJour)} pour un début le ${d(arret.debut)}.`,
      });
    const total = [...context.autresPeriodes, arret].reduce((n, p) => n + dureeArret(p), 0);
    if (total > TPT_JOURS_MAX)
      problems.push({
        field: 'fin',
        message: `Le temps partiel thérapeutique dure un an au plus : avec cette période, il atteindrait ${total} jours.`,
      });
  }
  return problems;
}
