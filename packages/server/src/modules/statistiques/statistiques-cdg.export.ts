import type { TLigneCdg } from '@statutis/domain';
import { type ExportColumn, tableExport } from '../../lib/export/table.js';

type Valeur = TLigneCdg['taux'];
/** A percentage of the page (9.56) as the export's basis points (956 = 9,56 %). */
const pb = (v: Valeur) => (v.valeur === null ? null : Math.round(v.valeur * 100));
const arrondi = (v: Valeur) => (v.valeur === null ? null : Math.round(v.valeur * 10) / 10);

/** The CDG's collectivités with their indicators, as on screen: hidden figures empty with the reason. */
const columns: ExportColumn<TLigneCdg>[] = [
  { header: 'Collectivité', width: 34, value: (l) => l.collectivite.nom },
  { header: 'Agents CNRACL', width: 10, value: (l) => l.agentsCnracl },
  { header: 'Strate', width: 26, value: (l) => l.strate },
  { header: 'Rang dans la strate', width: 10, value: (l) => (l.rang === null ? null : `${l.rang} sur ${l.sur}`) },
  { header: 'Taux d’absentéisme (%)', width: 12, kind: 'pourcent', value: (l) => pb(l.taux) },
  { header: 'Fréquence (arrêts pour 100 agents)', width: 12, value: (l) => arrondi(l.frequence) },
  { header: 'Gravité (jours)', width: 10, value: (l) => arrondi(l.gravite) },
  { header: 'Exposition (%)', width: 12, kind: 'pourcent', value: (l) => pb(l.exposition) },
  { header: 'Jours par agent', width: 10, value: (l) => arrondi(l.joursParAgent) },
  { header: 'S/P (%)', width: 10, kind: 'pourcent', value: (l) => l.rapport },
  { header: 'Arrêts de plus de 90 jours en cours', width: 12, value: (l) => l.arretsLongs },
  { header: 'CITIS ouverts', width: 10, value: (l) => l.citisOuverts },
  { header: 'Secret statistique', width: 40, value: (l) => l.taux.masque ?? null },
];

export function statistiquesCdgExport(libelle: string, batches: AsyncIterable<TLigneCdg[]>, format: 'csv' | 'xlsx') {
  return tableExport(`statistiques-collectivites-${libelle}`, 'Statistiques', columns, batches, format);
}
