import { Button, Group, Text } from '@mantine/core';
import { formatDateTime, formatEuros, type TBase, TYPES_BASE, typeBaseLabels } from '@statutis/domain';
import { IconEye, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal';
import { type DataColumn, DataList, type ListFilter, type RowAction } from '../../components/DataList';
import { DownloadButton } from '../../components/Download';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { formatDay, formatSignedEuros, plural } from '../../lib/format';
import { useUrlListState } from '../../lib/listState';
import { notifySuccess } from '../../lib/notify';
import { useDialog } from '../../lib/useDialog';
import { useCan, useStaffInCollectivite } from '../auth/session';
import { useContrats } from '../contrats/api';
import { yearsCovered } from '../contrats/format';
import { BASES_ENDPOINT, BUDGETS_ENDPOINT, baseEditPath, basesApi, newBasePath } from './api';
import { BaseSummary } from './BaseSummary';
import { baseName } from './baseForm';

const DEFAULT_SORT = '-annee';
const nowrap = { whiteSpace: 'nowrap' } as const;
const FILTERS = ['contratId', 'annee', 'type'] as const;

const columns: DataColumn<TBase>[] = [
  {
    key: 'contrat',
    header: 'Contrat',
    sortKey: 'contrat',
    rowHeader: true,
    render: (b) => <span style={nowrap}>{b.contratNumero}</span>,
  },
  { key: 'annee', header: 'Année', sortKey: 'annee', render: (b) => b.annee },
  { key: 'type', header: 'Type', sortKey: 'type', render: (b) => typeBaseLabels[b.type] },
  { key: 'assiette', header: 'Assiette assurée', render: (b) => <span style={nowrap}>{formatEuros(b.assiette)}</span> },
  { key: 'cotisation', header: 'Cotisation', render: (b) => <span style={nowrap}>{formatEuros(b.cotisation)}</span> },
  {
    key: 'regularisation',
    header: 'Régularisation',
    render: (b) => <span style={nowrap}>{b.regularisation === null ? '—' : formatSignedEuros(b.regularisation)}</span>,
  },
  // The day matters (a base can be changed on that day only); the time is in « Consulter ».
  { key: 'creeLe', header: 'Déclarée le', render: (b) => formatDay(b.creeLe) },
];

type Dialog = { kind: 'consult'; base: TBase } | { kind: 'delete'; base: TBase };

/** Espace contractuel › Base de l’assurance: the bases declared, their contribution and regularisation. */
export function BasesPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('publicateur');
  // A gestionnaire corrects a base after its creation day (the server says which with `modifiable`).
  const staff = useStaffInCollectivite();
  const canCorrect = canWrite || staff;
  const dialogs = useDialog<Dialog>();
  const contrats = useContrats();
  const { state } = useUrlListState({ filters: FILTERS, defaultSort: DEFAULT_SORT });

  const years = yearsCovered(contrats.data ?? []);
  const filters: ListFilter[] = [
    {
      name: 'contratId',
      label: 'Contrat',
      allLabel: 'Tous les contrats',
      options: (contrats.data ?? []).map((c) => ({ value: c.id, label: c.numero })),
    },
    {
      name: 'annee',
      label: 'Année',
      allLabel: 'Toutes les années',
      options: years.map((y) => ({ value: String(y), label: String(y) })),
    },
    {
      name: 'type',
      label: 'Type',
      allLabel: 'Tous les types',
      options: TYPES_BASE.map((t) => ({ value: t, label: typeBaseLabels[t] })),
    },
  ];

  const actions: RowAction<TBase>[] = [
    {
      key: 'consulter',
      label: (b) => `Consulter ${baseName(b)}`,
      icon: IconEye,
      onClick: (base) => dialogs.show({ kind: 'consult', base }),
    },
    {
      key: 'modifier',
      label: (b) => `Modifier ${baseName(b)}`,
      icon: IconPencil,
      onClick: (base) => navigate(baseEditPath(base.id)),
      visible: (b) => canCorrect && b.modifiable,
    },
    {
      key: 'supprimer',
      label: (b) => `Supprimer ${baseName(b)}`,
      icon: IconTrash,
      color: 'red',
      onClick: (base) => dialogs.show({ kind: 'delete', base }),
      visible: (b) => canCorrect && b.modifiable,
    },
  ];

  const toConsult = dialogs.of('consult')?.base;
  const toDelete = dialogs.of('delete')?.base;

  return (
    <Page
      title="Base de l’assurance"
      crumbs={[{ label: 'Espace contractuel' }]}
      intro="Une base prévisionnelle et une base réelle par contrat et par année : elles fixent votre cotisation. Une base se modifie ou se supprime le jour de sa création ; ensuite, adressez-vous à votre gestionnaire."
    >
      <DataList<TBase>
        endpoint={BASES_ENDPOINT}
        caption="Liste des bases de l’assurance"
        columns={columns}
        rowKey={(b) => b.id}
        countLabel={(n) => plural(n, 'base déclarée', 'bases déclarées')}
        actions={actions}
        filters={filters}
        defaultSort={DEFAULT_SORT}
        withSearch={false}
        emptyMessage="Aucune base de l’assurance n’a encore été déclarée."
        createAction={
          <Group gap="sm">
            <DownloadButton
              path={`${BASES_ENDPOINT}/export`}
              query={{ sort: state.sort, ...state.filters }}
              fileName="bases-assurance.csv"
            >
              Exporter (CSV)
            </DownloadButton>
            {canWrite && (
              <Button component={Link} to={newBasePath()}>
                + Ajouter
              </Button>
            )}
          </Group>
        }
      />

      <FormModal
        opened={dialogs.isOpen('consult')}
        onClose={dialogs.close}
        title={toConsult ? `Consulter ${baseName(toConsult)}` : ''}
      >
        {toConsult && (
          <>
            <BaseSummary base={toConsult} caption={`Détail de ${baseName(toConsult)}`} />
            <Text size="sm" mt="sm">
              Déclarée le {formatDateTime(toConsult.creeLe)}.
            </Text>
            <Group justify="flex-end" mt="md">
              <Button variant="default" onClick={dialogs.close}>
                Fermer
              </Button>
            </Group>
          </>
        )}
      </FormModal>
      <ConfirmModal
        opened={dialogs.isOpen('delete')}
        onClose={dialogs.close}
        title={toDelete ? `Supprimer ${baseName(toDelete)} ?` : ''}
        confirmLabel="Supprimer la base"
        onConfirm={async () => {
          if (!toDelete) return;
          await basesApi.remove(toDelete.id);
          await queryClient.invalidateQueries({ queryKey: [BASES_ENDPOINT] });
          void queryClient.invalidateQueries({ queryKey: [BUDGETS_ENDPOINT] });
          notifySuccess(`${capitalize(baseName(toDelete))} est supprimée.`);
        }}
      >
        <Text>
          La déclaration sera effacée et la cotisation recalculée sans elle. Vous pourrez ensuite déclarer une nouvelle
          base pour ce contrat et cette année.
        </Text>
      </ConfirmModal>
    </Page>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
