import { IconSettings } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { type DataColumn, DataList } from '../../components/DataList';
import { Page } from '../../components/Page';
import { plural } from '../../lib/format';
import { CONTRATS_ENDPOINT, type ContratResume, contratPath } from './api';
import { formatMois } from './format';
import { contratColumns, regimeFilter } from './listing';

const columns: DataColumn<ContratResume>[] = [
  ...contratColumns,
  { key: 'preavisAssureur', header: 'Préavis assureur', render: (c) => formatMois(c.preavisAssureurMois) },
  { key: 'preavisAssure', header: 'Préavis assuré', render: (c) => formatMois(c.preavisAssureMois) },
];

/** Espace contractuel › Contrats: the contracts the collectivité has joined; the gear opens the garanties. */
export function ContratsPage() {
  const navigate = useNavigate();
  return (
    <Page
      title="Contrats"
      crumbs={[{ label: 'Espace contractuel' }]}
      intro="Les contrats d’assurance statutaire auxquels votre collectivité adhère, avec leurs préavis de résiliation. Consultez les garanties pour connaître franchises et délais de déclaration."
    >
      <DataList<ContratResume>
        endpoint={CONTRATS_ENDPOINT}
        caption="Liste des contrats"
        columns={columns}
        rowKey={(c) => c.id}
        countLabel={(n) => plural(n, 'contrat')}
        defaultSort="numero"
        withSearch={false}
        emptyMessage="Votre collectivité n’adhère encore à aucun contrat. Votre centre de gestion l’y rattache lors de l’adhésion."
        filters={[regimeFilter]}
        actions={[
          {
            key: 'garanties',
            label: (c) => `Consulter les garanties du contrat ${c.numero}`,
            icon: IconSettings,
            onClick: (c) => navigate(contratPath(c.id)),
          },
        ]}
      />
    </Page>
  );
}
