import { Badge } from '@mantine/core';
import {
  pieceDocumentStatutLabels,
  pieceStatutLabels,
  RISQUES,
  risqueLabels,
  SINISTRE_STATUTS,
  sinistreStatutLabels,
  type TArretType,
  type TPieceDocumentStatut,
  type TPieceStatut,
  type TSinistreStatut,
} from '@statutis/domain';
import type { ListFilter } from '../../components/DataList';

/** The filters every list of sinistres offers. */
export const categorieFilter: ListFilter = {
  name: 'categorie',
  label: 'Catégorie',
  allLabel: 'Toutes les catégories',
  options: RISQUES.map((r) => ({ value: r, label: risqueLabels[r] })),
};
export const statutFilter = (label: string): ListFilter => ({
  name: 'statut',
  label,
  allLabel: 'Tous les statuts',
  options: SINISTRE_STATUTS.map((s) => ({ value: s, label: sinistreStatutLabels[s] })),
});

export const arretTypeLabels: Record<TArretType, string> = {
  initial: 'Arrêt initial',
  prolongation: 'Prolongation',
  rechute: 'Rechute',
};

const statutColors: Record<TSinistreStatut, string> = { brouillon: 'orange', ouvert: 'bleu', clos: 'green' };

export function SinistreStatutBadge({ statut }: { statut: TSinistreStatut }) {
  return (
    <Badge variant="light" color={statutColors[statut]} tt="none" size="lg" miw="max-content">
      {sinistreStatutLabels[statut]}
    </Badge>
  );
}

const pieceColors: Record<TPieceStatut | TPieceDocumentStatut, string> = {
  attendue: 'orange',
  deposee: 'bleu',
  validee: 'green',
  refusee: 'red',
  remplacee: 'gray',
};

export function PieceStatutBadge({ statut }: { statut: TPieceStatut | TPieceDocumentStatut }) {
  return (
    <Badge variant="light" color={pieceColors[statut]} tt="none" size="md" miw="max-content">
      {statut === 'remplacee' ? pieceDocumentStatutLabels.remplacee : pieceStatutLabels[statut]}
    </Badge>
  );
}

export const requalificationStatutLabels = {
  demandee: 'Demandée',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
} as const;
