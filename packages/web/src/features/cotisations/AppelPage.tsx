import { SimpleGrid, Table, Text } from '@mantine/core';
import { formatDate, formatEuros, formatTaux, libelleAppel, periodiciteLabels } from '@statutis/domain';
import { useParams } from 'react-router';
import { DownloadButton } from '../../components/Download';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, formatSignedEuros, plural } from '../../lib/format';
import { AppelStatut } from './AppelStatut';
import { COTISATIONS_ENDPOINT, COTISATIONS_PATH, useAppel } from './api';
import { EncaissementsSection } from './EncaissementsSection';

/** One contribution call: its lines (base × rate, the CDG's fee), its échéancier and its avis (PDF). */
export function AppelPage({
  endpoint = COTISATIONS_ENDPOINT,
  crumbs = [{ label: 'Espace contractuel' }, { label: 'Vos cotisations', to: COTISATIONS_PATH }],
}: {
  /** The back office reads the same call through its own routes (`/api/gestion/cotisations/appels`). */
  endpoint?: string;
  crumbs?: { label: string; to?: string }[];
}) {
  const { id } = useParams();
  const query = useAppel(id, endpoint);
  if (query.isPending) return <FullPageLoader />;
  if (query.isError) return <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>;
  const a = query.data;
  const montant = (cents: number) => (a.nature === 'appel' ? formatEuros(cents) : formatSignedEuros(cents));
  const nature = libelleAppel(a);
  return (
    <Page
      title={`${nature} ${a.numero}`}
      crumbs={crumbs}
      intro={`Contrat ${a.contrat.numero} — ${a.contrat.libelle} (${a.contrat.regime}), exercice ${a.annee}.${a.objet === 'frais_gestion' ? ' Frais de gestion appelés séparément par le centre de gestion, payables au centre de gestion.' : ''}`}
      actions={
        <DownloadButton path={`${endpoint}/${a.id}/avis.pdf`} fileName={`avis-${a.numero}.pdf`}>
          Avis d’appel (PDF)
        </DownloadButton>
      }
    >
      <Section title="L’appel" id="appel">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} m={0}>
          {[
            ['Montant', montant(a.total)],
            ['Statut', <AppelStatut key="s" statut={a.statut} />],
            ['Émis le', a.emisLe ? formatDay(a.emisLe) : '—'],
            [
              'Période couverte',
              `du ${formatDate(a.debutCouverture)} au 31/12/${a.annee}${a.mois < 12 ? ` (${plural(a.mois, 'mois', 'mois')})` : ''}`,
            ],
            ['Périodicité', periodiciteLabels[a.periodicite]],
            ['Appel régularisé', a.appelOrigine?.numero ?? '—'],
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
      </Section>
      <Section title="Détail" id="lignes">
        <ScrollTable caption={`Lignes de l’appel ${a.numero}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Libellé</Table.Th>
              <Table.Th scope="col" ta="right">
                Assiette
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Taux
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Mois
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Montant
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.lignes.map((l) => (
              <Table.Tr key={`${l.nature}-${l.code}`}>
                <Table.Td>{l.libelle}</Table.Td>
                <Table.Td ta="right">
                  {l.quantite !== null && l.prixUnitaire !== null
                    ? `${plural(l.quantite, 'agent')} × ${formatEuros(l.prixUnitaire)}`
                    : l.assiette !== null
                      ? formatEuros(l.assiette)
                      : '—'}
                </Table.Td>
                <Table.Td ta="right">{l.taux !== null ? formatTaux(l.taux) : '—'}</Table.Td>
                <Table.Td ta="right">{l.mois}</Table.Td>
                <Table.Td ta="right">{montant(l.montant)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Section>
      <Section title="Échéancier" id="echeances">
        <ScrollTable caption={`Échéances de l’appel ${a.numero}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Échéance</Table.Th>
              <Table.Th scope="col">Période</Table.Th>
              <Table.Th scope="col">À payer le</Table.Th>
              <Table.Th scope="col" ta="right">
                Montant
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.echeances.map((e) => (
              <Table.Tr key={e.rang}>
                <Table.Td>{e.rang}</Table.Td>
                <Table.Td>
                  du {formatDate(e.du)} au {formatDate(e.au)}
                </Table.Td>
                <Table.Td>{formatDate(e.dateEcheance)}</Table.Td>
                <Table.Td ta="right">{montant(e.montant)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Section>
      {/* The back office enters payments here; the employer reads them. */}
      {a.nature === 'appel' || a.sens === 'complement' ? (
        <EncaissementsSection
          endpoint={`${endpoint}/${a.id}/encaissements`}
          canWrite={endpoint !== COTISATIONS_ENDPOINT}
        />
      ) : null}
    </Page>
  );
}
