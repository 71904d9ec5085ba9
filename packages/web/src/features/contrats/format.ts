import { formatDate, franchiseUniteLabels, type TGarantie } from '@statutis/domain';
import { plural } from '../../lib/format';

const DAYS_PER_YEAR = 365;

/** A contractual deadline as people say it: « 90 jours », « 2 ans (730 jours) », « 10 ans (3 650 jours) ». */
export function formatDelai(jours: number): string {
  if (jours === 0) return 'Aucun délai fixé';
  if (jours >= DAYS_PER_YEAR && jours % DAYS_PER_YEAR === 0) {
    return `${plural(jours / DAYS_PER_YEAR, 'an')} (${plural(jours, 'jour')})`;
  }
  return plural(jours, 'jour');
}

/** « 15 jours fermes par arrêt », « Aucune franchise ». */
export function formatFranchise(garantie: Pick<TGarantie, 'franchiseNombre' | 'franchiseUnite'>): string {
  const { franchiseNombre: n, franchiseUnite } = garantie;
  if (n === 0) return 'Aucune franchise';
  const unit = franchiseUniteLabels[franchiseUnite];
  return `${n.toLocaleString('fr-FR')} ${n === 1 ? unit.replace('jours fermes', 'jour ferme') : unit}`;
}

/** « 6 mois ». */
export function formatMois(mois: number): string {
  return plural(mois, 'mois', 'mois');
}

/** « du 01/01/2024 au 31/12/2027 ». */
export function formatPeriode(contrat: { dateEffet: string; dateFin: string }): string {
  return `du ${formatDate(contrat.dateEffet)} au ${formatDate(contrat.dateFin)}`;
}

/** The years some contract covers, most recent first: those a base or a budget can be declared for. */
export function yearsCovered(contrats: readonly { dateEffet: string; dateFin: string }[]): number[] {
  const years = new Set<number>();
  for (const c of contrats) {
    for (let y = Number(c.dateEffet.slice(0, 4)); y <= Number(c.dateFin.slice(0, 4)); y++) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}
