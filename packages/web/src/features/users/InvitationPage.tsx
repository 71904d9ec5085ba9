import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { formatDateTime, roleLabels } from '@statutis/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, errorMessage } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/notify';
import { sessionKey, storeSession } from '../auth/session';
import { invitationsApi } from './api';

/**
 * The link of an invitation to join another collectivité: the person, logged in, accepts or
 * refuses. Nothing of his account is shown to that collectivité before he accepts.
 */
export function InvitationPage() {
  const [params] = useSearchParams();
  const jeton = params.get('jeton') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitation = useQuery({
    queryKey: ['invitation', jeton],
    queryFn: () => invitationsApi.read(jeton),
    enabled: jeton !== '',
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => invitationsApi.accept(jeton),
    onSuccess: (info) => {
      storeSession(queryClient, info);
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      notifySuccess(
        `Invitation acceptée : vous consultez maintenant l’espace de « ${info.current?.nom ?? invitation.data?.collectivite} ».`,
      );
      navigate('/', { replace: true });
    },
    onError: notifyError,
  });
  const refuse = useMutation({
    mutationFn: () => invitationsApi.refuse(jeton),
    onSuccess: () => {
      notifySuccess('Invitation refusée.');
      navigate('/', { replace: true });
    },
    onError: notifyError,
  });

  if (jeton !== '' && invitation.isPending) return <FullPageLoader />;
  const data = invitation.data;
  return (
    <Page title="Invitation à rejoindre une collectivité">
      {!data ? (
        <ProblemAlert
          title={
            invitation.error instanceof ApiError && invitation.error.status === 410
              ? 'Invitation expirée'
              : 'Invitation introuvable'
          }
        >
          {invitation.error
            ? errorMessage(invitation.error)
            : 'Ce lien n’est pas complet. Copiez l’adresse entière reçue par e-mail.'}
        </ProblemAlert>
      ) : (
        <Card withBorder maw={640}>
          <Stack gap="md">
            <Text>
              {data.invitePar} vous invite à rejoindre l’espace de <strong>{data.collectivite}</strong> avec le rôle{' '}
              <strong>{roleLabels[data.role]}</strong>.
            </Text>
            <Text size="sm">
              En acceptant, cette collectivité s’ajoute à celles que vous choisissez en haut de l’écran, et ses
              administrateurs voient votre nom, votre adresse et votre dernière connexion. L’invitation est valable
              jusqu’au {formatDateTime(data.expireLe)}.
            </Text>
            <Group>
              <Button onClick={() => accept.mutate()} loading={accept.isPending} disabled={refuse.isPending}>
                Accepter l’invitation
              </Button>
              <Button
                variant="default"
                onClick={() => refuse.mutate()}
                loading={refuse.isPending}
                disabled={accept.isPending}
              >
                Refuser
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Page>
  );
}
