import { SimpleGrid } from '@mantine/core';
import { type TPeriodeCalcul, ZPeriodeCalcul } from '@statutis/domain';
import { ApiForm } from '../../components/ApiForm';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { useApiForm } from '../../lib/useApiForm';
import { moisPrecedent } from './decomptes.api';

/** The period a computation costs (last month by default), for one file or the whole portfolio. */
export function PeriodeForm<R>({
  submit,
  onSuccess,
  submitLabel,
}: {
  submit: (periode: TPeriodeCalcul) => Promise<R>;
  onSuccess: (result: R) => Promise<void> | void;
  submitLabel: string;
}) {
  const controller = useApiForm({
    initialValues: moisPrecedent(),
    schema: ZPeriodeCalcul,
    submit,
    onSuccess,
  });
  return (
    <ApiForm controller={controller} submitLabel={submitLabel}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <FrenchDateInput label="Période du" required {...controller.form.getInputProps('du')} />
        <FrenchDateInput label="au" required {...controller.form.getInputProps('au')} />
      </SimpleGrid>
    </ApiForm>
  );
}
