import { Button, Group, Modal, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorMessage } from '../lib/api';
import { focusFirstInvalid } from '../lib/form';
import { useSubmitLock } from '../lib/useSubmitLock';
import { ProblemAlert } from './ProblemAlert';
import { SubmitButton } from './SubmitButton';

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /**
   * Runs the action. Resolve `false` to keep the dialog open (e.g. a field to correct); a thrown
   * API error is shown in the dialog, after `onError` had a chance to place field messages.
   */
  onConfirm: () => Promise<unknown>;
  onError?: (error: unknown) => void;
  danger?: boolean;
}

/** Asks before an action that cannot be undone; the confirm button is the form's submit button. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
  onError,
  danger = true,
}: ConfirmModalProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const { pending, run } = useSubmitLock();

  const close = () => {
    setProblem(null);
    onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    await run(async () => {
      setProblem(null);
      try {
        if ((await onConfirm()) !== false) close();
        else focusFirstInvalid(form);
      } catch (error) {
        onError?.(error);
        setProblem(errorMessage(error));
        focusFirstInvalid(form);
      }
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          {problem && <ProblemAlert>{problem}</ProblemAlert>}
          {children}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={pending}>
              Annuler
            </Button>
            <SubmitButton color={danger ? 'red.9' : undefined} pending={pending}>
              {confirmLabel}
            </SubmitButton>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
