import { REGIMES } from '@statutis/domain';
import type { DataColumn, ListFilter } from '../../components/DataList';
import type { ContratResume } from './api';
import { formatPeriode } from './format';

/** The columns every list of contracts starts with (employer and back office). */
export const contratColumns: DataColumn<ContratResume>[] = [
  { key: 'numero', header: 'Numéro', sortKey: 'numero', rowHeader: true, render: (c) => c.numero },
  { key: 'libelle', header: 'Libellé', render: (c) => c.libelle },
  { key: 'regime', header: 'Régime', render: (c) => c.regime },
  { key: 'assureur', header: 'Assureur', render: (c) => c.assureur },
  { key: 'periode', header: 'Période', sortKey: 'dateEffet', render: formatPeriode },
];

export const regimeFilter: ListFilter = {
  name: 'regime',
  label: 'Filtrer par régime',
  allLabel: 'Tous les régimes',
  options: REGIMES.map((r) => ({ value: r, label: r })),
};
