import { ActionIcon, Table, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DownloadLink } from '../../components/Download';
import { FileUploadForm } from '../../components/FileUploadForm';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { formatDay, formatFileSize } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useDialog } from '../../lib/useDialog';
import { CONTRATS_ENDPOINT } from '../contrats/api';
import { gestionApi, gestionContratKey, gestionDocumentPath, type TContratGestion } from './api';

/** The PDF pieces of a contract (conditions générales, particulières…) that collectivités download. */
const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

type Document = TContratGestion['documents'][number];

export function DocumentsSection({ contrat }: { contrat: TContratGestion }) {
  const queryClient = useQueryClient();
  const dialogs = useDialog<{ kind: 'delete'; document: Document }>();
  const toDelete = dialogs.of('delete')?.document;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: gestionContratKey(contrat.id) });
    void queryClient.invalidateQueries({ queryKey: [CONTRATS_ENDPOINT] });
  };

  return (
    <Section title="Documents du contrat">
      {contrat.documents.length === 0 ? (
        <Text>Aucun document n’est joint à ce contrat.</Text>
      ) : (
        <ScrollTable caption={`Documents du contrat ${contrat.numero}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Document</Table.Th>
              <Table.Th scope="col">Taille</Table.Th>
              <Table.Th scope="col">Déposé le</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contrat.documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Th scope="row" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  <DownloadLink path={gestionDocumentPath(contrat.id, d.id)} fileName={d.nom}>
                    {d.nom}
                  </DownloadLink>
                </Table.Th>
                <Table.Td>{formatFileSize(d.taille)}</Table.Td>
                <Table.Td>{formatDay(d.deposeLe)}</Table.Td>
                <Table.Td>
                  <Tooltip label={`Retirer le document ${d.nom}`}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`Retirer le document ${d.nom}`}
                      onClick={() => dialogs.show({ kind: 'delete', document: d })}
                    >
                      <IconTrash size={20} aria-hidden="true" />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <FileUploadForm
        label="Document à joindre (PDF)"
        description={`Un PDF de ${formatFileSize(DOCUMENT_MAX_BYTES)} au plus ; son contenu est vérifié.`}
        accept="application/pdf,.pdf"
        maxBytes={DOCUMENT_MAX_BYTES}
        submitLabel="Joindre le document"
        onUpload={async (file, onProgress) => {
          const document = await gestionApi.uploadDocument(contrat.id, file, onProgress);
          await refresh();
          notifySuccess(`Le document « ${document.nom} » est joint au contrat ${contrat.numero}.`);
        }}
      />
      <ConfirmModal
        opened={dialogs.isOpen('delete')}
        onClose={dialogs.close}
        title={toDelete ? `Retirer le document « ${toDelete.nom} » ?` : ''}
        confirmLabel="Retirer le document"
        onConfirm={async () => {
          if (!toDelete) return;
          await gestionApi.removeDocument(contrat.id, toDelete.id);
          await refresh();
          notifySuccess(`Le document « ${toDelete.nom} » est retiré du contrat ${contrat.numero}.`);
        }}
      >
        <Text>Les collectivités adhérentes ne pourront plus le télécharger.</Text>
      </ConfirmModal>
    </Section>
  );
}
