import { Paper, Select, Text, Textarea, TextInput } from '@mantine/core';
import { AIDE_MODULES, aideModuleLabels, type TFaqEntree, ZFaqInput } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { api } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { Markdown } from './Markdown';

export const FAQ_ENDPOINT = '/api/aide/faq';
const moduleOptions = AIDE_MODULES.map((m) => ({ value: m, label: aideModuleLabels[m] }));

/** The platform administrator writes a FAQ entry in Markdown and sees it as users will. */
export function FaqForm({ entree, onDone }: { entree?: TFaqEntree; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: {
      module: entree?.module ?? 'general',
      question: entree?.question ?? '',
      reponse: entree?.reponse ?? '',
      ordre: entree?.ordre ?? 0,
    },
    schema: ZFaqInput,
    submit: (body: z.input<typeof ZFaqInput>) =>
      entree ? api.put<TFaqEntree>(`${FAQ_ENDPOINT}/${entree.id}`, body) : api.post<TFaqEntree>(FAQ_ENDPOINT, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [FAQ_ENDPOINT] });
      notifySuccess(`La question « ${saved.question} » est enregistrée.`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer" onCancel={onDone} withRequiredNote>
      <Select label="Rubrique" required data={moduleOptions} allowDeselect={false} {...form.getInputProps('module')} />
      <TextInput label="Question" required maxLength={300} {...form.getInputProps('question')} />
      <Textarea
        label="Réponse"
        description="Markdown : **gras**, listes « - » ou « 1. », liens [texte](https://…)."
        required
        autosize
        minRows={5}
        maxRows={14}
        {...form.getInputProps('reponse')}
      />
      <Paper withBorder p="sm" component="section" aria-label="Aperçu de la réponse">
        <Text size="sm" fw={600} mb="xs">
          Aperçu
        </Text>
        <Markdown source={form.values.reponse} />
      </Paper>
    </ApiForm>
  );
}
