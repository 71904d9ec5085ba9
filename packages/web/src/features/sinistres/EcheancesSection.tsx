import { Badge, Table, Text } from '@mantine/core';
import { etatDelaiLabels, formatDate, type TEcheanceDossier, type TEtatDelai } from '@statutis/domain';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';

/** The state says itself in words; the colour only repeats it. */
const etatColors: Record<TEtatDelai, string> = {
  a_venir: 'gray',
  proche: 'orange',
  depassee: 'red',
  respectee: 'green',
};

export function EtatDelaiBadge({ etat }: { etat: TEtatDelai }) {
  return (
    <Badge variant="light" color={etatColors[etat]} tt="none" miw="max-content">
      {etatDelaiLabels[etat]}
    </Badge>
  );
}

/**
 * « Échéances » of a file, on the employer's sinistre page and the handler's file alike: each clock
 * the contract or the law sets (declaration, pieces, prescription, CITIS), earliest due first, with
 * its date, its state and the rule behind it. Computed by the server on the day it is read.
 */
export function EcheancesSection({ numero, echeances }: { numero: string; echeances: readonly TEcheanceDossier[] }) {
  return (
    <Section title="Échéances" id="echeances">
      {echeances.length === 0 ? (
        <Text>Aucune échéance : le contrat ne couvre pas cette catégorie.</Text>
      ) : (
        <ScrollTable caption={`Échéances du sinistre n° ${numero}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Échéance</Table.Th>
              <Table.Th scope="col">Date limite</Table.Th>
              <Table.Th scope="col">État</Table.Th>
              <Table.Th scope="col">Règle</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {echeances.map((e) => (
              <Table.Tr key={e.cle}>
                <Table.Th scope="row" fw={500}>
                  {e.libelle}
                </Table.Th>
                <Table.Td>{formatDate(e.dateEcheance)}</Table.Td>
                <Table.Td>
                  <EtatDelaiBadge etat={e.etat} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.detail}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Section>
  );
}
