import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { formatEuros, reglementStatutLabels } from '@statutis/domain';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { DecompteDetail, eurosSignes } from '../remboursements/DecompteDetail';
import { DecomptePdfLink } from '../remboursements/DecomptePdfLink';
import { useDecomptesDuSinistre } from '../remboursements/decomptes.api';
import { REGLEMENTS_ENDPOINT, REGLEMENTS_PATH, reglementPath, useReglements } from './api';
import { periode, StatutReglement } from './ReglementsTable';

/**
 * The sinistre page's décomptes and payments: each décompte, the règlement that pays it, and below
 * its lines with « Pourquoi ce montant ? ».
 */
export function PaiementsSinistre({ sinistreId }: { sinistreId: string }) {
  const query = useDecomptesDuSinistre(sinistreId);
  const decomptes = query.data?.items;
  return (
    <Section title="Décomptes et paiements" id="paiements">
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {decomptes?.length === 0 && <Text>Aucun décompte n’a encore été établi pour ce sinistre.</Text>}
      {!!decomptes?.length && (
        <ScrollTable caption="Décomptes du sinistre">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Décompte</Table.Th>
              <Table.Th scope="col">Période</Table.Th>
              <Table.Th scope="col" ta="right">
                À régler
              </Table.Th>
              <Table.Th scope="col">Règlement</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decomptes.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {d.numero}
                  {d.version > 1 && ` (version ${d.version})`}
                </Table.Td>
                <Table.Td>{periode(d.periode)}</Table.Td>
                <Table.Td ta="right">{d.dejaRegle ? eurosSignes(d.aRegler) : formatEuros(d.aRegler)}</Table.Td>
                <Table.Td>
                  {d.reglement ? (
                    <Anchor component={Link} to={reglementPath(d.reglementId!)}>
                      {d.reglement.numero} — {reglementStatutLabels[d.reglement.statut]}
                    </Anchor>
                  ) : d.statut === 'valide' ? (
                    'Validé, en attente du prochain règlement'
                  ) : (
                    'En cours de vérification'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {decomptes?.map((d) => (
        <Stack key={d.id} gap="xs" component="article" aria-labelledby={`decompte-${d.id}`}>
          <Title order={3} size="h4" id={`decompte-${d.id}`}>
            Décompte {d.numero}
            {d.version > 1 && ` (version ${d.version}, régularisation)`}
          </Title>
          <DecomptePdfLink sinistreId={sinistreId} decompte={d} />
          <DecompteDetail d={d} />
        </Stack>
      ))}
      <Anchor component={Link} to={`${REGLEMENTS_PATH}?sinistreId=${sinistreId}`}>
        Voir les règlements de ce sinistre
      </Anchor>
    </Section>
  );
}

/** The home page's last payments. */
export function DerniersReglements() {
  const list = useReglements(REGLEMENTS_ENDPOINT, {});
  const items = list.data?.pages[0]?.items.slice(0, 3) ?? [];
  return (
    <Section title="Derniers règlements" id="derniers-reglements">
      {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
      {list.isSuccess && items.length === 0 && <Text>Aucun règlement pour l’instant.</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((r) => (
          <li key={r.id}>
            <Anchor component={Link} to={reglementPath(r.id)}>
              {r.numero}
            </Anchor>{' '}
            — {formatEuros(r.montant)}, {periode(r.periode)} — <StatutReglement statut={r.statut} />
          </li>
        ))}
      </Stack>
      <Anchor component={Link} to={REGLEMENTS_PATH}>
        Tous vos règlements
      </Anchor>
    </Section>
  );
}
