import { Button } from '@mantine/core';
import { formatTaux, REGIMES } from '@statutis/domain';
import { IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type DataColumn, DataList } from '../../components/DataList';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import type { ContratResume } from '../contrats/api';
import { formatPeriode } from '../contrats/format';
import { GESTION_ENDPOINT, gestionContratPath, NEW_CONTRAT_PATH } from './api';

const columns: DataColumn<ContratResume>[] = [
  { key: 'numero', header: 'Numéro', sortKey: 'numero', rowHeader: true, render: (c) => c.numero },
  { key: 'libelle', header: 'Libellé', render: (c) => c.libelle },
  { key: 'regime', header: 'Régime', render: (c) => c.regime },
  { key: 'assureur', header: 'Assureur', render: (c) => c.assureur },
  { key: 'periode', header: 'Période', sortKey: 'dateEffet', render: formatPeriode },
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
        filters={[
          {
            name: 'regime',
            label: 'Filtrer par régime',
            allLabel: 'Tous les régimes',
            options: REGIMES.map((r) => ({ value: r, label: r })),
          },
        ]}
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
