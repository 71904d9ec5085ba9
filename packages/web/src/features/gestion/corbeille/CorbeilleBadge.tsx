import { Badge, VisuallyHidden } from '@mantine/core';
import { useSession } from '../../auth/session';
import { useCompteurs } from './api';

/** The number of waiting files beside the menu entry (gestionnaires only). */
export function CorbeilleBadge() {
  const isGestionnaire = useSession().user.staffRole === 'gestionnaire';
  const { data } = useCompteurs(isGestionnaire);
  if (!data || data.total === 0) return null;
  return (
    <Badge size="sm" variant="filled">
      {data.total > 999 ? '999+' : data.total}
      <VisuallyHidden> {data.total > 1 ? 'dossiers en attente' : 'dossier en attente'}</VisuallyHidden>
    </Badge>
  );
}
