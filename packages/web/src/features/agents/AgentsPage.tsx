import { Anchor, Badge, Button, Group } from '@mantine/core';
import { de, formatDate, formatNir, REGIMES, STATUTS, statutLabels, type TAgent } from '@statutis/domain';
import { IconSearch } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type DataColumn, DataList, type ListFilter, type RowAction } from '../../components/DataList';
import { DownloadButton } from '../../components/Download';
import { Page } from '../../components/Page';
import { fullName, plural } from '../../lib/format';
import { useUrlListState } from '../../lib/listState';
import { useCan } from '../auth/session';
import { AGENTS_ENDPOINT, agentPath, LISTE_NOMINATIVE_PATH, NOUVEL_AGENT_PATH } from './api';

const DEFAULT_SORT = 'nom';

const filters: ListFilter[] = [
  {
    name: 'regime',
    label: 'Régime',
    allLabel: 'Tous les régimes',
    options: REGIMES.map((r) => ({ value: r, label: r })),
  },
  {
    name: 'statut',
    label: 'Statut',
    allLabel: 'Tous les statuts',
    options: STATUTS.map((s) => ({ value: s, label: statutLabels[s] })),
  },
  {
    name: 'presence',
    label: 'Présence',
    allLabel: 'Présents et partis',
    options: [
      { value: 'present', label: 'Présents' },
      { value: 'parti', label: 'Partis' },
    ],
  },
  {
    name: 'incomplet',
    label: 'Fiche incomplète',
    allLabel: 'Toutes les fiches',
    options: [
      { value: 'oui', label: 'Oui' },
      { value: 'non', label: 'Non' },
    ],
  },
];

const columns: DataColumn<TAgent>[] = [
  {
    key: 'nir',
    header: 'NIR',
    sortKey: 'nir',
    render: (a) => <span style={{ whiteSpace: 'nowrap' }}>{formatNir(a.nir, a.nirCle)}</span>,
  },
  {
    key: 'nom',
    header: 'Nom',
    sortKey: 'nom',
    rowHeader: true,
    render: (a) => (
      <Anchor component={Link} to={agentPath(a.id)} fw={500}>
        {a.nomUsage ? `${a.nom} (usage : ${a.nomUsage})` : a.nom}
      </Anchor>
    ),
  },
  { key: 'prenom', header: 'Prénom', render: (a) => a.prenom },
  { key: 'regime', header: 'Régime', render: (a) => a.regime },
  { key: 'statut', header: 'Statut', render: (a) => statutLabels[a.statut] },
  { key: 'dateEntree', header: 'Date d’entrée', sortKey: 'dateEntree', render: (a) => formatDate(a.dateEntree) },
  { key: 'emploi', header: 'Emploi', render: (a) => a.emploi ?? '—' },
  {
    key: 'presence',
    header: 'Présence',
    render: (a) => (a.dateDepart ? `Parti le ${formatDate(a.dateDepart)}` : 'Présent'),
  },
  {
    key: 'fiche',
    header: 'Fiche',
    render: (a) =>
      a.incomplet ? (
        <Badge variant="light" color="orange" tt="none" size="md" miw="max-content">
          Incomplet
        </Badge>
      ) : (
        'Complète'
      ),
  },
];

/** Vos déclarations › Agents: the agents of the collectivité, searched by name or NIR, exported as filtered. */
export function AgentsPage() {
  const canWrite = useCan('publicateur');
  const navigate = useNavigate();
  // « La loupe en bout de ligne » of the seeds: the agent's file.
  const actions: RowAction<TAgent>[] = [
    {
      key: 'consulter',
      label: (a) => `Consulter la fiche ${de(fullName(a))}`,
      icon: IconSearch,
      onClick: (a) => navigate(agentPath(a.id)),
    },
  ];
  const { state } = useUrlListState({ filters: filters.map((f) => f.name), defaultSort: DEFAULT_SORT });
  const exportQuery = { q: state.q, ...state.filters };

  return (
    <Page
      title="Agents"
      crumbs={[{ label: 'Vos déclarations' }]}
      intro={
        <>
          Les agents de votre collectivité. Pour en déclarer beaucoup à la fois, importez la{' '}
          <Anchor component={Link} to={LISTE_NOMINATIVE_PATH}>
            liste nominative des agents
          </Anchor>
          . Une fiche « Incomplet » attend sa date de naissance ou son temps de travail : complétez-la avant de déclarer
          un sinistre.
        </>
      }
    >
      <DataList<TAgent>
        endpoint={AGENTS_ENDPOINT}
        caption="Liste des agents"
        columns={columns}
        actions={actions}
        rowKey={(a) => a.id}
        countLabel={(n) => plural(n, 'agent')}
        defaultSort={DEFAULT_SORT}
        searchDescription="Nom ou NIR"
        filters={filters}
        emptyMessage="Aucun agent n’est encore enregistré pour votre collectivité."
        createAction={
          <Group gap="sm">
            <DownloadButton
              path={`${AGENTS_ENDPOINT}/export`}
              query={{ format: 'csv', ...exportQuery }}
              fileName="agents.csv"
            >
              Exporter (CSV)
            </DownloadButton>
            <DownloadButton
              path={`${AGENTS_ENDPOINT}/export`}
              query={{ format: 'xlsx', ...exportQuery }}
              fileName="agents.xlsx"
            >
              Exporter (Excel)
            </DownloadButton>
            {canWrite && (
              <Button component={Link} to={LISTE_NOMINATIVE_PATH} variant="light">
                Importer une liste nominative
              </Button>
            )}
            {canWrite && (
              <Button component={Link} to={NOUVEL_AGENT_PATH}>
                Créer un agent
              </Button>
            )}
          </Group>
        }
      />
    </Page>
  );
}
