import { BarChart, LineChart } from '@mantine/charts';
import { Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { AXES_REPARTITION, axeRepartitionLabels, type TAxeRepartition, type TTableauDeBord } from '@statutis/domain';
import { useId, useState } from 'react';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';

type Ligne = TTableauDeBord['repartitions'][TAxeRepartition][number];

const nombre = (v: number | null | undefined, decimales = 0) =>
  v === null || v === undefined ? '—' : v.toLocaleString('fr-FR', { maximumFractionDigits: decimales });
const pourcent = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : `${v.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}\u00a0%`;

/** One breakdown: its table (what a screen reader reads) and the bar chart of its days. */
function Repartition({ axe, lignes, periode }: { axe: TAxeRepartition; lignes: Ligne[]; periode: string }) {
  const titre = axeRepartitionLabels[axe];
  const visibles = lignes.filter((l) => !l.masque && (l.jours ?? 0) > 0);
  return (
    <Section title={titre} id={`repartition-${axe}`}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ScrollTable caption={`${titre} : jours d’arrêt, arrêts et agents absents, ${periode}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{titre.replace(/^Par /, '').replace(/^./, (c) => c.toUpperCase())}</Table.Th>
              <Table.Th scope="col" ta="right">
                Jours d’arrêt
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Part des jours
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Arrêts
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Agents absents
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Taux
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lignes.map((l) => (
              <Table.Tr key={l.cle}>
                <Table.Th scope="row" fw={400}>
                  {l.libelle}
                </Table.Th>
                {l.masque ? (
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed">
                      {l.masque}
                    </Text>
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td ta="right">{nombre(l.jours)}</Table.Td>
                    <Table.Td ta="right">{pourcent(l.partJours)}</Table.Td>
                    <Table.Td ta="right">{nombre(l.arrets)}</Table.Td>
                    <Table.Td ta="right">{nombre(l.agentsAbsents)}</Table.Td>
                    <Table.Td ta="right">{l.tauxTexte ?? '—'}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {visibles.length > 0 ? (
          <div aria-hidden="true">
            <BarChart
              h={240}
              data={visibles.map((l) => ({ libelle: l.libelle, jours: l.jours ?? 0 }))}
              dataKey="libelle"
              orientation="vertical"
              yAxisProps={{ width: 150 }}
              series={[{ name: 'jours', label: 'Jours d’arrêt', color: 'blue.7' }]}
              valueFormatter={(v) => nombre(v)}
              barChartProps={{ accessibilityLayer: false }}
            />
          </div>
        ) : (
          <Text size="sm">Aucun jour d’arrêt à représenter.</Text>
        )}
      </SimpleGrid>
    </Section>
  );
}

/** Every breakdown of domain §8: motif, duration, age, sex, regime, service. */
export function Repartitions({ s }: { s: TTableauDeBord }) {
  return (
    <>
      {AXES_REPARTITION.map((axe) => (
        <Repartition key={axe} axe={axe} lignes={s.repartitions[axe] ?? []} periode={s.periode.libelle} />
      ))}
    </>
  );
}

/** The monthly taux against the same months one year earlier, with its table behind « Voir le tableau ». */
export function Courbe({ s }: { s: TTableauDeBord }) {
  const [tableau, setTableau] = useState(false);
  const id = useId();
  const data = s.serie.map((p) => ({ mois: p.libelle, taux: p.taux, tauxPrecedent: p.tauxPrecedent }));
  return (
    <Section
      title="Taux d’absentéisme mois par mois"
      id="courbe"
      actions={
        <Button
          variant="default"
          aria-expanded={tableau}
          aria-controls={`${id}-tableau`}
          onClick={() => setTableau((t) => !t)}
        >
          {tableau ? 'Masquer le tableau' : 'Voir le tableau'}
        </Button>
      }
    >
      <Stack gap="md">
        <Text size="sm">
          Chaque mois avec son propre effectif, comparé au même mois un an plus tôt (avec l’effectif de cette année-là).
        </Text>
        <div aria-hidden="true">
          <LineChart
            h={260}
            data={data}
            dataKey="mois"
            series={[
              { name: 'taux', label: s.periode.libelle, color: 'blue.7' },
              { name: 'tauxPrecedent', label: 'Un an plus tôt', color: 'gray.6' },
            ]}
            withLegend
            connectNulls
            unit=" %"
            valueFormatter={(v) => nombre(v, 2)}
            lineChartProps={{ accessibilityLayer: false }}
          />
        </div>
        <div id={`${id}-tableau`} className={tableau ? undefined : 'visually-hidden'}>
          <Table verticalSpacing="xs">
            <caption className="visually-hidden">{`Taux d’absentéisme mensuel, ${s.periode.libelle}, et un an plus tôt`}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Mois</Table.Th>
                <Table.Th scope="col" ta="right">
                  Taux
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Arrêts
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Un an plus tôt
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.serie.map((p) => (
                <Table.Tr key={p.mois}>
                  <Table.Th scope="row" fw={400}>
                    {p.libelle}
                  </Table.Th>
                  {p.masque && p.taux === null ? (
                    <Table.Td colSpan={3}>{p.masque}</Table.Td>
                  ) : (
                    <>
                      <Table.Td ta="right">{p.taux === null ? '—' : `${nombre(p.taux, 2)}\u00a0%`}</Table.Td>
                      <Table.Td ta="right">{nombre(p.arrets)}</Table.Td>
                      <Table.Td ta="right">
                        {p.tauxPrecedent === null ? '—' : `${nombre(p.tauxPrecedent, 2)}\u00a0%`}
                      </Table.Td>
                    </>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Section>
  );
}
