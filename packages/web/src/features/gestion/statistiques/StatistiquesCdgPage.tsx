import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  formatDateTime,
  formatRapport,
  type TLigneCdg,
  type TStatistiquesCdg,
  type TStatistiquesCdgTri,
} from '@statutis/domain';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SortHeader } from '../../../components/DataList/DataTable';
import { DownloadButton } from '../../../components/Download';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { Section } from '../../../components/Section';
import { api, errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { useSwitchCollectivite } from '../../auth/useSwitchCollectivite';

export const STATISTIQUES_CDG_ENDPOINT = '/api/gestion/statistiques';

type Filtres = {
  depuis?: number;
  annee?: number;
  tri: TStatistiquesCdgTri;
  ordre: 'asc' | 'desc';
  /** Maternité, paternité, adoption counted (excluded by default, as on the collectivité's page). */
  maternite: boolean;
};

const nombre = (v: number | null | undefined, decimales = 0) =>
  v === null || v === undefined ? '—' : v.toLocaleString('fr-FR', { maximumFractionDigits: decimales });

/** « Chiffres au 07/12/2026 à 03:15 » */
export function fraicheur(calculeLe: string | null): string {
  if (!calculeLe) return 'Chiffres pas encore calculés : ils le seront dans les minutes qui viennent.';
  const [date, heure] = formatDateTime(calculeLe).split(' ');
  return `Chiffres au ${date} à ${heure}`;
}

/** The CDG's indicators, each with its calculation, its national reference or why it is hidden. */
function Tuiles({ s }: { s: TStatistiquesCdg }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {s.indicateurs.map((i) => (
        <Paper key={i.code} withBorder p="md" component="article" aria-labelledby={`tuile-${i.code}`}>
          <Stack gap={4}>
            <Title order={3} size="h5" id={`tuile-${i.code}`}>
              {i.libelle}
            </Title>
            <Text fz="xl" fw={700}>
              {i.valeurTexte ?? '—'}
            </Text>
            {i.masque && <Text size="sm">{i.masque}</Text>}
            {!i.masque && i.motif && <Text size="sm">{i.motif}</Text>}
            {i.calcul && (
              <Text size="sm">
                <Text span fw={600} size="sm">
                  Comment est-ce calculé ?{' '}
                </Text>
                {i.calcul}
              </Text>
            )}
            {i.reference && (
              <Text size="xs" c="dimmed">
                {i.reference}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** The pooled taux of each size stratum: a table (what a screen reader reads) and its bar chart. */
function Strates({ s }: { s: TStatistiquesCdg }) {
  const visibles = s.strates.filter((x) => x.taux !== null);
  return (
    <Section title="Taux d’absentéisme par strate" id="strates">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ScrollTable caption={`Taux d’absentéisme de chaque strate de taille, ${s.periode.libelle}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Strate</Table.Th>
              <Table.Th scope="col" ta="right">
                Collectivités
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Taux de la strate
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.strates.map((x) => (
              <Table.Tr key={x.cle}>
                <Table.Th scope="row" fw={400}>
                  {x.libelle}
                </Table.Th>
                <Table.Td ta="right">{nombre(x.collectivites)}</Table.Td>
                <Table.Td ta="right">
                  {x.tauxTexte ?? (
                    <Text span size="sm">
                      {x.collectivites === 0 ? 'Aucune collectivité' : x.masque}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {visibles.length > 0 ? (
          <div aria-hidden="true">
            <BarChart
              h={240}
              data={visibles.map((x) => ({
                strate: x.cle.replace('-', '–'),
                taux: Math.round((x.taux ?? 0) * 100) / 100,
              }))}
              dataKey="strate"
              series={[{ name: 'taux', label: 'Taux d’absentéisme (%)', color: 'blue.7' }]}
              valueFormatter={(v) => `${nombre(v, 2)} %`}
              barChartProps={{ accessibilityLayer: false }}
            />
          </div>
        ) : (
          <Text size="sm">Aucune strate assez nombreuse pour être représentée.</Text>
        )}
      </SimpleGrid>
    </Section>
  );
}

const cellule = (v: TLigneCdg['taux']) =>
  v.masque ? (
    <Text span size="xs" title={v.masque}>
      Masqué
    </Text>
  ) : (
    (v.texte ?? '—')
  );

/**
 * Gestion › Statistiques: the absenteeism of the CDG's collectivités over one to five years, from
 * aggregates the jobs keep current (their time shown), each collectivité ranked within its size stratum;
 * a collectivité's own dashboard one click away. Loaded lazily: the charts are not in the first page.
 */
export default function StatistiquesCdgPage() {
  const [filtres, setFiltres] = useState<Filtres>({ tri: 'taux', ordre: 'desc', maternite: false });
  const navigate = useNavigate();
  const switchTo = useSwitchCollectivite();
  const query = {
    annee: filtres.annee,
    depuis: filtres.depuis,
    tri: filtres.tri,
    ordre: filtres.ordre,
    maternite: filtres.maternite ? 'incluse' : 'exclue',
  };
  const list = useInfiniteQuery({
    queryKey: [STATISTIQUES_CDG_ENDPOINT, filtres],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TStatistiquesCdg>(STATISTIQUES_CDG_ENDPOINT, {
        query: { ...query, apres: pageParam ?? undefined },
        signal,
      }),
    getNextPageParam: (last) => last.suivant,
  });
  const s = list.data?.pages[0];
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const annees = s?.annees ?? [];
  const fin = filtres.annee ?? annees.at(-1);
  const debut = filtres.depuis ?? fin;
  const sort = filtres.ordre === 'desc' ? `-${filtres.tri}` : filtres.tri;
  const onSort = (x: string) =>
    setFiltres((f) => ({
      ...f,
      tri: x.replace(/^-/, '') as TStatistiquesCdgTri,
      ordre: x.startsWith('-') ? 'desc' : 'asc',
    }));
  const header = (label: string, tri: TStatistiquesCdgTri) => (
    <SortHeader label={label} sortKey={tri} sort={sort} onSort={onSort} />
  );
  const ouvrir = (l: TLigneCdg) =>
    switchTo.mutate(l.collectivite.id, { onSuccess: () => void navigate('/statistiques') });

  return (
    <Page
      title="Statistiques d’absentéisme"
      crumbs={[{ label: 'Gestion' }]}
      intro="L’absentéisme de vos collectivités comparé dans leur strate de taille, avec les références nationales. Les chiffres calculés sur moins de 5 agents ou 5 arrêts sont masqués (secret statistique)."
    >
      <Group align="flex-end" gap="md" role="search" aria-label="Choisir les années et les motifs comptés">
        <Select
          label="Première année"
          data={annees.map(String)}
          value={debut ? String(debut) : null}
          allowDeselect={false}
          onChange={(v) =>
            v &&
            setFiltres((f) => ({
              ...f,
              depuis: Number(v),
              annee: Math.max(Number(v), f.annee ?? annees.at(-1) ?? Number(v)),
            }))
          }
          w={160}
        />
        <Select
          label="Dernière année"
          data={annees.map(String)}
          value={fin ? String(fin) : null}
          allowDeselect={false}
          onChange={(v) =>
            v && setFiltres((f) => ({ ...f, annee: Number(v), depuis: Math.min(Number(v), f.depuis ?? Number(v)) }))
          }
          w={160}
        />
        <Checkbox
          label="Inclure maternité, paternité et adoption"
          checked={filtres.maternite}
          onChange={(e) => {
            const maternite = e.currentTarget.checked;
            setFiltres((f) => ({ ...f, maternite }));
          }}
          mb={8}
        />
      </Group>
      {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
      {s && (
        <Stack gap="lg">
          <Text fw={600} role="status">
            {fraicheur(s.calculeLe)} — {s.periode.libelle}, {plural(s.collectivites, 'collectivité', 'collectivités')}
            {s.maternite === 'incluse' ? ', maternité, paternité et adoption comprises' : ''}.
          </Text>
          <Tuiles s={s} />
          <Strates s={s} />
          {s.groupes.length > 0 && (
            <Section title="Par motif" id="motifs">
              <ScrollTable caption={`Jours d’arrêt et arrêts par motif, ${s.periode.libelle}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Motif</Table.Th>
                    <Table.Th scope="col" ta="right">
                      Jours d’arrêt
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      Arrêts
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.groupes.map((g) => (
                    <Table.Tr key={g.groupe}>
                      <Table.Th scope="row" fw={400}>
                        {g.libelle}
                      </Table.Th>
                      <Table.Td ta="right">{nombre(g.jours)}</Table.Td>
                      <Table.Td ta="right">{nombre(g.arrets)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            </Section>
          )}
          <Section
            title="Collectivités"
            id="collectivites"
            actions={
              <DownloadButton
                path={`${STATISTIQUES_CDG_ENDPOINT}/export`}
                query={{ ...query, format: 'xlsx' }}
                fileName={`statistiques-collectivites-${debut ?? ''}-${fin ?? ''}.xlsx`}
              >
                Exporter (XLSX)
              </DownloadButton>
            }
          >
            {rows.length === 0 ? (
              <Text>Aucune collectivité calculée pour ces années.</Text>
            ) : (
              <ScrollTable caption={`Collectivités du centre de gestion et leurs indicateurs, ${s.periode.libelle}`}>
                <Table.Thead>
                  <Table.Tr>
                    {header('Collectivité', 'collectivite')}
                    {header('Agents CNRACL', 'agents')}
                    <Table.Th scope="col">Rang dans la strate</Table.Th>
                    {header('Taux', 'taux')}
                    {header('Fréquence', 'frequence')}
                    {header('Gravité', 'gravite')}
                    <Table.Th scope="col" ta="right">
                      Exposition
                    </Table.Th>
                    {header('S/P', 'rapport')}
                    <Table.Th scope="col" ta="right">
                      Arrêts de plus de 90 jours
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      CITIS ouverts
                    </Table.Th>
                    <Table.Th scope="col">Détail</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((l) => (
                    <Table.Tr key={l.collectivite.id}>
                      <Table.Th scope="row" fw={400}>
                        {l.collectivite.nom}
                      </Table.Th>
                      <Table.Td ta="right">{nombre(l.agentsCnracl)}</Table.Td>
                      <Table.Td>
                        {l.rang === null ? '—' : `${l.rang === 1 ? '1re' : `${l.rang}e`} sur ${l.sur}`}
                        <Text size="xs" c="dimmed">
                          {l.strate}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{cellule(l.taux)}</Table.Td>
                      <Table.Td ta="right">{cellule(l.frequence)}</Table.Td>
                      <Table.Td ta="right">{cellule(l.gravite)}</Table.Td>
                      <Table.Td ta="right">{cellule(l.exposition)}</Table.Td>
                      <Table.Td ta="right">{formatRapport(l.rapport)}</Table.Td>
                      <Table.Td ta="right">{nombre(l.arretsLongs)}</Table.Td>
                      <Table.Td ta="right">{nombre(l.citisOuverts)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          loading={switchTo.isPending && switchTo.variables === l.collectivite.id}
                          onClick={() => ouvrir(l)}
                          aria-label={`Tableau de bord de ${l.collectivite.nom}`}
                        >
                          Tableau de bord
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            )}
            {rows.some((l) => l.taux.masque) && (
              <Text size="sm">
                « Masqué » : donnée calculée sur moins de 5 agents ou 5 arrêts, que seule la collectivité concernée voit
                (secret statistique) ; ces collectivités ne sont pas classées.
              </Text>
            )}
            {list.hasNextPage && (
              <Button
                variant="default"
                w="fit-content"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Afficher les collectivités suivantes
              </Button>
            )}
          </Section>
        </Stack>
      )}
    </Page>
  );
}
