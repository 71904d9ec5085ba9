import {
  appelNatureLabels,
  appelStatutLabels,
  libelleAppel,
  periodiciteLabels,
  regularisationSensLabels,
  type TAppelOut,
} from '@statutis/domain';
import { type ExportColumn, tableExport } from '../../lib/export/table.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** « Vos cotisations » as an accountant keeps them: one line per call, what is paid and what is due. */
const columns: ExportColumn<TAppelOut>[] = [
  { header: 'Appel', width: 18, value: (a) => a.numero },
  {
    header: 'Nature',
    width: 22,
    value: (a) =>
      a.objet === 'frais_gestion'
        ? libelleAppel(a)
        : a.nature === 'appel'
          ? appelNatureLabels[a.nature]
          : `${appelNatureLabels[a.nature]} (${regularisationSensLabels[a.sens]})`,
  },
  { header: 'Année', width: 8, value: (a) => a.annee },
  { header: 'Contrat', width: 20, value: (a) => a.contrat.numero },
  { header: 'Statut', width: 18, value: (a) => appelStatutLabels[a.statut] },
  { header: 'Échéancier', width: 14, value: (a) => periodiciteLabels[a.periodicite] },
  { header: 'Couverture du', width: 12, kind: 'date', value: (a) => a.debutCouverture },
  { header: 'Émis le', width: 12, kind: 'date', value: (a) => day(a.emisLe) },
  { header: 'Montant (€)', width: 14, kind: 'euros', value: (a) => a.total },
  { header: 'Payé (€)', width: 14, kind: 'euros', value: (a) => a.encaisse },
  { header: 'Reste dû (€)', width: 14, kind: 'euros', value: (a) => a.total - a.encaisse },
];

export function appelsExport(batches: AsyncIterable<TAppelOut[]>, format: 'csv' | 'xlsx') {
  return tableExport('cotisations', 'Cotisations', columns, batches, format);
}
