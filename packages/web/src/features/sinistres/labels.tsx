import { Badge } from '@mantine/core';
import {
  pieceStatutLabels,
  sinistreStatutLabels,
  type TArretType,
  type TPieceStatut,
  type TSinistreStatut,
} from '@statutis/domain';

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

const pieceColors: Record<TPieceStatut, string> = {
  attendue: 'orange',
  deposee: 'bleu',
  validee: 'green',
  refusee: 'red',
};

export function PieceStatutBadge({ statut }: { statut: TPieceStatut }) {
  return (
    <Badge variant="light" color={pieceColors[statut]} tt="none" size="md" miw="max-content">
      {pieceStatutLabels[statut]}
    </Badge>
  );
}

export const requalificationStatutLabels = {
  demandee: 'Demandée',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
} as const;
