import { Button } from '@mantine/core';
import { formatTaux } from '@statutis/domain';
import { IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type DataColumn, DataList } from '../../components/DataList';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import type { ContratResume } from '../contrats/api';
import { contratColumns, regimeFilter } from '../contrats/listing';
import { GESTION_ENDPOINT, gestionContratPath, NEW_CONTRAT_PATH } from './api';

const columns: DataColumn<ContratResume>[] = [
  ...contratColumns,
  { key: 'taux', header: 'Taux de cotisation', render: (c) => formatTaux(c.tauxCotisation) },
];

/** Gestion › Contrats: the contracts the CDG manages (every contract for the platform administrator). */
export function GestionContratsPage() {
  const navigate = useNavigate();
  return (
    <Page
      title="Gestion des contrats"
      crumbs={[{ label: 'Gestion' }]}
      intro="Les contrats d’assurance statutaire de votre centre de gestion : garanties, taux, documents et collectivités adhérentes."
    >
      <DataList<ContratResume>
        endpoint={GESTION_ENDPOINT}
        caption="Liste des contrats gérés"
        columns={columns}
        rowKey={(c) => c.id}
        countLabel={(n) => plural(n, 'contrat')}
        defaultSort="numero"
        withSearch={false}
        emptyMessage="Aucun contrat n’est encore enregistré."
        filters={[regimeFilter]}
        actions={[
          {
            key: 'modifier',
            label: (c) => `Modifier le contrat ${c.numero}`,
            icon: IconPencil,
            onClick: (c) => navigate(gestionContratPath(c.id)),
          },
        ]}
        createAction={
          <Button component={Link} to={NEW_CONTRAT_PATH}>
            + Ajouter
          </Button>
        }
      />
    </Page>
  );
}
