import { collectiviteTypeLabels, formatSiret, type TCollectivite } from '@statutis/domain';
import { IconArrowRight } from '@tabler/icons-react';
import { type DataColumn, DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { plural } from '../../lib/format';

const columns: DataColumn<TCollectivite>[] = [
  { key: 'nom', header: 'Nom', sortKey: 'nom', rowHeader: true, render: (c) => c.nom },
  {
    key: 'siret',
    header: 'SIRET',
    sortKey: 'siret',
    render: (c) => <span style={{ whiteSpace: 'nowrap' }}>{formatSiret(c.siret)}</span>,
  },
  { key: 'type', header: 'Type', render: (c) => collectiviteTypeLabels[c.type] },
  { key: 'cdg', header: 'Centre de gestion', render: (c) => c.cdgNom },
];

interface CollectiviteSearchModalProps {
  opened: boolean;
  onClose: () => void;
  onChoose: (collectivite: TCollectivite) => void;
}

/** For CDG staff, whose scope can hold hundreds of collectivités: search them all, not only the first 50. */
export function CollectiviteSearchModal({ opened, onClose, onChoose }: CollectiviteSearchModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Rechercher une collectivité" size="xl">
      <DataList<TCollectivite>
        endpoint="/api/collectivites"
        caption="Liste des résultats"
        persistence="local"
        defaultSort="nom"
        searchDescription="Nom ou SIRET"
        columns={columns}
        rowKey={(c) => c.id}
        countLabel={(n) => plural(n, 'collectivité')}
        actions={[
          {
            key: 'choisir',
            label: (c) => `Choisir ${c.nom}`,
            icon: IconArrowRight,
            onClick: (c) => {
              onChoose(c);
              onClose();
            },
          },
        ]}
      />
    </FormModal>
  );
}
