import { Button, Text } from '@mantine/core';
import { de, formatDateTime, ROLES, roleLabels, type TCompte } from '@statutis/domain';
import { IconMailForward, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/ConfirmModal';
import { type DataColumn, DataList, type RowAction } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { fullName, plural } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useDialog } from '../../lib/useDialog';
import { useSession } from '../auth/session';
import { COMPTES_ENDPOINT, comptesApi } from './api';
import { CreateCompteForm, EditCompteForm } from './CompteForm';
import { CompteStatusBadge } from './CompteStatus';

const columns: DataColumn<TCompte>[] = [
  { key: 'nom', header: 'Nom', sortKey: 'nom', rowHeader: true, render: fullName },
  { key: 'email', header: 'Adresse e-mail', sortKey: 'email', render: (c) => c.email },
  { key: 'role', header: 'Rôle', sortKey: 'role', render: (c) => roleLabels[c.role] },
  { key: 'statut', header: 'Statut', render: (c) => <CompteStatusBadge compte={c} /> },
  {
    key: 'derniereConnexion',
    header: 'Dernière connexion',
    render: (c) => (c.derniereConnexion ? formatDateTime(c.derniereConnexion) : 'Jamais'),
  },
];

type Dialog = { kind: 'create' } | { kind: 'edit'; compte: TCompte } | { kind: 'delete'; compte: TCompte };

/** Environnement › Gestion des comptes: the administrators of a collectivité manage who may use its space. */
export function ComptesPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const dialogs = useDialog<Dialog>();

  const resend = async (compte: TCompte) => {
    try {
      await comptesApi.resendInvitation(compte.id);
      notifySuccess(`Une nouvelle invitation a été envoyée à ${compte.email}.`);
    } catch (error) {
      notifyError(error);
    }
  };

  const actions: RowAction<TCompte>[] = [
    {
      key: 'modifier',
      label: (c) => `Modifier le compte ${de(fullName(c))}`,
      icon: IconPencil,
      onClick: (compte) => dialogs.show({ kind: 'edit', compte }),
    },
    {
      key: 'invitation',
      label: (c) => `Renvoyer l’invitation à ${fullName(c)}`,
      icon: IconMailForward,
      onClick: (compte) => void resend(compte),
      visible: (c) => !c.invitationAcceptee && c.actif,
    },
    {
      key: 'supprimer',
      label: (c) => `Supprimer le compte ${de(fullName(c))}`,
      icon: IconTrash,
      color: 'red',
      onClick: (compte) => dialogs.show({ kind: 'delete', compte }),
    },
  ];

  const toEdit = dialogs.of('edit')?.compte;
  const toDelete = dialogs.of('delete')?.compte;

  return (
    <Page
      title="Gestion des comptes"
      crumbs={[{ label: 'Environnement' }]}
      intro={`Les personnes qui ont accès à l’espace de « ${session.current?.nom ?? ''} » et leur rôle.`}
    >
      <DataList<TCompte>
        endpoint={COMPTES_ENDPOINT}
        caption="Liste des comptes"
        columns={columns}
        rowKey={(c) => c.id}
        countLabel={(n) => plural(n, 'compte')}
        actions={actions}
        defaultSort="nom"
        searchDescription="Nom, prénom ou adresse e-mail"
        filters={[
          {
            name: 'role',
            label: 'Filtrer par rôle',
            allLabel: 'Tous les rôles',
            options: ROLES.map((role) => ({ value: role, label: roleLabels[role] })),
          },
        ]}
        createAction={<Button onClick={() => dialogs.show({ kind: 'create' })}>+ Ajouter</Button>}
      />

      <FormModal opened={dialogs.isOpen('create')} onClose={dialogs.close} title="Ajouter un compte">
        <CreateCompteForm onDone={dialogs.close} />
      </FormModal>
      <FormModal
        opened={dialogs.isOpen('edit')}
        onClose={dialogs.close}
        title={toEdit ? `Modifier le compte ${de(fullName(toEdit))}` : ''}
      >
        {toEdit && <EditCompteForm key={toEdit.id} compte={toEdit} onDone={dialogs.close} />}
      </FormModal>
      <ConfirmModal
        opened={dialogs.isOpen('delete')}
        onClose={dialogs.close}
        title={toDelete ? `Supprimer le compte ${de(fullName(toDelete))} ?` : ''}
        confirmLabel="Supprimer le compte"
        onConfirm={async () => {
          if (!toDelete) return;
          await comptesApi.remove(toDelete.id);
          await queryClient.invalidateQueries({ queryKey: [COMPTES_ENDPOINT] });
          notifySuccess(`Le compte ${de(fullName(toDelete))} est supprimé.`);
        }}
      >
        <Text>
          {toDelete ? fullName(toDelete) : ''} n’aura plus accès à l’espace de « {session.current?.nom} ». Pour une
          absence temporaire, préférez désactiver le compte avec « Modifier ».
        </Text>
      </ConfirmModal>
    </Page>
  );
}
