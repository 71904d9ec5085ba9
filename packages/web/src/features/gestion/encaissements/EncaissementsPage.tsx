import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import {
  formatDate,
  formatDateTime,
  formatEuros,
  releveImportStatutLabels,
  statutRapprochementLabels,
  type TReleveImport,
  type TReleveImportDetail,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { FileUploadForm } from '../../../components/FileUploadForm';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { NextPageButton } from '../../../components/NextPageButton';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/api';
import { formatFileSize, plural } from '../../../lib/format';
import { RELEVES_ENDPOINT, relevesApi, useReleve, useReleves } from './api';

/** 5 Mo: the server's limit (lib/releves). */
const RELEVE_MAX_BYTES = 5 * 1024 * 1024;

const couleurs: Record<keyof typeof statutRapprochementLabels, string> = {
  rapproche: 'green',
  partiel: 'orange',
  trop_percu: 'orange',
  inconnu: 'red',
  doublon: 'gray',
};

function resume(i: TReleveImport): string {
  const c = i.compteurs;
  return [
    plural(c.rapproche, 'rapprochée', 'rapprochées'),
    plural(c.partiel, 'partielle', 'partielles'),
    plural(c.trop_percu, 'trop-perçu', 'trop-perçus'),
    plural(c.inconnu, 'inconnue', 'inconnues'),
    plural(c.doublon, 'déjà importée', 'déjà importées'),
  ].join(' · ');
}

/** The review of one import: each credit line and what the matcher made of it, then « Enregistrer ». */
function Revue({ value }: { value: TReleveImportDetail }) {
  const queryClient = useQueryClient();
  const [confirmer, setConfirmer] = useState(false);
  const aValider = value.statut === 'a_valider';
  return (
    <Stack gap="sm">
      <Text>
        <strong>{value.nomFichier}</strong> ({value.format === 'csv' ? 'CSV' : 'CAMT.053'}), déposé le{' '}
        {formatDateTime(value.creeLe)} — {releveImportStatutLabels[value.statut]}
        {value.appliqueLe ? ` le ${formatDateTime(value.appliqueLe)}` : ''}.
      </Text>
      <Text>
        {resume(value)}
        {value.compteurs.debits > 0 ? ` ; ${plural(value.compteurs.debits, 'débit ignoré', 'débits ignorés')}` : ''}.
      </Text>
      <Text fw={700}>
        {aValider ? 'À enregistrer sur les appels : ' : 'Enregistré sur les appels : '}
        {formatEuros(value.montantAffecte)}
      </Text>
      {aValider && (
        <Group>
          <Button
            onClick={() => setConfirmer(true)}
            disabled={value.compteurs.rapproche + value.compteurs.partiel === 0}
          >
            Enregistrer les paiements rapprochés
          </Button>
        </Group>
      )}
      <ScrollTable caption={`Lignes du relevé ${value.nomFichier}`} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ligne</Table.Th>
            <Table.Th scope="col">Date</Table.Th>
            <Table.Th scope="col">Libellé</Table.Th>
            <Table.Th scope="col" ta="right">
              Montant
            </Table.Th>
            <Table.Th scope="col">Résultat</Table.Th>
            <Table.Th scope="col">Appels</Table.Th>
            <Table.Th scope="col" ta="right">
              Affecté
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Reste dû
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {value.lignes.map((l) => (
            <Table.Tr key={l.ligne}>
              <Table.Th scope="row" fw={500}>
                {l.ligne}
              </Table.Th>
              <Table.Td>{formatDate(l.date)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {l.libelle}
                {l.emetteur ? ` (${l.emetteur})` : ''}
              </Table.Td>
              <Table.Td ta="right">{formatEuros(l.montant)}</Table.Td>
              <Table.Td>
                <Badge color={couleurs[l.statut]} variant="light">
                  {statutRapprochementLabels[l.statut]}
                </Badge>
                {l.statut === 'trop_percu' && (
                  <Text size="xs">{formatEuros(l.excedent)} de trop : à traiter, non enregistré.</Text>
                )}
              </Table.Td>
              <Table.Td>{l.appels.join(', ') || '—'}</Table.Td>
              <Table.Td ta="right">{l.affecte ? formatEuros(l.affecte) : '—'}</Table.Td>
              <Table.Td ta="right">{l.appels.length ? formatEuros(l.resteDu) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <ConfirmModal
        opened={confirmer}
        onClose={() => setConfirmer(false)}
        title="Enregistrer les paiements"
        confirmLabel="Enregistrer"
        onConfirm={async () => {
          const applied = await relevesApi.appliquer(value.id);
          queryClient.setQueryData([RELEVES_ENDPOINT, value.id], applied);
          void queryClient.invalidateQueries({ queryKey: [RELEVES_ENDPOINT] });
          void queryClient.invalidateQueries({ queryKey: ['/api/gestion/cotisations/appels'] });
        }}
      >
        Les lignes rapprochées et partielles sont enregistrées sur leurs appels, toutes ensemble ou aucune. Les lignes
        inconnues et les trop-perçus restent à traiter à la main.
      </ConfirmModal>
    </Stack>
  );
}

function ReleveCourant({ id }: { id: string }) {
  const query = useReleve(id);
  if (query.isPending) return <FullPageLoader />;
  if (query.isError) return <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>;
  return <Revue value={query.data} />;
}

/**
 * Encaissements des cotisations: the gestionnaire deposits the bank statement (CSV or CAMT.053), reads
 * how each line was matched with the calls, then records the payments at once; the history of imports.
 */
export function EncaissementsPage() {
  const queryClient = useQueryClient();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const history = useReleves();
  const imports = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page
      title="Encaissements des cotisations"
      crumbs={[{ label: 'Gestion' }]}
      intro="Déposez le relevé du compte (export CSV de la banque ou CAMT.053) : chaque virement est rapproché de l’appel dont il cite le numéro, puis vous enregistrez les paiements en une fois."
    >
      <Section title="Déposer un relevé">
        <FileUploadForm
          label="Relevé bancaire (CSV ou CAMT.053)"
          description={`Export CSV (colonnes Date, Libellé, Montant ou Débit/Crédit) ou XML CAMT.053, ${formatFileSize(RELEVE_MAX_BYTES)} au plus.`}
          accept=".csv,.xml,text/csv,application/xml,text/xml"
          maxBytes={RELEVE_MAX_BYTES}
          submitLabel="Rapprocher le relevé"
          onUpload={async (file, onProgress) => {
            setCurrentId(null);
            const imp = await relevesApi.deposer(file, onProgress);
            queryClient.setQueryData([RELEVES_ENDPOINT, imp.id], imp);
            void queryClient.invalidateQueries({ queryKey: [RELEVES_ENDPOINT], exact: true });
            setCurrentId(imp.id);
          }}
        />
      </Section>
      {currentId && (
        <Section title="Rapprochement">
          <ReleveCourant id={currentId} />
        </Section>
      )}
      <Section title="Historique des relevés">
        {history.isError ? (
          <ProblemAlert>{errorMessage(history.error)}</ProblemAlert>
        ) : imports.length === 0 ? (
          <Text>{history.isPending ? 'Chargement…' : 'Aucun relevé n’a encore été importé.'}</Text>
        ) : (
          <>
            <ScrollTable caption="Historique des relevés importés" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Déposé le</Table.Th>
                  <Table.Th scope="col">Fichier</Table.Th>
                  <Table.Th scope="col">Statut</Table.Th>
                  <Table.Th scope="col">Lignes</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Montant affecté
                  </Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Action</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Th scope="row" fw={500}>
                      {formatDateTime(i.creeLe)}
                    </Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{i.nomFichier}</Table.Td>
                    <Table.Td>{releveImportStatutLabels[i.statut]}</Table.Td>
                    <Table.Td>{resume(i)}</Table.Td>
                    <Table.Td ta="right">{formatEuros(i.montantAffecte)}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setCurrentId(i.id)}>
                        Consulter<VisuallyHidden> le relevé {i.nomFichier}</VisuallyHidden>
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            <NextPageButton list={history}>Relevés plus anciens</NextPageButton>
          </>
        )}
      </Section>
    </Page>
  );
}
