import { Anchor, Badge, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import {
  formatDate,
  formatEuros,
  reglementStatutLabels,
  type TReglementOut,
  type TReglementStatut,
} from '@statutis/domain';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ScrollTable } from '../../components/ScrollTable';
import { formatDay, plural } from '../../lib/format';

const colors: Record<TReglementStatut, string> = {
  calcule: 'gray',
  valide: 'blue',
  mis_en_paiement: 'indigo',
  paye: 'green',
  rejete: 'red',
  reemis: 'gray',
};

export function StatutReglement({ statut }: { statut: TReglementStatut }) {
  return (
    <Badge color={colors[statut]} variant="light">
      {reglementStatutLabels[statut]}
    </Badge>
  );
}

export const periode = (p: { du: string; au: string }) => `du ${formatDate(p.du)} au ${formatDate(p.au)}`;

/** A list of règlements; the back office adds a column of actions and a selection. */
export function ReglementsTable({
  caption,
  items,
  lien,
  avecCollectivite = false,
  selection,
  actions,
}: {
  caption: string;
  items: TReglementOut[];
  lien: (r: TReglementOut) => string;
  avecCollectivite?: boolean;
  selection?: { selected: Set<string>; toggle: (id: string) => void; eligible: (r: TReglementOut) => boolean };
  actions?: (r: TReglementOut) => ReactNode;
}) {
  return (
    <ScrollTable caption={caption}>
      <Table.Thead>
        <Table.Tr>
          {selection && (
            <Table.Th>
              <span className="visually-hidden">Sélection</span>
            </Table.Th>
          )}
          <Table.Th scope="col">Règlement</Table.Th>
          {avecCollectivite && <Table.Th scope="col">Collectivité</Table.Th>}
          <Table.Th scope="col">Période</Table.Th>
          <Table.Th scope="col">Décomptes</Table.Th>
          <Table.Th scope="col" ta="right">
            Montant
          </Table.Th>
          <Table.Th scope="col">Statut</Table.Th>
          <Table.Th scope="col">Payé le</Table.Th>
          {actions && <Table.Th scope="col">Actions</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => (
          <Table.Tr key={r.id}>
            {selection && (
              <Table.Td>
                {selection.eligible(r) && (
                  <Checkbox
                    aria-label={`Sélectionner le règlement ${r.numero}`}
                    checked={selection.selected.has(r.id)}
                    onChange={() => selection.toggle(r.id)}
                  />
                )}
              </Table.Td>
            )}
            <Table.Td>
              <Anchor component={Link} to={lien(r)}>
                {r.numero}
              </Anchor>
              {r.remplaceNumero && <Text size="xs">remplace {r.remplaceNumero}</Text>}
            </Table.Td>
            {avecCollectivite && <Table.Td>{r.collectivite.nom}</Table.Td>}
            <Table.Td>{periode(r.periode)}</Table.Td>
            <Table.Td>{plural(r.nombreDecomptes, 'décompte')}</Table.Td>
            <Table.Td ta="right">{formatEuros(r.montant)}</Table.Td>
            <Table.Td>
              <StatutReglement statut={r.statut} />
              {r.motifRejet && <Text size="xs">Motif : {r.motifRejet}</Text>}
            </Table.Td>
            <Table.Td>{r.payeLe ? formatDay(r.payeLe) : '—'}</Table.Td>
            {actions && (
              <Table.Td>
                <Group gap="xs">{actions(r)}</Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

export function PageSuivante({
  hasNext,
  loading,
  onClick,
}: {
  hasNext: boolean;
  loading: boolean;
  onClick: () => void;
}) {
  if (!hasNext) return null;
  return (
    <Button variant="default" w="fit-content" loading={loading} onClick={onClick}>
      Afficher les règlements suivants
    </Button>
  );
}
