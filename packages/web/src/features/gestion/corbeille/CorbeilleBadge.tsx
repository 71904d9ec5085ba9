import { Badge } from '@mantine/core';
import { useSession } from '../../auth/session';
import { useCompteurs } from './api';

/** The number of waiting files beside the menu entry (gestionnaires only). */
export function CorbeilleBadge() {
  const isGestionnaire = useSession().user.staffRole === 'gestionnaire';
  const { data } = useCompteurs(isGestionnaire);
  if (!data || data.total === 0) return null;
  return (
    <Badge size="sm" variant="filled" aria-label={`${data.total} dossier${data.total > 1 ? 's' : ''} en attente`}>
      {data.total > 999 ? '999+' : data.total}
    </Badge>
  );
}
