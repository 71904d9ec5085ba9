import { Table } from '@mantine/core';
import { formatEuros, horsDelaiRegleLabels, RISQUES, risqueLabels, type TGarantie } from '@statutis/domain';
import { ScrollTable } from '../../components/ScrollTable';
import { formatDelai, formatFranchise } from './format';

const NON_COUVERT = 'Non couvert';

/**
 * The garanties of a contract, one row per risk: franchise, reimbursement, reporting deadlines, how a
 * late declaration and a rechute are treated, the death capital.
 */
export function GarantiesTable({ garanties, caption }: { garanties: readonly TGarantie[]; caption: string }) {
  // In the order of the domain's list of risks (décès first), not as the server happened to store them.
  const rows = [...garanties].sort((a, b) => RISQUES.indexOf(a.risque) - RISQUES.indexOf(b.risque));
  return (
    <ScrollTable caption={caption} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Risque</Table.Th>
          <Table.Th scope="col">Couvert</Table.Th>
          <Table.Th scope="col">Franchise</Table.Th>
          <Table.Th scope="col">Remboursement</Table.Th>
          <Table.Th scope="col">Délai de déclaration</Table.Th>
          <Table.Th scope="col">Délai des pièces</Table.Th>
          <Table.Th scope="col">Délai des pièces médicales</Table.Th>
          <Table.Th scope="col">Délai en cas de décès</Table.Th>
          <Table.Th scope="col">Déclaration tardive</Table.Th>
          <Table.Th scope="col">Rechute après plus de 48 h</Table.Th>
          <Table.Th scope="col">Capital décès</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((g) => (
          <Table.Tr key={g.risque}>
            <Table.Th scope="row" fw={500}>
              {risqueLabels[g.risque]}
            </Table.Th>
            <Table.Td>{g.couvert ? 'Oui' : 'Non'}</Table.Td>
            {g.couvert ? (
              <>
                <Table.Td>{formatFranchise(g)}</Table.Td>
                <Table.Td>{g.remboursementPct} %</Table.Td>
                <Table.Td>{formatDelai(g.delaiDeclarationJours)}</Table.Td>
                <Table.Td>{formatDelai(g.delaiPiecesJours)}</Table.Td>
                <Table.Td>{formatDelai(g.delaiPiecesMedicalesJours)}</Table.Td>
                <Table.Td>{formatDelai(g.delaiDecesJours)}</Table.Td>
                <Table.Td>{horsDelaiRegleLabels[g.horsDelaiRegle]}</Table.Td>
                <Table.Td>
                  {g.rechuteNouvelleFranchise ? 'Nouvelle franchise' : 'Franchise du sinistre poursuivie'}
                </Table.Td>
                <Table.Td>{g.capitalDeces === null ? '—' : formatEuros(g.capitalDeces)}</Table.Td>
              </>
            ) : (
              <Table.Td colSpan={9}>{NON_COUVERT}</Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
