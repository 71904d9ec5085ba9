import { Anchor, Badge, Group, Tooltip } from '@mantine/core';
import { formatDate, risqueLabels, sinistreStatutLabels, type TSinistre } from '@statutis/domain';
import { IconSearch } from '@tabler/icons-react';
import { Link, type NavigateFunction } from 'react-router';
import type { DataColumn, RowAction } from '../../components/DataList';
import { fullName } from '../../lib/format';
import { agentPath, sinistrePath } from './api';

const statutColors = { brouillon: 'gray', ouvert: 'blue', clos: 'green' } as const;

export function SinistreStatutBadge({ statut }: { statut: TSinistre['statut'] }) {
  return (
    <Badge variant="light" color={statutColors[statut]} tt="none" size="md" miw="max-content">
      {sinistreStatutLabels[statut]}
    </Badge>
  );
}

/** « 1 commentaire non lu », « 2 commentaires non lus ». */
export function commentairesNonLusLabel(count: number): string {
  return count === 1 ? '1 commentaire non lu' : `${count.toLocaleString('fr-FR')} commentaires non lus`;
}

/**
 * The seed's « pastille verte »: the handler wrote comments the collectivité has not opened yet. The
 * dot is decoration; its words are the image's text alternative, so a screen reader hears the count.
 */
export function CommentairesNonLus({ count }: { count: number }) {
  if (count <= 0) return null;
  const label = commentairesNonLusLabel(count);
  return (
    <Tooltip label={label}>
      <span
        role="img"
        aria-label={label}
        style={{
          display: 'inline-block',
          flex: 'none',
          width: 12,
          height: 12,
          borderRadius: '50%',
          background: 'var(--mantine-color-green-7)',
        }}
      />
    </Tooltip>
  );
}

const numero: DataColumn<TSinistre> = {
  key: 'numero',
  header: 'N° de sinistre',
  sortKey: 'numero',
  rowHeader: true,
  render: (s) => (
    <Group gap={6} wrap="nowrap">
      <Anchor component={Link} to={sinistrePath(s.id)} fw={500} style={{ whiteSpace: 'nowrap' }}>
        {s.numero}
      </Anchor>
      <CommentairesNonLus count={s.commentairesNonLus} />
    </Group>
  ),
};

const agent: DataColumn<TSinistre> = {
  key: 'agent',
  header: 'Agent',
  sortKey: 'agent',
  render: (s) => (
    <Anchor component={Link} to={agentPath(s.agentId)}>
      {fullName({ prenom: s.agentPrenom, nom: s.agentNom })}
    </Anchor>
  ),
};

const others: DataColumn<TSinistre>[] = [
  { key: 'categorie', header: 'Catégorie', render: (s) => risqueLabels[s.categorie] },
  {
    key: 'dateSurvenance',
    header: 'Date de survenance',
    sortKey: 'dateSurvenance',
    render: (s) => formatDate(s.dateSurvenance),
  },
  { key: 'statut', header: 'Statut', render: (s) => <SinistreStatutBadge statut={s.statut} /> },
  {
    key: 'delai',
    header: 'Délai',
    render: (s) =>
      s.horsDelai ? (
        <Badge variant="light" color="orange" tt="none" size="md" miw="max-content">
          Hors délai
        </Badge>
      ) : (
        'Dans les délais'
      ),
  },
  { key: 'contrat', header: 'Contrat', render: (s) => s.contratNumero },
];

/** The columns of a list of sinistres; `withAgent` for the search across every agent. */
export function sinistreColumns(withAgent: boolean): DataColumn<TSinistre>[] {
  return withAgent ? [numero, agent, ...others] : [numero, ...others];
}

/** « La loupe en bout de ligne »: the sinistre's file. */
export function sinistreActions(navigate: NavigateFunction): RowAction<TSinistre>[] {
  return [
    {
      key: 'consulter',
      label: (s) => `Consulter le sinistre ${s.numero}`,
      icon: IconSearch,
      onClick: (s) => navigate(sinistrePath(s.id)),
    },
  ];
}

export const SINISTRES_DEFAULT_SORT = '-dateSurvenance';
