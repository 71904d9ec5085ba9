import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { APPEL_STATUTS, appelStatutLabels, formatEuros, libelleAppel } from '@statutis/domain';
import { Link, useSearchParams } from 'react-router';
import { DownloadButton } from '../../components/Download';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, formatSignedEuros } from '../../lib/format';
import { AppelStatut } from './AppelStatut';
import { appelPath, COTISATIONS_ENDPOINT, useAppels } from './api';

const FILTRES = ['annee', 'statut'] as const;
// Drafts and checked calls are the CDG's work: the collectivité sees what was issued to it.
const STATUTS_VISIBLES = APPEL_STATUTS.filter((s) => s !== 'brouillon' && s !== 'controle');

/** « Vos cotisations »: the contribution calls (and regularisations) issued to the collectivité. */
export function CotisationsPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTRES.map((f) => [f, params.get(f) ?? undefined]));
  const list = useAppels(filters);
  const set = (key: (typeof FILTRES)[number], value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const annee = new Date().getFullYear();
  const exportQuery = (format: 'csv' | 'xlsx') => ({ ...filters, format });
  return (
    <Page
      title="Vos cotisations"
      crumbs={[{ label: 'Espace contractuel' }, { label: 'Vos cotisations' }]}
      intro="Les appels de cotisation émis par votre centre de gestion, calculés sur votre base de l’assurance, et leurs régularisations une fois la base réelle déclarée."
    >
      <Section
        title="Appels de cotisation"
        id="liste"
        actions={
          <>
            <DownloadButton
              path={`${COTISATIONS_ENDPOINT}/export`}
              query={exportQuery('csv')}
              fileName="cotisations.csv"
            >
              Exporter (CSV)
            </DownloadButton>
            <DownloadButton
              path={`${COTISATIONS_ENDPOINT}/export`}
              query={exportQuery('xlsx')}
              fileName="cotisations.xlsx"
            >
              Exporter (XLSX)
            </DownloadButton>
          </>
        }
      >
        <Stack gap="md">
          <Group align="flex-end" gap="md" role="search" aria-label="Filtrer les appels de cotisation">
            <NativeSelect
              label="Exercice"
              value={filters.annee ?? ''}
              onChange={(e) => set('annee', e.currentTarget.value || null)}
              data={[
                { value: '', label: 'Tous' },
                ...[annee + 1, annee, annee - 1, annee - 2, annee - 3].map((a) => ({
                  value: String(a),
                  label: String(a),
                })),
              ]}
            />
            <NativeSelect
              label="Statut"
              value={filters.statut ?? ''}
              onChange={(e) => set('statut', e.currentTarget.value || null)}
              data={[
                { value: '', label: 'Tous' },
                ...STATUTS_VISIBLES.map((s) => ({ value: s, label: appelStatutLabels[s] })),
              ]}
            />
          </Group>
          {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
          {list.isSuccess && items.length === 0 && <Text>Aucun appel de cotisation ne correspond à ces critères.</Text>}
          {items.length > 0 && (
            <ScrollTable caption="Vos appels de cotisation">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Référence</Table.Th>
                  <Table.Th scope="col">Nature</Table.Th>
                  <Table.Th scope="col">Exercice</Table.Th>
                  <Table.Th scope="col">Contrat</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Montant
                  </Table.Th>
                  <Table.Th scope="col">Statut</Table.Th>
                  <Table.Th scope="col">Émis le</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={appelPath(a.id)}>
                        {a.numero}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{libelleAppel(a)}</Table.Td>
                    <Table.Td>{a.annee}</Table.Td>
                    <Table.Td>
                      {a.contrat.numero} ({a.contrat.regime})
                    </Table.Td>
                    <Table.Td ta="right">
                      {a.nature === 'appel' ? formatEuros(a.total) : formatSignedEuros(a.total)}
                    </Table.Td>
                    <Table.Td>
                      <AppelStatut statut={a.statut} />
                    </Table.Td>
                    <Table.Td>{a.emisLe ? formatDay(a.emisLe) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
          {list.hasNextPage && (
            <Button
              variant="default"
              w="fit-content"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Afficher les appels suivants
            </Button>
          )}
        </Stack>
      </Section>
    </Page>
  );
}
