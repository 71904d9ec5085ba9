import { Alert, Anchor, Text, TextInput } from '@mantine/core';
import { ZForgotPassword } from '@statutis/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { Page } from '../../components/Page';
import { useApiForm } from '../../lib/useApiForm';
import { authApi } from './api';

export function ForgotPasswordPage() {
  const [answer, setAnswer] = useState<string | null>(null);
  const request = useApiForm({
    initialValues: { email: '' },
    schema: ZForgotPassword,
    submit: authApi.forgotPassword,
    onSuccess: (result) => setAnswer(result.message),
  });

  return (
    <Page title="Mot de passe oublié">
      {answer ? (
        <Alert role="status" color="bleu" variant="light" title="Demande enregistrée">
          {answer}
        </Alert>
      ) : (
        <>
          <Text>
            Indiquez l’adresse e-mail de votre compte. Vous recevrez un lien pour choisir un nouveau mot de passe ; il
            sert aussi à activer un compte dont l’invitation n’est pas arrivée ou a expiré.
          </Text>
          <ApiForm controller={request} submitLabel="Recevoir un lien">
            <TextInput
              label="Adresse e-mail"
              type="email"
              autoComplete="email"
              required
              {...request.form.getInputProps('email')}
            />
          </ApiForm>
        </>
      )}
      <Anchor component={Link} to="/connexion">
        Retour à la connexion
      </Anchor>
    </Page>
  );
}
