import { NativeSelect, TextInput } from '@mantine/core';
import { COLLECTIVITE_TYPES, collectiviteTypeLabels, type TCollectivite, ZCollectiviteCreate } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiForm } from '../../components/ApiForm';
import { ProblemAlert } from '../../components/ProblemAlert';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { COLLECTIVITES_ENDPOINT, collectivitesApi, useCdgs } from './api';

interface CollectiviteFormProps {
  collectivite?: TCollectivite;
  onDone: () => void;
}

/** Create or correct a collectivité: name, SIRET (its check key is verified), type, centre de gestion. */
export function CollectiviteForm({ collectivite, onDone }: CollectiviteFormProps) {
  const queryClient = useQueryClient();
  const cdgs = useCdgs();
  const controller = useApiForm({
    initialValues: {
      nom: collectivite?.nom ?? '',
      siret: collectivite?.siret ?? '',
      type: collectivite?.type ?? '',
      cdgId: collectivite?.cdgId ?? '',
    },
    schema: ZCollectiviteCreate,
    submit: (body) => (collectivite ? collectivitesApi.update(collectivite.id, body) : collectivitesApi.create(body)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [COLLECTIVITES_ENDPOINT] });
      notifySuccess(`La collectivité « ${saved.nom} » est enregistrée.`);
      onDone();
    },
  });
  const { form } = controller;
  // A single centre de gestion (the usual case) is chosen for the user.
  const onlyCdg = cdgs.data?.length === 1 ? cdgs.data[0]?.id : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the list of centres arrives
  useEffect(() => {
    if (onlyCdg && !form.getValues().cdgId) form.setFieldValue('cdgId', onlyCdg);
  }, [onlyCdg]);

  return (
    <ApiForm
      controller={controller}
      submitLabel={collectivite ? 'Enregistrer' : 'Créer la collectivité'}
      onCancel={onDone}
      withRequiredNote
    >
      <TextInput
        label="Nom"
        description="Tel qu’il s’affichera : « Commune de Belleville-sur-Arvelle », « CCAS de… »."
        required
        maxLength={200}
        {...form.getInputProps('nom')}
      />
      <TextInput
        label="SIRET"
        description="14 chiffres ; la clé de contrôle est vérifiée."
        required
        inputMode="numeric"
        autoComplete="off"
        maw={260}
        {...form.getInputProps('siret')}
      />
      <NativeSelect
        label="Type"
        required
        data={[
          { value: '', label: 'Choisissez le type', disabled: true },
          ...COLLECTIVITE_TYPES.map((t) => ({ value: t, label: collectiviteTypeLabels[t] })),
        ]}
        {...form.getInputProps('type')}
      />
      {cdgs.isError && <ProblemAlert>{errorMessage(cdgs.error)}</ProblemAlert>}
      <NativeSelect
        label="Centre de gestion"
        required
        data={[
          { value: '', label: 'Choisissez le centre de gestion', disabled: true },
          ...(cdgs.data ?? []).map((c) => ({ value: c.id, label: c.nom })),
        ]}
        {...form.getInputProps('cdgId')}
      />
    </ApiForm>
  );
}
