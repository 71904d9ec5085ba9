import { Textarea, TextInput } from '@mantine/core';
import { type TActualite, ZActualiteInput } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ApiForm } from '../../components/ApiForm';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { ACTUALITES_ENDPOINT, type ActualiteInput, actualitesApi } from './api';

interface ActualiteFormProps {
  actualite?: TActualite;
  onDone: () => void;
}

/** Create or edit a news item; a future publication date keeps it hidden until that day. */
export function ActualiteForm({ actualite, onDone }: ActualiteFormProps) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: {
      titre: actualite?.titre ?? '',
      contenu: actualite?.contenu ?? '',
      publieeLe: actualite?.publieeLe.slice(0, 10) ?? dayjs().format('YYYY-MM-DD'),
    },
    schema: ZActualiteInput,
    submit: (body: ActualiteInput) =>
      actualite ? actualitesApi.update(actualite.id, body) : actualitesApi.create(body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [ACTUALITES_ENDPOINT] });
      notifySuccess(`L’actualité « ${saved.titre} » est enregistrée.`);
      onDone();
    },
  });
  const { form } = controller;

  return (
    <ApiForm controller={controller} submitLabel="Enregistrer" onCancel={onDone} withRequiredNote>
      <TextInput label="Titre" required maxLength={200} {...form.getInputProps('titre')} />
      <Textarea label="Texte" required autosize minRows={6} maxRows={16} {...form.getInputProps('contenu')} />
      <FrenchDateInput
        label="Date de publication"
        description="Au format JJ/MM/AAAA. Une date future masque l’actualité jusqu’à ce jour."
        required
        {...form.getInputProps('publieeLe')}
      />
    </ApiForm>
  );
}
