import { ActionIcon, Button, Group, Popover, Stack, Table, Text } from '@mantine/core';
import {
  formatEuros,
  formatRapport,
  type TSinistraliteLigne,
  type TSinistralitePage,
  type TSinistraliteTri,
} from '@statutis/domain';
import { IconInfoCircle } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SortHeader } from '../../../components/DataList/DataTable';
import { DownloadButton } from '../../../components/Download';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { Section } from '../../../components/Section';
import { api, errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { AnneeSelect, ContratSelect } from '../FiltresAnnee';

const ENDPOINT = '/api/gestion/sinistralite';
const TOUS = '';
const baseLabels = { reelle: 'réelle', previsionnelle: 'prévisionnelle' } as const;

type Filtres = { annee: number; contratId: string; tri: TSinistraliteTri; ordre: 'asc' | 'desc' };

const query = (f: Filtres) => ({
  annee: f.annee,
  contratId: f.contratId || undefined,
  tri: f.tri,
  ordre: f.ordre,
});

const sinistres = (l: { regle: number; du: number }) => l.regle + l.du;

/** Above 100 % the contract costs the insurer more than it brings: the figure stands out. */
const couleur = (rapport: number | null) => (rapport !== null && rapport > 10_000 ? 'red.8' : undefined);

/** « Comment est-ce calculé ? » for one line: its own numbers, at the keyboard as with the mouse. */
function Explication({ ligne }: { ligne: TSinistraliteLigne }) {
  return (
    <Popover width={360} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" size="sm" aria-label={`Comment est calculé le S/P de ${ligne.collectivite.nom}`}>
          <IconInfoCircle size={16} aria-hidden="true" />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm">{ligne.explication}</Text>
      </Popover.Dropdown>
    </Popover>
  );
}

function Montants({
  l,
  ligne,
}: {
  l: Omit<TSinistraliteLigne, 'collectivite' | 'contrat' | 'baseType' | 'explication'>;
  ligne?: TSinistraliteLigne;
}) {
  return (
    <>
      <Table.Td ta="right">{formatEuros(l.primes)}</Table.Td>
      <Table.Td ta="right">{formatEuros(l.regle)}</Table.Td>
      <Table.Td ta="right">{formatEuros(l.du)}</Table.Td>
      <Table.Td ta="right">{formatEuros(sinistres(l))}</Table.Td>
      <Table.Td ta="right" fw={700} c={couleur(l.rapport)}>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {formatRapport(l.rapport)}
          {ligne && <Explication ligne={ligne} />}
        </Group>
      </Table.Td>
    </>
  );
}

/**
 * Gestion › Rapport S/P: for a year, what each collectivité's contract cost in reimbursements against
 * its premiums, with the total of the organisation — what a CDG takes to a renegotiation.
 */
export function SinistralitePage() {
  const [filtres, setFiltres] = useState<Filtres>({
    annee: new Date().getFullYear(),
    contratId: TOUS,
    tri: 'rapport',
    ordre: 'desc',
  });
  const list = useInfiniteQuery({
    queryKey: [ENDPOINT, filtres],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TSinistralitePage>(ENDPOINT, { query: { ...query(filtres), apres: pageParam ?? undefined }, signal }),
    getNextPageParam: (last) => last.suivant,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const sort = filtres.ordre === 'desc' ? `-${filtres.tri}` : filtres.tri;
  const onSort = (s: string) =>
    setFiltres((f) => ({
      ...f,
      tri: s.replace(/^-/, '') as TSinistraliteTri,
      ordre: s.startsWith('-') ? 'desc' : 'asc',
    }));
  const header = (label: string, tri: TSinistraliteTri) => (
    <SortHeader label={label} sortKey={tri} sort={sort} onSort={onSort} />
  );

  return (
    <Page
      title="Rapport S/P"
      crumbs={[{ label: 'Gestion' }]}
      intro="Sinistres sur primes : ce que les remboursements ont coûté, contrat par contrat, au regard des cotisations de l’année."
    >
      <Section
        title={`Année ${filtres.annee}`}
        id="rapport"
        actions={
          <>
            <DownloadButton
              path={`${ENDPOINT}/export`}
              query={{ ...query(filtres), format: 'csv' }}
              fileName={`rapport-sp-${filtres.annee}.csv`}
            >
              Exporter (CSV)
            </DownloadButton>
            <DownloadButton
              path={`${ENDPOINT}/export`}
              query={{ ...query(filtres), format: 'xlsx' }}
              fileName={`rapport-sp-${filtres.annee}.xlsx`}
            >
              Exporter (XLSX)
            </DownloadButton>
          </>
        }
      >
        <Stack gap="md">
          <Group align="flex-end" gap="md" role="search" aria-label="Choisir l’année et le contrat">
            <AnneeSelect value={filtres.annee} onChange={(annee) => setFiltres((f) => ({ ...f, annee }))} />
            <ContratSelect
              value={filtres.contratId || undefined}
              onChange={(contratId) => setFiltres((f) => ({ ...f, contratId: contratId ?? TOUS }))}
            />
          </Group>
          <Text size="sm">
            Comment est-ce calculé ? S/P = remboursements de l’année (décomptes validés des jours d’arrêt de l’année,
            réglés ou à régler) ÷ primes de l’année (taux du contrat × base de l’assurance : la base réelle dès qu’elle
            est déclarée, sinon la prévisionnelle). Le bouton ⓘ de chaque ligne donne son calcul ; au-delà de 100 %, le
            taux est en rouge.
          </Text>
          {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
          {list.isSuccess && rows.length === 0 && <Text>Aucune base ni aucun remboursement pour cette année.</Text>}
          {rows.length > 0 && total && (
            <ScrollTable caption={`Rapport sinistres sur primes ${filtres.annee}, par collectivité et contrat`}>
              <Table.Thead>
                <Table.Tr>
                  {header('Collectivité', 'collectivite')}
                  <Table.Th scope="col">Contrat</Table.Th>
                  <Table.Th scope="col">Base</Table.Th>
                  {header('Primes', 'primes')}
                  <Table.Th scope="col" ta="right">
                    Réglé
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    À régler
                  </Table.Th>
                  {header('Sinistres', 'sinistres')}
                  {header('S/P', 'rapport')}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((l) => (
                  <Table.Tr key={`${l.collectivite.id}-${l.contrat.id}`}>
                    <Table.Th scope="row" fw={400}>
                      {l.collectivite.nom}
                    </Table.Th>
                    <Table.Td>{l.contrat.numero}</Table.Td>
                    <Table.Td>{l.baseType ? baseLabels[l.baseType] : 'non déclarée'}</Table.Td>
                    <Montants l={l} ligne={l} />
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row" colSpan={3}>
                    Total ({plural(total.lignes, 'ligne', 'lignes')})
                  </Table.Th>
                  <Montants l={total} />
                </Table.Tr>
              </Table.Tfoot>
            </ScrollTable>
          )}
          {list.hasNextPage && (
            <Button
              variant="default"
              w="fit-content"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Afficher les lignes suivantes
            </Button>
          )}
          {list.isSuccess && total && rows.length > 0 && (
            <Text size="sm">
              {rows.length} sur {plural(total.lignes, 'ligne affichée', 'lignes affichées')}.
            </Text>
          )}
        </Stack>
      </Section>
    </Page>
  );
}
