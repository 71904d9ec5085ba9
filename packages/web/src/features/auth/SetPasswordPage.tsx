import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { FullPageLoader } from '../../components/FullPageLoader';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { refineNewPassword } from '../../lib/password';
import { useApiForm } from '../../lib/useApiForm';
import { authApi, type TokenInfo } from './api';

const INVALID_LINK = 'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse complète reçue par e-mail.';

function SetPasswordForm({ jeton, info }: { jeton: string; info: TokenInfo }) {
  const navigate = useNavigate();
  const schema = z
    .object({ motDePasse: z.string(), confirmation: z.string() })
    .superRefine(refineNewPassword('motDePasse', 'confirmation', info));
  const form = useApiForm({
    initialValues: { motDePasse: '', confirmation: '' },
    schema,
    submit: ({ motDePasse }) => authApi.setPassword({ jeton, motDePasse }),
    onSuccess: () => {
      setFlash({
        message:
          info.type === 'invitation'
            ? 'Votre compte est activé. Connectez-vous avec votre adresse e-mail et le mot de passe choisi.'
            : 'Votre nouveau mot de passe est enregistré. Vous pouvez vous connecter.',
        color: 'green',
      });
      navigate(`/connexion?email=${encodeURIComponent(info.email)}`, { replace: true });
    },
  });

  return (
    <Stack gap="md">
      <Text>
        Bonjour {info.prenom}, choisissez le mot de passe du compte <strong>{info.email}</strong>.
      </Text>
      <ApiForm controller={form} submitLabel="Enregistrer le mot de passe">
        <NewPasswordFields
          form={form.form}
          field="motDePasse"
          confirmation="confirmation"
          label="Nouveau mot de passe"
          context={info}
        />
      </ApiForm>
    </Stack>
  );
}

/** Why the link cannot be used: expired (410), unknown or malformed (404, 422), or the server failed. */
function linkProblem(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 410) return { title: 'Lien expiré', message: error.detail };
  if (!error || (error instanceof ApiError && (error.status === 404 || error.status === 422))) {
    return { title: 'Lien non valide', message: INVALID_LINK };
  }
  return { title: 'Vérification du lien impossible', message: errorMessage(error) };
}

/** Reached from the invitation or reset e-mail: /definir-mot-de-passe?jeton=… */
export function SetPasswordPage() {
  const [params] = useSearchParams();
  const jeton = params.get('jeton') ?? '';
  const token = useQuery({
    queryKey: ['jeton', jeton],
    queryFn: () => authApi.verifyToken(jeton),
    enabled: jeton !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (jeton && token.isPending) return <FullPageLoader label="Vérification du lien…" />;

  if (!jeton || token.isError || !token.data) {
    const problem = linkProblem(jeton ? token.error : null);
    return (
      <Page title={problem.title}>
        <ProblemAlert>{problem.message}</ProblemAlert>
        <Text>
          Demandez un nouveau lien avec « Mot de passe oublié » : il permet aussi d’activer un compte dont l’invitation
          a expiré.
        </Text>
        <Anchor component={Link} to="/mot-de-passe-oublie">
          Demander un nouveau lien
        </Anchor>
      </Page>
    );
  }

  return (
    <Page title={token.data.type === 'invitation' ? 'Activer votre compte' : 'Nouveau mot de passe'}>
      <SetPasswordForm jeton={jeton} info={token.data} />
    </Page>
  );
}
