import { Text } from '@mantine/core';
import { roleLabels, type TRole } from '@statutis/domain';
import type { ReactNode } from 'react';
import { Page } from '../components/Page';
import { useCan, useSession, useStaffInCollectivite } from '../features/auth/session';

interface RestrictedProps {
  allowed: boolean;
  title: string;
  /** Why the page is refused, in one sentence. */
  reason: string;
  children: ReactNode;
}

/** A page not meant for this user says why, instead of an empty screen or an error. */
export function Restricted({ allowed, title, reason, children }: RestrictedProps) {
  if (allowed) return children;
  return (
    <Page title={title}>
      <Text>{reason}</Text>
    </Page>
  );
}

/**
 * For the pages of one role and up in the current collectivité (Gestion des comptes, Journal). Staff
 * of its organisation read the pages meant for reading (`staffReads`, every Lecteur page by default);
 * the pages that declare are its users' own.
 */
export function RequireRole({
  minRole,
  title,
  staffReads = minRole === 'lecteur',
  children,
}: {
  minRole: TRole;
  title: string;
  staffReads?: boolean;
  children: ReactNode;
}) {
  const { current } = useSession();
  const staff = useStaffInCollectivite();
  const allowed = useCan(minRole) || (staff && staffReads);
  const who =
    minRole === 'publicateur' ? 'aux publicateurs et aux administrateurs' : `aux ${roleLabels[minRole].toLowerCase()}s`;
  const reason = !current
    ? 'Choisissez d’abord une collectivité dans le sélecteur en haut de la page.'
    : staff
      ? `Cette action appartient aux utilisateurs de la collectivité « ${current.nom} » : vous la consultez en lecture seule.`
      : `Cette page est réservée ${who} de la collectivité « ${current.nom} ». Demandez à un administrateur si vous avez besoin d’y accéder.`;
  return (
    <Restricted allowed={allowed} title={title} reason={reason}>
      {children}
    </Restricted>
  );
}

/** For the platform administrator only (news shown to every collectivité). */
export function RequirePlatformAdmin({ title, children }: { title: string; children: ReactNode }) {
  const { user } = useSession();
  return (
    <Restricted
      allowed={user.staffRole === 'admin_plateforme'}
      title={title}
      reason="Cette page est réservée à l’administrateur de la plateforme Statutis."
    >
      {children}
    </Restricted>
  );
}

/** For the staff of the platform: gestionnaires of a CDG and the platform administrator (back office). */
export function RequireStaff({ title, children }: { title: string; children: ReactNode }) {
  const { user } = useSession();
  return (
    <Restricted
      allowed={user.staffRole !== null}
      title={title}
      reason="Cette page est réservée aux gestionnaires des centres de gestion et à l’administrateur de la plateforme."
    >
      {children}
    </Restricted>
  );
}
