import { List, Text } from '@mantine/core';
import {
  actionLabel,
  describeChanges,
  entityLabel,
  entityLabels,
  formatDateTime,
  type TAuditEvent,
} from '@statutis/domain';
import { type DataColumn, DataList } from '../../components/DataList';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';

function Changes({ event }: { event: TAuditEvent }) {
  const lines = describeChanges(event.changes);
  if (lines.length === 0) return <Text size="sm">—</Text>;
  return (
    <List size="sm" spacing={2} style={{ overflowWrap: 'anywhere' }}>
      {lines.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}

const columns: DataColumn<TAuditEvent>[] = [
  { key: 'at', header: 'Date et heure', sortKey: 'at', rowHeader: true, render: (e) => formatDateTime(e.at) },
  { key: 'auteur', header: 'Auteur', render: (e) => e.auteur ?? 'Système' },
  { key: 'entity', header: 'Élément', render: (e) => entityLabel(e.entity) },
  { key: 'action', header: 'Action', render: (e) => actionLabel(e.action) },
  { key: 'changes', header: 'Détail', render: (e) => <Changes event={e} /> },
];

/** Environnement › Journal des modifications: who changed what, and when, in this collectivité. */
export function JournalPage() {
  return (
    <Page
      title="Journal des modifications"
      crumbs={[{ label: 'Environnement' }]}
      intro="Chaque création, modification ou suppression faite dans l’espace de la collectivité, la plus récente en premier."
    >
      <DataList<TAuditEvent>
        endpoint="/api/journal"
        caption="Liste des modifications"
        columns={columns}
        rowKey={(e) => e.id}
        countLabel={(n) => plural(n, 'événement')}
        defaultSort="-at"
        withSearch={false}
        filters={[
          {
            name: 'entity',
            label: 'Filtrer par élément',
            allLabel: 'Tous les éléments',
            options: Object.entries(entityLabels).map(([value, label]) => ({ value, label })),
          },
        ]}
      />
    </Page>
  );
}
