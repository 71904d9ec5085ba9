import { Badge, Button, Text } from '@mantine/core';
import { collectiviteTypeLabels, deCollectivite, type TCollectivite } from '@statutis/domain';
import { IconBuildingOff, IconBuildingPlus, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/ConfirmModal';
import { type DataColumn, DataList, type RowAction } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useDialog } from '../../lib/useDialog';
import { COLLECTIVITES_ENDPOINT, collectivitesApi } from './api';
import { CollectiviteForm } from './CollectiviteForm';

const columns: DataColumn<TCollectivite>[] = [
  { key: 'nom', header: 'Nom', sortKey: 'nom', rowHeader: true, render: (c) => c.nom },
  { key: 'siret', header: 'SIRET', sortKey: 'siret', render: (c) => c.siret },
  { key: 'type', header: 'Type', render: (c) => collectiviteTypeLabels[c.type] },
  { key: 'cdg', header: 'Centre de gestion', render: (c) => c.cdgNom },
  {
    key: 'actif',
    header: 'État',
    render: (c) => (
      <Badge variant="light" color={c.actif ? 'green' : 'gray'} tt="none" size="md" miw="max-content">
        {c.actif ? 'Active' : 'Désactivée'}
      </Badge>
    ),
  },
];

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; collectivite: TCollectivite }
  | { kind: 'activation'; collectivite: TCollectivite };

/** Gestion › Collectivités (administrateur de la plateforme): list, create, correct, set off or on again. */
export function CollectivitesPage() {
  const queryClient = useQueryClient();
  const dialogs = useDialog<Dialog>();
  const toEdit = dialogs.of('edit')?.collectivite;
  const toToggle = dialogs.of('activation')?.collectivite;

  const actions: RowAction<TCollectivite>[] = [
    {
      key: 'modifier',
      label: (c) => `Modifier la fiche ${deCollectivite(c.nom)}`,
      icon: IconPencil,
      onClick: (collectivite) => dialogs.show({ kind: 'edit', collectivite }),
    },
    {
      key: 'desactiver',
      label: (c) => `Désactiver la fiche ${deCollectivite(c.nom)}`,
      icon: IconBuildingOff,
      color: 'red',
      visible: (c) => c.actif,
      onClick: (collectivite) => dialogs.show({ kind: 'activation', collectivite }),
    },
    {
      key: 'reactiver',
      label: (c) => `Réactiver la fiche ${deCollectivite(c.nom)}`,
      icon: IconBuildingPlus,
      visible: (c) => !c.actif,
      onClick: (collectivite) => dialogs.show({ kind: 'activation', collectivite }),
    },
  ];

  return (
    <Page
      title="Collectivités"
      crumbs={[{ label: 'Gestion' }]}
      intro="Les collectivités adhérentes de la plateforme. Une collectivité désactivée garde ses données ; plus personne n’y travaille jusqu’à sa réactivation."
    >
      <DataList<TCollectivite>
        endpoint={COLLECTIVITES_ENDPOINT}
        caption="Liste des collectivités"
        columns={columns}
        rowKey={(c) => c.id}
        countLabel={(n) => plural(n, 'collectivité')}
        actions={actions}
        defaultSort="nom"
        searchDescription="Par nom ou par SIRET."
        createAction={<Button onClick={() => dialogs.show({ kind: 'create' })}>+ Ajouter</Button>}
      />
      <FormModal opened={dialogs.isOpen('create')} onClose={dialogs.close} title="Ajouter une collectivité">
        <CollectiviteForm onDone={dialogs.close} />
      </FormModal>
      <FormModal
        opened={dialogs.isOpen('edit')}
        onClose={dialogs.close}
        title={toEdit ? `Modifier la fiche ${deCollectivite(toEdit.nom)}` : ''}
      >
        {toEdit && <CollectiviteForm key={toEdit.id} collectivite={toEdit} onDone={dialogs.close} />}
      </FormModal>
      <ConfirmModal
        opened={dialogs.isOpen('activation')}
        onClose={dialogs.close}
        danger={toToggle?.actif ?? true}
        title={toToggle?.actif ? `Désactiver « ${toToggle.nom} » ?` : `Réactiver « ${toToggle?.nom ?? ''} » ?`}
        confirmLabel={toToggle?.actif ? 'Désactiver la collectivité' : 'Réactiver la collectivité'}
        onConfirm={async () => {
          if (!toToggle) return;
          const saved = await collectivitesApi.setActive(toToggle.id, !toToggle.actif);
          await queryClient.invalidateQueries({ queryKey: [COLLECTIVITES_ENDPOINT] });
          notifySuccess(`La collectivité « ${saved.nom} » est ${saved.actif ? 'réactivée' : 'désactivée'}.`);
        }}
      >
        <Text>
          {toToggle?.actif
            ? 'Ses comptes ne pourront plus s’y connecter ni y travailler ; ses données sont conservées.'
            : 'Ses comptes pourront de nouveau s’y connecter et y travailler.'}
        </Text>
      </ConfirmModal>
    </Page>
  );
}
