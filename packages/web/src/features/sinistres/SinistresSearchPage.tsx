import { Button, Group } from '@mantine/core';
import type { TSinistre } from '@statutis/domain';
import { Link, useNavigate } from 'react-router';
import { DataList, type ListFilter } from '../../components/DataList';
import { DownloadButton } from '../../components/Download';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import { useUrlListState } from '../../lib/listState';
import { DECLARER_SINISTRE_PATH, SINISTRES_ENDPOINT } from '../agents/api';
import { SINISTRES_DEFAULT_SORT, sinistreActions, sinistreColumns } from '../agents/sinistreColumns';
import { useCan } from '../auth/session';
import { categorieFilter, statutFilter } from './labels';

const filters: ListFilter[] = [
  categorieFilter,
  statutFilter('Statut'),
  { kind: 'date', name: 'du', label: 'Survenu du', description: 'JJ/MM/AAAA' },
  { kind: 'date', name: 'au', label: 'au', description: 'JJ/MM/AAAA' },
  {
    name: 'horsDelai',
    label: 'Hors délai',
    allLabel: 'Tous',
    options: [
      { value: 'oui', label: 'Hors délai' },
      { value: 'non', label: 'Dans les délais' },
    ],
  },
  // The home page's « À faire » leads here with these two.
  {
    name: 'nonLus',
    label: 'Commentaires du gestionnaire',
    allLabel: 'Tous',
    options: [{ value: 'oui', label: 'Non lus' }],
  },
  {
    name: 'enRetard',
    label: 'Pièces',
    allLabel: 'Toutes',
    options: [{ value: 'oui', label: 'En retard (délai du contrat dépassé)' }],
  },
];

/** Vos déclarations › « Rechercher un sinistre »: every sinistre of the collectivité, filtered, exported. */
export function SinistresSearchPage() {
  const navigate = useNavigate();
  const canWrite = useCan('publicateur');
  const { state } = useUrlListState({ filters: filters.map((f) => f.name), defaultSort: SINISTRES_DEFAULT_SORT });

  return (
    <Page
      title="Rechercher un sinistre"
      crumbs={[{ label: 'Vos déclarations' }]}
      intro="Les sinistres de vos agents, du plus récent au plus ancien. Cliquez sur le numéro ou la loupe pour consulter un sinistre, ses arrêts et ses pièces."
    >
      <DataList<TSinistre>
        endpoint={SINISTRES_ENDPOINT}
        caption="Liste des sinistres"
        columns={sinistreColumns(true)}
        actions={sinistreActions(navigate)}
        rowKey={(s) => s.id}
        countLabel={(n) => plural(n, 'sinistre')}
        defaultSort={SINISTRES_DEFAULT_SORT}
        searchDescription="Nom ou prénom de l’agent"
        filters={filters}
        emptyMessage="Aucun sinistre n’est encore déclaré pour votre collectivité."
        createAction={
          <Group gap="sm">
            <DownloadButton
              path={`${SINISTRES_ENDPOINT}/export.csv`}
              query={{ q: state.q, ...state.filters }}
              fileName="sinistres.csv"
            >
              Exporter (CSV)
            </DownloadButton>
            {canWrite && (
              <Button component={Link} to={DECLARER_SINISTRE_PATH}>
                Déclarer un sinistre
              </Button>
            )}
          </Group>
        }
      />
    </Page>
  );
}
