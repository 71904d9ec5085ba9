import { Anchor, SimpleGrid, Table, Text } from '@mantine/core';
import {
  beneficiaireLabels,
  decompteNatureLabels,
  formatEuros,
  risqueLabels,
  type TDecompteOut,
} from '@statutis/domain';
import { Link, useParams } from 'react-router';
import { DownloadButton } from '../../components/Download';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, formatSignedEuros } from '../../lib/format';
import {
  GESTION_REGLEMENTS_ENDPOINT,
  GESTION_REGLEMENTS_PATH,
  REGLEMENTS_ENDPOINT,
  REGLEMENTS_PATH,
  useReglement,
} from './api';
import { periode, StatutReglement } from './ReglementsTable';

export function DecomptesTable({ caption, decomptes }: { caption: string; decomptes: TDecompteOut[] }) {
  return (
    <ScrollTable caption={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Décompte</Table.Th>
          <Table.Th scope="col">Sinistre</Table.Th>
          <Table.Th scope="col">Agent</Table.Th>
          <Table.Th scope="col">Période</Table.Th>
          <Table.Th scope="col">Nature</Table.Th>
          <Table.Th scope="col" ta="right">
            Montant
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Déjà réglé
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Réglé
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {decomptes.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              {d.numero}
              {d.version > 1 && <Text size="xs">version {d.version}</Text>}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/declarations/sinistres/${d.sinistre.id}`}>
                {d.sinistre.numero}
              </Anchor>
              <Text size="xs">{risqueLabels[d.sinistre.categorie]}</Text>
            </Table.Td>
            <Table.Td>
              {d.agent.prenom} {d.agent.nom.toUpperCase()}
            </Table.Td>
            <Table.Td>{periode(d.periode)}</Table.Td>
            <Table.Td>
              {decompteNatureLabels[d.nature]}
              {d.praticien && <Text size="xs">versé à {d.praticien}</Text>}
            </Table.Td>
            <Table.Td ta="right">{formatEuros(d.montant)}</Table.Td>
            <Table.Td ta="right">{d.dejaRegle ? formatEuros(d.dejaRegle) : '—'}</Table.Td>
            <Table.Td ta="right">{d.dejaRegle ? formatSignedEuros(d.aRegler) : formatEuros(d.aRegler)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** One règlement: where it was paid, when, and the décomptes it pays. */
export function ReglementPage({ gestion = false }: { gestion?: boolean }) {
  const { id } = useParams();
  const query = useReglement(id, gestion ? GESTION_REGLEMENTS_ENDPOINT : REGLEMENTS_ENDPOINT);
  if (query.isPending) return <FullPageLoader />;
  if (query.isError) return <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>;
  const r = query.data;
  return (
    <Page
      title={`Règlement ${r.numero}`}
      crumbs={
        gestion
          ? [{ label: 'Gestion' }, { label: 'Règlements', to: GESTION_REGLEMENTS_PATH }]
          : [{ label: 'Vos règlements', to: REGLEMENTS_PATH }]
      }
      intro={gestion ? r.collectivite.nom : undefined}
      actions={
        !gestion && (
          <DownloadButton path={`${REGLEMENTS_ENDPOINT}/${r.id}/avis.pdf`} fileName={`avis-reglement-${r.numero}.pdf`}>
            Avis de règlement (PDF)
          </DownloadButton>
        )
      }
    >
      <Section title="Le règlement" id="reglement">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} m={0}>
          {[
            ['Montant', formatEuros(r.montant)],
            ['Période', periode(r.periode)],
            ['Statut', <StatutReglement key="s" statut={r.statut} />],
            ['Bénéficiaire', `${beneficiaireLabels[r.beneficiaire]} — ${r.compte.titulaire ?? ''}`],
            ['Compte crédité', r.compte.ibanAffiche ?? '—'],
            ['Payé le', r.payeLe ? formatDay(r.payeLe) : '—'],
          ].map(([label, value]) => (
            <div key={String(label)}>
              <Text component="dt" fw={700} size="sm">
                {label}
              </Text>
              <Text component="dd" m={0}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {r.motifRejet && <ProblemAlert title="Virement rejeté">{r.motifRejet}</ProblemAlert>}
      </Section>
      <Section title="Décomptes réglés" id="decomptes">
        {r.decomptes.length === 0 ? (
          <Text>Ce règlement a été remplacé : ses décomptes sont réglés par le règlement qui le ré-émet.</Text>
        ) : (
          <DecomptesTable caption={`Décomptes du règlement ${r.numero}`} decomptes={r.decomptes} />
        )}
      </Section>
    </Page>
  );
}
