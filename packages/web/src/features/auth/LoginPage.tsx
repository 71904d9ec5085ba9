import { Anchor, Group, Stack, Text, TextInput } from '@mantine/core';
import { ZLogin } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { Page } from '../../components/Page';
import { PasswordField } from '../../components/PasswordField';
import { setCsrfToken } from '../../lib/api';
import { safeReturnPath } from '../../lib/returnPath';
import { useApiForm } from '../../lib/useApiForm';
import { authApi } from './api';
import { FlashMessage } from './FlashMessage';
import { storeSession, useSessionQuery } from './session';

export function LoginPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour'));
  const wanted = params.get('collectivite');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSessionQuery();

  const login = useApiForm({
    initialValues: { email: params.get('email') ?? '', motDePasse: '' },
    schema: ZLogin,
    submit: async (values) => {
      const info = await authApi.login(values);
      // Back to the collectivité of the page the session ended on, whatever the server opened.
      if (!wanted || info.current?.id === wanted) return info;
      setCsrfToken(info.csrfToken);
      return authApi.switchCollectivite(wanted).catch(() => info);
    },
    onSuccess: (info) => {
      storeSession(queryClient, info);
      navigate(returnTo, { replace: true });
    },
  });

  if (session.data) return <Navigate to={returnTo} replace />;

  return (
    <Page title="Connexion à votre espace">
      <FlashMessage />
      <ApiForm controller={login} submitLabel="Se connecter">
        <TextInput
          label="Adresse e-mail"
          type="email"
          autoComplete="username"
          required
          {...login.form.getInputProps('email')}
        />
        <Stack gap={4}>
          <PasswordField
            label="Mot de passe"
            autoComplete="current-password"
            required
            {...login.form.getInputProps('motDePasse')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/mot-de-passe-oublie" size="sm">
              Mot de passe oublié ?
            </Anchor>
          </Group>
        </Stack>
      </ApiForm>
      <Text size="sm">
        Votre mot de passe compte de 12 à 128 caractères ; tous les caractères sont acceptés, espaces et accents
        compris.
      </Text>
      <Text size="sm">
        Première connexion sans avoir reçu l’e-mail d’invitation ? Utilisez « Mot de passe oublié ? » avec l’adresse que
        votre collectivité a enregistrée : vous recevrez un lien pour choisir votre mot de passe.
      </Text>
    </Page>
  );
}
