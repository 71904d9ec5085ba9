import { Button, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type TMoi, ZAccountDelete, ZMoiUpdate, ZPasswordChange } from '@statutis/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiForm } from '../../components/ApiForm';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FullPageLoader } from '../../components/FullPageLoader';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { Page } from '../../components/Page';
import { PasswordField } from '../../components/PasswordField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { ApiError, errorMessage } from '../../lib/api';
import { apiErrorToFormErrors, zodValidate } from '../../lib/form';
import { notifySuccess } from '../../lib/notify';
import { refineNewPassword } from '../../lib/password';
import { useApiForm } from '../../lib/useApiForm';
import { useDialog } from '../../lib/useDialog';
import { endSession } from '../auth/endSession';
import { sessionKey, useSession } from '../auth/session';
import { moiApi } from './api';
import { CoordonneesFields } from './CoordonneesFields';

const moiKey = ['/api/moi'] as const;

/** The API's answer (403) to a wrong password when confirming a sensitive action. */
const WRONG_PASSWORD = 'mot_de_passe_incorrect';

function CoordonneesSection({ moi }: { moi: TMoi }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: {
      nom: moi.nom,
      prenom: moi.prenom,
      telephone: moi.telephone ?? '',
      emailNotification: moi.emailNotification ?? '',
    },
    schema: ZMoiUpdate,
    submit: moiApi.update,
    onSuccess: (saved) => {
      queryClient.setQueryData(moiKey, saved);
      // The header shows the name from the session.
      void queryClient.invalidateQueries({ queryKey: sessionKey });
      notifySuccess('Vos coordonnées sont enregistrées.');
    },
  });
  return (
    <Section title="Vos coordonnées">
      <Text>
        Adresse e-mail de connexion : <strong>{moi.email}</strong>
      </Text>
      <ApiForm controller={controller} submitLabel="Enregistrer les coordonnées" withRequiredNote>
        <CoordonneesFields form={controller.form} />
        <TextInput
          label="Adresse e-mail pour les notifications"
          description={`Facultatif : une boîte partagée du service, par exemple. Laissée vide, les notifications arrivent à ${moi.email}.`}
          type="email"
          autoComplete="email"
          {...controller.form.getInputProps('emailNotification')}
        />
      </ApiForm>
    </Section>
  );
}

function PasswordSection() {
  const { user } = useSession();
  const schema = ZPasswordChange.extend({ confirmation: ZPasswordChange.shape.nouveauMotDePasse }).superRefine(
    (values, ctx) =>
      refineNewPassword('nouveauMotDePasse', 'confirmation', { ...user, current: values.motDePasseActuel })(
        values,
        ctx,
      ),
  );
  const controller = useApiForm({
    initialValues: { motDePasseActuel: '', nouveauMotDePasse: '', confirmation: '' },
    schema,
    submit: ({ motDePasseActuel, nouveauMotDePasse }) => moiApi.changePassword({ motDePasseActuel, nouveauMotDePasse }),
    codeFields: { [WRONG_PASSWORD]: 'motDePasseActuel' },
    onSuccess: () => {
      controller.reset();
      notifySuccess('Votre mot de passe est modifié. Vos sessions ouvertes sur d’autres appareils ont été fermées.');
    },
  });
  return (
    <Section title="Mot de passe">
      <ApiForm controller={controller} submitLabel="Changer le mot de passe">
        <PasswordField
          label="Mot de passe actuel"
          autoComplete="current-password"
          required
          {...controller.form.getInputProps('motDePasseActuel')}
        />
        <NewPasswordFields
          form={controller.form}
          field="nouveauMotDePasse"
          confirmation="confirmation"
          context={user}
        />
      </ApiForm>
    </Section>
  );
}

function DeleteAccountSection() {
  const queryClient = useQueryClient();
  const dialogs = useDialog<{ kind: 'delete' }>();
  const form = useForm({
    mode: 'controlled',
    initialValues: { motDePasse: '' },
    validate: zodValidate(ZAccountDelete),
  });

  return (
    <Section title="Supprimer mon compte">
      <Text>
        La suppression est définitive : vous perdez l’accès à toutes vos collectivités. Les déclarations que vous avez
        faites restent dans les dossiers de votre collectivité.
      </Text>
      <Button color="red.9" variant="outline" w="fit-content" onClick={() => dialogs.show({ kind: 'delete' })}>
        Supprimer mon compte
      </Button>
      <ConfirmModal
        opened={dialogs.isOpen('delete')}
        onClose={() => {
          form.reset();
          dialogs.close();
        }}
        title="Supprimer définitivement votre compte ?"
        confirmLabel="Supprimer définitivement mon compte"
        onConfirm={async () => {
          if (form.validate().hasErrors) return false;
          await moiApi.remove(ZAccountDelete.parse(form.getValues()));
          endSession(queryClient, { message: 'Votre compte a été supprimé.', color: 'bleu', forgetLocation: true });
        }}
        onError={(error) => {
          if (error instanceof ApiError)
            form.setErrors(apiErrorToFormErrors(error, ['motDePasse'], { [WRONG_PASSWORD]: 'motDePasse' }));
        }}
      >
        <Text>Saisissez votre mot de passe pour confirmer.</Text>
        <PasswordField
          label="Votre mot de passe"
          autoComplete="current-password"
          required
          data-autofocus
          {...form.getInputProps('motDePasse')}
        />
      </ConfirmModal>
    </Section>
  );
}

/** Environnement › Mon compte: coordonnées, notification address, password, deletion. */
export function MonComptePage() {
  const moi = useQuery({ queryKey: moiKey, queryFn: moiApi.get });
  return (
    <Page title="Mon compte" crumbs={[{ label: 'Environnement' }]}>
      {moi.isPending && <FullPageLoader />}
      {moi.isError && <ProblemAlert>{errorMessage(moi.error)}</ProblemAlert>}
      {moi.data && (
        <>
          <CoordonneesSection moi={moi.data} />
          <PasswordSection />
          <DeleteAccountSection />
        </>
      )}
    </Page>
  );
}
