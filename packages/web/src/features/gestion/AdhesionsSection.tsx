import { ActionIcon, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { deCollectivite, formatDate, ZAdhesionInput } from '@statutis/domain';
import { IconCalendarEvent, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiForm } from '../../components/ApiForm';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormModal } from '../../components/FormModal';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useDialog } from '../../lib/useDialog';
import { CollectiviteSearchModal } from '../auth/CollectiviteSearchModal';
import { type Adhesion, gestionApi, gestionContratKey, type TContratGestion } from './api';

type Target = { collectiviteId: string; nom: string; dateAdhesion: string | null };

function AdhesionForm({ contrat, target, onDone }: { contrat: TContratGestion; target: Target; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { collectiviteId: target.collectiviteId, dateAdhesion: target.dateAdhesion },
    schema: ZAdhesionInput,
    submit: (body) => gestionApi.setAdhesion(contrat.id, body),
    onSuccess: (saved, values) => {
      queryClient.setQueryData(gestionContratKey(saved.id), saved);
      notifySuccess(`${target.nom} adhère au contrat ${contrat.numero} depuis le ${formatDate(values.dateAdhesion)}.`);
      onDone();
    },
  });
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer l’adhésion" onCancel={onDone}>
      <Text>
        Collectivité : <strong>{target.nom}</strong>
      </Text>
      <FrenchDateInput
        label="Date d’adhésion"
        description="Au format JJ/MM/AAAA."
        required
        data-autofocus
        {...controller.form.getInputProps('dateAdhesion')}
      />
    </ApiForm>
  );
}

type Dialog = { kind: 'search' } | { kind: 'date'; target: Target } | { kind: 'remove'; adhesion: Adhesion };

/** The collectivités that joined the contract, and since when; staff attach and detach them. */
export function AdhesionsSection({ contrat }: { contrat: TContratGestion }) {
  const queryClient = useQueryClient();
  const dialogs = useDialog<Dialog>();
  // Apart from the other dialogs: choosing a collectivité closes the search as it opens the date.
  const [searching, search] = useDisclosure(false);
  const target = dialogs.of('date')?.target;
  const toRemove = dialogs.of('remove')?.adhesion;

  return (
    <Section
      title="Collectivités adhérentes"
      actions={<Button onClick={search.open}>Rattacher une collectivité</Button>}
    >
      {contrat.adhesions.length === 0 ? (
        <Text>Aucune collectivité n’adhère encore à ce contrat.</Text>
      ) : (
        <ScrollTable caption={`Collectivités adhérentes au contrat ${contrat.numero}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Collectivité</Table.Th>
              <Table.Th scope="col">Date d’adhésion</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contrat.adhesions.map((a) => (
              <Table.Tr key={a.collectiviteId}>
                <Table.Th scope="row" fw={500}>
                  {a.nom}
                </Table.Th>
                <Table.Td>{formatDate(a.dateAdhesion)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={`Modifier la date d’adhésion ${deCollectivite(a.nom)}`}>
                      <ActionIcon
                        variant="subtle"
                        size="lg"
                        aria-label={`Modifier la date d’adhésion ${deCollectivite(a.nom)}`}
                        onClick={() => dialogs.show({ kind: 'date', target: a })}
                      >
                        <IconCalendarEvent size={20} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={`Retirer ${a.nom} du contrat`}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={`Retirer ${a.nom} du contrat`}
                        onClick={() => dialogs.show({ kind: 'remove', adhesion: a })}
                      >
                        <IconTrash size={20} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}

      <CollectiviteSearchModal
        opened={searching}
        onClose={search.close}
        onChoose={(c) => {
          const existing = contrat.adhesions.find((a) => a.collectiviteId === c.id);
          dialogs.show({
            kind: 'date',
            target: { collectiviteId: c.id, nom: c.nom, dateAdhesion: existing?.dateAdhesion ?? contrat.dateEffet },
          });
        }}
      />
      <FormModal
        opened={dialogs.isOpen('date')}
        onClose={dialogs.close}
        title={target ? `Adhésion ${deCollectivite(target.nom)} au contrat ${contrat.numero}` : ''}
      >
        {target && (
          <AdhesionForm key={target.collectiviteId} contrat={contrat} target={target} onDone={dialogs.close} />
        )}
      </FormModal>
      <ConfirmModal
        opened={dialogs.isOpen('remove')}
        onClose={dialogs.close}
        title={toRemove ? `Retirer ${toRemove.nom} du contrat ${contrat.numero} ?` : ''}
        confirmLabel="Retirer la collectivité"
        onConfirm={async () => {
          if (!toRemove) return;
          await gestionApi.removeAdhesion(contrat.id, toRemove.collectiviteId);
          await queryClient.invalidateQueries({ queryKey: gestionContratKey(contrat.id) });
          notifySuccess(`${toRemove.nom} n’adhère plus au contrat ${contrat.numero}.`);
        }}
      >
        <Text>
          Le contrat disparaîtra de l’espace {toRemove ? deCollectivite(toRemove.nom) : ''} : ses bases de l’assurance
          déjà déclarées sont conservées.
        </Text>
      </ConfirmModal>
    </Section>
  );
}
