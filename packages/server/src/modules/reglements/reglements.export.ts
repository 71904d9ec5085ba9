import {
  decompteNatureLabels,
  reglementStatutLabels,
  risqueLabels,
  type TDecompteOut,
  type TReglementDetail,
} from '@statutis/domain';
import { type ExportColumn, tableExport } from '../../lib/export/table.js';

type Ligne = { r: TReglementDetail; d: TDecompteOut };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** One line per décompte paid, with its règlement: what an accountant reconciles with the bank statement. */
const columns: ExportColumn<Ligne>[] = [
  { header: 'Règlement', width: 16, value: (l) => l.r.numero },
  { header: 'Statut', width: 16, value: (l) => reglementStatutLabels[l.r.statut] },
  { header: 'Payé le', width: 12, kind: 'date', value: (l) => day(l.r.payeLe) },
  { header: 'Période du', width: 12, kind: 'date', value: (l) => l.r.periode.du },
  { header: 'Période au', width: 12, kind: 'date', value: (l) => l.r.periode.au },
  { header: 'Décompte', width: 16, value: (l) => l.d.numero },
  { header: 'Version', width: 8, value: (l) => l.d.version },
  { header: 'Sinistre', width: 14, value: (l) => l.d.sinistre.numero },
  { header: 'Catégorie', width: 28, value: (l) => risqueLabels[l.d.sinistre.categorie] },
  { header: 'Agent', width: 26, value: (l) => `${l.d.agent.nom.toUpperCase()} ${l.d.agent.prenom}` },
  { header: 'Nature', width: 22, value: (l) => decompteNatureLabels[l.d.nature] },
  { header: 'Décompte du', width: 12, kind: 'date', value: (l) => l.d.periode.du },
  { header: 'Décompte au', width: 12, kind: 'date', value: (l) => l.d.periode.au },
  { header: 'Montant (€)', width: 14, kind: 'euros', value: (l) => l.d.montant },
  { header: 'Déjà réglé (€)', width: 14, kind: 'euros', value: (l) => l.d.dejaRegle },
  { header: 'Réglé (€)', width: 14, kind: 'euros', value: (l) => l.d.aRegler },
];

const lignes = async function* (batches: AsyncIterable<TReglementDetail[]>) {
  for await (const batch of batches) yield batch.flatMap((r) => r.decomptes.map((d) => ({ r, d })));
};

/** The download of « Vos règlements » in the format asked: one line per décompte paid. */
export function reglementsExport(batches: AsyncIterable<TReglementDetail[]>, format: 'csv' | 'xlsx') {
  return tableExport('reglements', 'Règlements', columns, lignes(batches), format);
}
