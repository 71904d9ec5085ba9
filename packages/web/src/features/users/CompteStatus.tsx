import { Badge } from '@mantine/core';
import type { TCompte } from '@statutis/domain';

/** « Désactivé » wins over a pending invitation: the person cannot log in either way. */
export function compteStatus(compte: Pick<TCompte, 'actif' | 'invitationAcceptee'>) {
  if (!compte.actif) return { label: 'Désactivé', color: 'gray' } as const;
  if (!compte.invitationAcceptee) return { label: 'Invitation envoyée', color: 'orange' } as const;
  return { label: 'Actif', color: 'green' } as const;
}

export function CompteStatusBadge({ compte }: { compte: Pick<TCompte, 'actif' | 'invitationAcceptee'> }) {
  const status = compteStatus(compte);
  return (
    // A narrow table must not cut the status to « In… ».
    <Badge variant="light" color={status.color} tt="none" size="md" miw="max-content">
      {status.label}
    </Badge>
  );
}
