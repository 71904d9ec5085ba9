import { Button, Text } from '@mantine/core';
import { formatDate, type TActualite } from '@statutis/domain';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/ConfirmModal';
import { type DataColumn, DataList, type RowAction } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useDialog } from '../../lib/useDialog';
import { ActualiteForm } from './ActualiteForm';
import { ACTUALITES_ENDPOINT, actualitesApi } from './api';

const columns: DataColumn<TActualite>[] = [
  { key: 'titre', header: 'Titre', rowHeader: true, render: (a) => a.titre },
  { key: 'publieeLe', header: 'Date de publication', sortKey: 'publieeLe', render: (a) => formatDate(a.publieeLe) },
];

type Dialog = { kind: 'create' } | { kind: 'edit'; actualite: TActualite } | { kind: 'delete'; actualite: TActualite };

/** For the platform administrator: the news shown on every collectivité's home page. */
export function ActualitesAdminPage() {
  const queryClient = useQueryClient();
  const dialogs = useDialog<Dialog>();
  const toEdit = dialogs.of('edit')?.actualite;
  const toDelete = dialogs.of('delete')?.actualite;

  const actions: RowAction<TActualite>[] = [
    {
      key: 'modifier',
      label: (a) => `Modifier l’actualité « ${a.titre} »`,
      icon: IconPencil,
      onClick: (actualite) => dialogs.show({ kind: 'edit', actualite }),
    },
    {
      key: 'supprimer',
      label: (a) => `Supprimer l’actualité « ${a.titre} »`,
      icon: IconTrash,
      color: 'red',
      onClick: (actualite) => dialogs.show({ kind: 'delete', actualite }),
    },
  ];

  return (
    <Page
      title="Gérer les actualités"
      crumbs={[]}
      intro="Les actualités apparaissent sur la page d’accueil de toutes les collectivités, la plus récente en premier."
    >
      <DataList<TActualite>
        endpoint={ACTUALITES_ENDPOINT}
        caption="Liste des actualités"
        columns={columns}
        rowKey={(a) => a.id}
        countLabel={(n) => plural(n, 'actualité')}
        actions={actions}
        defaultSort="-publieeLe"
        withSearch={false}
        createAction={<Button onClick={() => dialogs.show({ kind: 'create' })}>+ Ajouter</Button>}
      />
      <FormModal opened={dialogs.isOpen('create')} onClose={dialogs.close} title="Ajouter une actualité">
        <ActualiteForm onDone={dialogs.close} />
      </FormModal>
      <FormModal opened={dialogs.isOpen('edit')} onClose={dialogs.close} title="Modifier l’actualité">
        {toEdit && <ActualiteForm key={toEdit.id} actualite={toEdit} onDone={dialogs.close} />}
      </FormModal>
      <ConfirmModal
        opened={dialogs.isOpen('delete')}
        onClose={dialogs.close}
        title="Supprimer cette actualité ?"
        confirmLabel="Supprimer l’actualité"
        onConfirm={async () => {
          if (!toDelete) return;
          await actualitesApi.remove(toDelete.id);
          await queryClient.invalidateQueries({ queryKey: [ACTUALITES_ENDPOINT] });
          notifySuccess(`L’actualité « ${toDelete.titre} » est supprimée.`);
        }}
      >
        <Text>« {toDelete?.titre} » disparaîtra de la page d’accueil de toutes les collectivités.</Text>
      </ConfirmModal>
    </Page>
  );
}
