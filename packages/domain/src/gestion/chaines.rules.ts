import { addDays, daysBetween } from '../common/dates.js';
import type { ArretPeriod } from '../sinistres/arrets.rules.js';

/** At most this many calendar days worked between two arrêts keep them in one chain (domain §6.1.1). */
export const RETOUR_COURT_JOURS_MAX = 2;

/** An arrêt chain: an initial arrêt, its contiguous prolongations and arrêts after a return of 48 h at most. */
export type ChaineArrets<A extends Pick<ArretPeriod, 'debut' | 'fin'>> = {
  debut: string;
  fin: string;
  arrets: A[];
};

/**
 * The arrêt chains of one sinistre (domain §6.1.1): sorted by start, an arrêt joins the running
 * chain when at most 2 calendar days were worked since its end, whatever its type; otherwise (a
 * rechute after a longer return) it starts a new chain, with its own franchise and its own contract
 * (cover follows the contract in force on a chain's first day, §10). Overlapping arrêts are joined
 * too: the overlap itself is reported by `controleChevauchements`.
 */
export function chainesArrets<A extends Pick<ArretPeriod, 'debut' | 'fin'>>(arrets: readonly A[]): ChaineArrets<A>[] {
  const chaines: ChaineArrets<A>[] = [];
  for (const a of [...arrets].sort((x, y) => x.debut.localeCompare(y.debut))) {
    const courante = chaines.at(-1);
    if (courante && daysBetween(courante.fin, a.debut) - 1 <= RETOUR_COURT_JOURS_MAX) {
      courante.arrets.push(a);
      if (a.fin > courante.fin) courante.fin = a.fin;
    } else chaines.push({ debut: a.debut, fin: a.fin, arrets: [a] });
  }
  return chaines;
}

/** The months (`YYYY-MM`) a period touches, in order. */
export function moisDeLaPeriode(debut: string, fin: string): string[] {
  const mois: string[] = [];
  let jour = `${debut.slice(0, 7)}-01`;
  while (jour <= fin) {
    mois.push(jour.slice(0, 7));
    jour = addDays(`${jour.slice(0, 7)}-28`, 4)
      .slice(0, 7)
      .concat('-01');
  }
  return mois;
}

const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** `2026-03` → « mars 2026 ». */
export function formatMois(mois: string): string {
  return `${MOIS[Number(mois.slice(5, 7)) - 1]} ${mois.slice(0, 4)}`;
}
