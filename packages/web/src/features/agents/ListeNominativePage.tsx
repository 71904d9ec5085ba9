import { Button, List, Stack, Table, Text } from '@mantine/core';
import {
  formatDateTime,
  importTermine,
  LISTE_COLUMNS,
  LISTE_MAX_BYTES,
  type TListeImportResume,
} from '@statutis/domain';
import { IconEye } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type DataColumn, DataList } from '../../components/DataList';
import { DownloadButton } from '../../components/Download';
import { FileUploadForm } from '../../components/FileUploadForm';
import { FormModal } from '../../components/FormModal';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatFileSize, plural } from '../../lib/format';
import { useDialog } from '../../lib/useDialog';
import { useCan } from '../auth/session';
import { AGENTS_ENDPOINT, agentsApi, IMPORTS_ENDPOINT, MODELE_ENDPOINT, useImport } from './api';
import { ImportOutcome, ImportStatutBadge, importCounts } from './ImportOutcome';

function ColumnsTable() {
  const caption = 'Colonnes de la liste nominative';
  return (
    <ScrollTable caption={caption} striped verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Colonne</Table.Th>
          <Table.Th scope="col">Obligatoire</Table.Th>
          <Table.Th scope="col">Contenu attendu</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {LISTE_COLUMNS.map((c) => (
          <Table.Tr key={c.key}>
            <Table.Th scope="row" fw={500}>
              {c.header}
            </Table.Th>
            <Table.Td>{c.required ? 'Oui' : 'Non'}</Table.Td>
            <Table.Td>{c.hint || 'Texte libre'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** The import just sent: its progress every second, then its outcome; lists are refreshed once it is over. */
function CurrentImport({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const current = useImport(id);
  const over = current.data ? importTermine(current.data.statut) : false;
  useEffect(() => {
    if (!over) return;
    void queryClient.invalidateQueries({ queryKey: [IMPORTS_ENDPOINT] });
    void queryClient.invalidateQueries({ queryKey: [AGENTS_ENDPOINT] });
  }, [over, queryClient]);
  if (current.isError) return <ProblemAlert>{errorMessage(current.error)}</ProblemAlert>;
  return current.data ? <ImportOutcome value={current.data} /> : null;
}

/** An import of the history, opened from its row: the full result, errors included. */
function ImportDetail({ id }: { id: string }) {
  const detail = useImport(id);
  if (detail.isPending) return <FullPageLoader />;
  if (detail.isError) return <ProblemAlert>{errorMessage(detail.error)}</ProblemAlert>;
  return <ImportOutcome value={detail.data} />;
}

const historyColumns: DataColumn<TListeImportResume>[] = [
  { key: 'createdAt', header: 'Déposé le', rowHeader: true, render: (i) => formatDateTime(i.createdAt) },
  { key: 'userLabel', header: 'Par', render: (i) => i.userLabel },
  {
    key: 'nomFichier',
    header: 'Fichier',
    render: (i) => (
      <span style={{ overflowWrap: 'anywhere' }}>
        {i.nomFichier} ({formatFileSize(i.taille)})
      </span>
    ),
  },
  { key: 'lignes', header: 'Lignes', render: (i) => i.lignes.toLocaleString('fr-FR') },
  {
    key: 'resultat',
    header: 'Résultat',
    render: (i) =>
      i.statut === 'termine'
        ? importCounts(i)
        : i.statut === 'refuse'
          ? `${plural(i.nombreErreurs, 'erreur')} : aucun agent enregistré`
          : '—',
  },
  { key: 'statut', header: 'Statut', render: (i) => <ImportStatutBadge statut={i.statut} /> },
];

const importLabel = (i: TListeImportResume) => `l’import de ${i.nomFichier} du ${formatDateTime(i.createdAt)}`;

/** Espace contractuel › Liste nominative des agents: the roster file, its import, and the imports so far. */
export function ListeNominativePage() {
  const canWrite = useCan('publicateur');
  const queryClient = useQueryClient();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const dialogs = useDialog<{ kind: 'detail'; item: TListeImportResume }>();
  const detail = dialogs.of('detail')?.item;

  return (
    <Page
      title="Liste nominative des agents"
      crumbs={[{ label: 'Espace contractuel' }]}
      intro="Déclarez tous vos agents en une fois à partir d’un tableau : chaque ligne crée l’agent, ou le met à jour s’il est déjà connu (même NIR)."
    >
      <Section title="Préparer le fichier">
        <Text>
          Partez du modèle : une ligne d’en-têtes, puis une ligne par agent. Les colonnes peuvent être dans un autre
          ordre ; les colonnes inconnues sont ignorées.
        </Text>
        <ColumnsTable />
        <List spacing="xs">
          <List.Item>
            13 chiffres pour le NIR, clé facultative : si vous l’ajoutez, saisissez les 15 chiffres.
          </List.Item>
          <List.Item>
            Ne renseignez pas la date de sortie de la collectivité : la liste décrit les agents présents.
          </List.Item>
          <List.Item>
            Enregistrez le tableau au format « CSV (séparateur : point-virgule) » ; les fichiers UTF-8 et Windows-1252
            (ceux d’Excel) sont acceptés, {formatFileSize(LISTE_MAX_BYTES)} au plus.
          </List.Item>
          <List.Item>
            Tout le fichier est vérifié avant d’enregistrer : s’il contient une erreur, aucun agent n’est enregistré et
            chaque erreur vous est indiquée avec sa ligne et sa colonne.
          </List.Item>
        </List>
        <DownloadButton path={MODELE_ENDPOINT} fileName="modele-liste-nominative.csv" w="fit-content">
          Télécharger le modèle
        </DownloadButton>
      </Section>

      {canWrite && (
        <Section title="Importer le fichier">
          <FileUploadForm
            label="Fichier de la liste nominative (CSV)"
            description={`Fichier CSV, ${formatFileSize(LISTE_MAX_BYTES)} au plus.`}
            accept=".csv,text/csv"
            maxBytes={LISTE_MAX_BYTES}
            submitLabel="Importer le fichier"
            onUpload={async (file, onProgress) => {
              setCurrentId(null);
              const started = await agentsApi.importListe(file, onProgress);
              queryClient.setQueryData([IMPORTS_ENDPOINT, started.id], started);
              void queryClient.invalidateQueries({ queryKey: [IMPORTS_ENDPOINT] });
              setCurrentId(started.id);
            }}
          />
          {currentId && <CurrentImport id={currentId} />}
        </Section>
      )}

      <Section title="Historique des imports">
        <DataList<TListeImportResume>
          endpoint={IMPORTS_ENDPOINT}
          caption="Historique des imports"
          columns={historyColumns}
          rowKey={(i) => i.id}
          countLabel={(n) => plural(n, 'import')}
          withSearch={false}
          emptyMessage="Aucune liste nominative n’a encore été importée."
          actions={[
            {
              key: 'consulter',
              label: (i) => `Consulter ${importLabel(i)}`,
              icon: IconEye,
              onClick: (item) => dialogs.show({ kind: 'detail', item }),
            },
          ]}
        />
      </Section>

      <FormModal
        opened={dialogs.isOpen('detail')}
        onClose={dialogs.close}
        title={detail ? `Résultat de ${importLabel(detail)}` : ''}
        size="xl"
      >
        {detail && (
          <Stack gap="md">
            <ImportDetail id={detail.id} />
            <Button variant="default" onClick={dialogs.close} w="fit-content" ml="auto">
              Fermer
            </Button>
          </Stack>
        )}
      </FormModal>
    </Page>
  );
}
