import { Table } from '@mantine/core';
import { RISQUES, risqueLabels, type TGarantie } from '@statutis/domain';
import { ScrollTable } from '../../components/ScrollTable';
import { formatDelai, formatFranchise } from './format';

const NON_COUVERT = 'Non couvert';

/** The garanties of a contract, one row per risk: franchise, reimbursement and reporting deadlines. */
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
              </>
            ) : (
              <Table.Td colSpan={6}>{NON_COUVERT}</Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
