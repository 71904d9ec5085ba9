import type { TSinistraliteLigne } from '@statutis/domain';
import { type ExportColumn, tableExport } from '../../lib/export/table.js';

const baseLabels = { reelle: 'réelle', previsionnelle: 'prévisionnelle' } as const;

/** What a CDG takes to a renegotiation: one line per collectivité and contract. */
const columns: ExportColumn<TSinistraliteLigne>[] = [
  { header: 'Collectivité', width: 34, value: (l) => l.collectivite.nom },
  { header: 'Contrat', width: 18, value: (l) => l.contrat.numero },
  { header: 'Base', width: 14, value: (l) => (l.baseType ? baseLabels[l.baseType] : 'non déclarée') },
  { header: 'Primes (€)', width: 14, kind: 'euros', value: (l) => l.primes },
  { header: 'Remboursements réglés (€)', width: 16, kind: 'euros', value: (l) => l.regle },
  { header: 'Remboursements à régler (€)', width: 16, kind: 'euros', value: (l) => l.du },
  { header: 'Sinistres (€)', width: 14, kind: 'euros', value: (l) => l.regle + l.du },
  { header: 'S/P (%)', width: 10, kind: 'pourcent', value: (l) => l.rapport },
];

export function sinistraliteExport(
  annee: number,
  batches: AsyncIterable<TSinistraliteLigne[]>,
  format: 'csv' | 'xlsx',
) {
  return tableExport(`rapport-sp-${annee}`, `S sur P ${annee}`, columns, batches, format);
}
