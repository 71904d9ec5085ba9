import { Anchor } from '@mantine/core';
import { de, formatDate, risqueLabels, type TDocumentManquant } from '@statutis/domain';
import { IconUpload } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type DataColumn, DataList, type ListFilter, type RowAction } from '../../components/DataList';
import { Page } from '../../components/Page';
import { fullName, plural } from '../../lib/format';
import { DOCUMENTS_MANQUANTS_ENDPOINT, sinistrePath } from './api';
import { categorieFilter, SinistreStatutBadge, statutFilter } from './labels';

const filters: ListFilter[] = [categorieFilter, statutFilter('Statut du sinistre')];

const agentOf = (d: TDocumentManquant) => fullName({ prenom: d.agentPrenom, nom: d.agentNom });
const pieceOf = (d: TDocumentManquant) => (d.periode ? `${d.libelle} — ${d.periode}` : d.libelle);

const columns: DataColumn<TDocumentManquant>[] = [
  { key: 'agent', header: 'Agent', sortKey: 'agent', render: agentOf },
  {
    key: 'piece',
    header: 'Document manquant',
    rowHeader: true,
    render: (d) => (
      <Anchor component={Link} to={sinistrePath(d.sinistreId, 'pieces')} fw={500}>
        {pieceOf(d)}
      </Anchor>
    ),
  },
  {
    key: 'sinistre',
    header: 'Sinistre',
    render: (d) => <span style={{ whiteSpace: 'nowrap' }}>n° {d.sinistreNumero}</span>,
  },
  { key: 'categorie', header: 'Catégorie', render: (d) => risqueLabels[d.categorie] },
  {
    key: 'dateSurvenance',
    header: 'Date de survenance',
    sortKey: 'dateSurvenance',
    render: (d) => formatDate(d.dateSurvenance),
  },
  { key: 'statut', header: 'Statut', render: (d) => <SinistreStatutBadge statut={d.statutSinistre} /> },
];

/** Vos déclarations › Documents manquants: every piece still expected, across the sinistres of the collectivité. */
export function DocumentsManquantsPage() {
  const navigate = useNavigate();
  const actions: RowAction<TDocumentManquant>[] = [
    {
      key: 'deposer',
      label: (d) => `Déposer « ${pieceOf(d)} » pour le sinistre n° ${d.sinistreNumero} ${de(agentOf(d))}`,
      icon: IconUpload,
      onClick: (d) => navigate(sinistrePath(d.sinistreId, 'pieces')),
    },
  ];
  return (
    <Page
      title="Documents manquants"
      crumbs={[{ label: 'Vos déclarations' }]}
      intro="Les pièces attendues avant le paiement des prestations, pour l’ensemble de vos sinistres. Cette liste vous est aussi envoyée régulièrement par courriel. Cliquez sur une pièce pour la déposer."
    >
      <DataList<TDocumentManquant>
        endpoint={DOCUMENTS_MANQUANTS_ENDPOINT}
        caption="Liste des documents manquants"
        columns={columns}
        actions={actions}
        rowKey={(d) => `${d.sinistreId}-${d.code}-${d.arretId ?? ''}`}
        countLabel={(n) => plural(n, 'document manquant', 'documents manquants')}
        defaultSort="-dateSurvenance"
        searchDescription="Nom ou prénom de l’agent"
        filters={filters}
        emptyMessage="Aucun document n’est attendu : tous vos dossiers sont complets."
      />
    </Page>
  );
}
