import { NativeSelect, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { de, ROLES, roleLabels, type TCompte, type TRole, ZCompteCreate, ZCompteUpdate } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { ApiForm } from '../../components/ApiForm';
import { fullName } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { COMPTES_ENDPOINT, comptesApi } from './api';
import { CoordonneesFields } from './CoordonneesFields';

const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabels[role] }));
const ROLE_HELP = 'Lecteur : consulte. Publicateur : consulte et déclare. Administrateur : gère aussi les comptes.';

function RoleSelect<V extends { role: TRole }>({ form }: { form: UseFormReturnType<V> }) {
  return (
    <NativeSelect label="Rôle" description={ROLE_HELP} data={roleOptions} required {...form.getInputProps('role')} />
  );
}

interface CompteFormProps {
  onDone: () => void;
}

function useRefreshComptes() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [COMPTES_ENDPOINT] });
}

/** « + Ajouter »: the server creates the account and e-mails the invitation. */
export function CreateCompteForm({ onDone }: CompteFormProps) {
  const refresh = useRefreshComptes();
  const controller = useApiForm({
    initialValues: { nom: '', prenom: '', email: '', telephone: '', role: 'lecteur' as TRole },
    schema: ZCompteCreate,
    submit: comptesApi.create,
    onSuccess: (compte) => {
      void refresh();
      notifySuccess(`Une invitation a été envoyée à ${compte.email}.`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer" onCancel={onDone} withRequiredNote>
      <CoordonneesFields
        form={form}
        email={
          <TextInput
            label="Adresse e-mail"
            description="L’invitation à activer le compte y sera envoyée."
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps('email')}
          />
        }
      />
      <RoleSelect form={form} />
    </ApiForm>
  );
}

/** « Modifier »: rôle, activation and coordonnées; the e-mail is the login and stays as it is. */
export function EditCompteForm({ compte, onDone }: CompteFormProps & { compte: TCompte }) {
  const refresh = useRefreshComptes();
  const controller = useApiForm({
    initialValues: {
      nom: compte.nom,
      prenom: compte.prenom,
      telephone: compte.telephone ?? '',
      role: compte.role,
      actif: compte.actif,
    },
    schema: ZCompteUpdate,
    submit: (body) => comptesApi.update(compte.id, body),
    onSuccess: (saved) => {
      void refresh();
      notifySuccess(`Le compte ${de(fullName(saved))} est enregistré.`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer" onCancel={onDone} withRequiredNote>
      <Text>
        Adresse e-mail : <strong>{compte.email}</strong>
      </Text>
      <CoordonneesFields form={form} />
      <RoleSelect form={form} />
      <Switch
        label="Actif"
        description="Un compte désactivé ne peut plus se connecter ; il peut être réactivé à tout moment."
        {...form.getInputProps('actif', { type: 'checkbox' })}
      />
    </ApiForm>
  );
}
