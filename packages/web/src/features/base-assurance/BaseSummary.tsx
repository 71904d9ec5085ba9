import { Table } from '@mantine/core';
import {
  elementLabels,
  formatEuros,
  formatPct,
  formatTaux,
  partAssuree,
  type TBase,
  typeBaseLabels,
} from '@statutis/domain';
import type { ReactNode } from 'react';
import { formatSignedEuros, plural } from '../../lib/format';

/** What a summary shows: a declared base, or one about to be. */
export type BaseSummaryData = Pick<
  TBase,
  | 'contratNumero'
  | 'annee'
  | 'type'
  | 'effectif'
  | 'tbi'
  | 'nbi'
  | 'sft'
  | 'ir'
  | 'riMontant'
  | 'riPct'
  | 'cpMontant'
  | 'cpPct'
  | 'tauxCotisation'
  | 'assiette'
  | 'cotisation'
> & { regularisation?: number | null };

/** « 38 000,00 € réels ; 7,67 % du TBI assurés, soit 37 966,50 € ». */
function pctLine(montant: number | null, pct: number | null, tbi: number): string | null {
  if (montant === null) return null;
  if (pct === null) return `${formatEuros(montant)} réels ; non assuré`;
  return `${formatEuros(montant)} réels ; ${formatPct(pct)} du TBI assurés, soit ${formatEuros(partAssuree(tbi, pct))}`;
}

/** Every amount of a base, its insured base and its contribution, as a two-column table. */
export function BaseSummary({ base, caption }: { base: BaseSummaryData; caption: string }) {
  const rows: [string, ReactNode][] = [
    ['Contrat', base.contratNumero],
    ['Année', base.annee],
    ['Type', typeBaseLabels[base.type]],
    ['Effectif', plural(base.effectif, 'agent')],
    [elementLabels.tbi, formatEuros(base.tbi)],
  ];
  for (const element of ['nbi', 'sft', 'ir'] as const) {
    const value = base[element];
    if (value !== null) rows.push([elementLabels[element], formatEuros(value)]);
  }
  const ri = pctLine(base.riMontant, base.riPct, base.tbi);
  if (ri) rows.push([elementLabels.ri, ri]);
  const cp = pctLine(base.cpMontant, base.cpPct, base.tbi);
  if (cp) rows.push([elementLabels.cp, cp]);
  rows.push(
    ['Assiette assurée', formatEuros(base.assiette)],
    ['Taux de cotisation', formatTaux(base.tauxCotisation)],
    ['Cotisation', formatEuros(base.cotisation)],
  );
  if (base.regularisation != null) rows.push(['Régularisation', formatSignedEuros(base.regularisation)]);

  return (
    <Table withTableBorder verticalSpacing="xs">
      <caption className="visually-hidden">{caption}</caption>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="45%">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
