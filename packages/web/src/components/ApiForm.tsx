import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiFormController } from '../lib/useApiForm';
import { ProblemAlert } from './ProblemAlert';
import { SubmitButton } from './SubmitButton';

interface ApiFormProps {
  controller: ApiFormController;
  submitLabel: string;
  children: ReactNode;
  onCancel?: () => void;
  cancelLabel?: string;
  /** Shown when the form has required fields. */
  withRequiredNote?: boolean;
  submitColor?: string;
}

/** Every form looks and behaves the same: the problem on top, the fields, then the actions. */
export function ApiForm({
  controller,
  submitLabel,
  children,
  onCancel,
  cancelLabel = 'Annuler',
  withRequiredNote = false,
  submitColor,
}: ApiFormProps) {
  return (
    <form noValidate onSubmit={controller.onSubmit}>
      <Stack gap="md">
        {withRequiredNote && (
          <Text size="sm">Tous les champs sont obligatoires, sauf ceux marqués « facultatif ».</Text>
        )}
        {controller.problem && <ProblemAlert>{controller.problem}</ProblemAlert>}
        {children}
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={controller.submitting}>
              {cancelLabel}
            </Button>
          )}
          <SubmitButton pending={controller.submitting} color={submitColor}>
            {submitLabel}
          </SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
