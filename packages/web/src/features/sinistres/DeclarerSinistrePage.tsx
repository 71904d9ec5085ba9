import { Anchor, Badge } from '@mantine/core';
import { de, formatNir, REGIMES, statutLabels, type TAgent } from '@statutis/domain';
import { IconClipboardPlus, IconUserEdit } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type DataColumn, DataList, type RowAction } from '../../components/DataList';
import { Page } from '../../components/Page';
import { fullName, plural } from '../../lib/format';
import { AGENTS_ENDPOINT, AGENTS_PATH, completerAgentPath, declarerSinistrePath } from '../agents/api';

/** Where choosing the agent leads: his sinistre form, or his file to complete first. */
const targetOf = (a: TAgent) => (a.incomplet ? completerAgentPath(a.id) : declarerSinistrePath(a.id));

const columns: DataColumn<TAgent>[] = [
  {
    key: 'nom',
    header: 'Nom',
    sortKey: 'nom',
    rowHeader: true,
    render: (a) => (
      <Anchor component={Link} to={targetOf(a)} fw={500}>
        {a.nomUsage ? `${a.nom} (usage : ${a.nomUsage})` : a.nom}
      </Anchor>
    ),
  },
  { key: 'prenom', header: 'Prénom', render: (a) => a.prenom },
  {
    key: 'nir',
    header: 'NIR',
    sortKey: 'nir',
    render: (a) => <span style={{ whiteSpace: 'nowrap' }}>{formatNir(a.nir, a.nirCle)}</span>,
  },
  { key: 'regime', header: 'Régime', render: (a) => a.regime },
  { key: 'statut', header: 'Statut', render: (a) => statutLabels[a.statut] },
  { key: 'emploi', header: 'Emploi', render: (a) => a.emploi ?? '—' },
  {
    key: 'fiche',
    header: 'Fiche',
    render: (a) =>
      a.incomplet ? (
        <Badge variant="light" color="orange" tt="none" size="md" miw="max-content">
          Incomplète : à compléter
        </Badge>
      ) : (
        'Complète'
      ),
  },
];

/**
 * Vos déclarations › « Déclarer un sinistre »: first the agent, found by name or NIR (the seeds:
 * « nous sommes renvoyés sur la rubrique gérer les agents »), then his sinistre form.
 */
export function DeclarerSinistrePage() {
  const navigate = useNavigate();
  const actions: RowAction<TAgent>[] = [
    {
      key: 'declarer',
      label: (a) => `Déclarer un sinistre pour ${fullName(a)}`,
      icon: IconClipboardPlus,
      onClick: (a) => navigate(declarerSinistrePath(a.id)),
      visible: (a) => !a.incomplet,
    },
    {
      key: 'completer',
      label: (a) => `Compléter la fiche ${de(fullName(a))}`,
      icon: IconUserEdit,
      color: 'orange.9',
      onClick: (a) => navigate(completerAgentPath(a.id)),
      visible: (a) => a.incomplet,
    },
  ];
  return (
    <Page
      title="Déclarer un sinistre"
      crumbs={[{ label: 'Vos déclarations' }]}
      intro={
        <>
          Choisissez l’agent concerné : recherchez-le par son nom ou son NIR. S’il n’existe pas encore,{' '}
          <Anchor component={Link} to={`${AGENTS_PATH}/nouveau`}>
            créez sa fiche
          </Anchor>{' '}
          ; une fiche incomplète (agent importé par la liste nominative) doit être complétée avant tout sinistre.
        </>
      }
    >
      <DataList<TAgent>
        endpoint={AGENTS_ENDPOINT}
        caption="Agents de la collectivité"
        columns={columns}
        actions={actions}
        rowKey={(a) => a.id}
        countLabel={(n) => plural(n, 'agent')}
        defaultSort="nom"
        searchDescription="Nom ou NIR"
        filters={[
          {
            name: 'regime',
            label: 'Régime',
            allLabel: 'Tous les régimes',
            options: REGIMES.map((r) => ({ value: r, label: r })),
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
        ]}
        emptyMessage="Aucun agent n’est encore enregistré pour votre collectivité : créez d’abord sa fiche."
      />
    </Page>
  );
}
