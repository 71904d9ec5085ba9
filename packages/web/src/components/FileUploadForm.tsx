import { FileInput, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { type DragEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../lib/api';
import { focusFirstInvalid } from '../lib/form';
import { formatFileSize } from '../lib/format';
import { useSubmitLock } from '../lib/useSubmitLock';
import { ProblemAlert } from './ProblemAlert';
import { SubmitButton } from './SubmitButton';

interface FileUploadFormProps {
  /** « Fichier de la liste nominative (CSV) ». */
  label: string;
  description?: string;
  /** The `accept` attribute: `.csv,text/csv`, `application/pdf`. */
  accept: string;
  maxBytes: number;
  submitLabel: string;
  /** Sends the file; `onProgress` takes the share sent, 0 to 100. Throws the API's error. */
  onUpload: (file: File, onProgress: (percent: number) => void) => Promise<void>;
}

/**
 * Choose (or drop) one file and send it, with a real progress bar of the upload. Size is checked
 * before sending; the server's answer (format refused, too large) lands beside the field.
 */
export function FileUploadForm({ label, description, accept, maxBytes, submitLabel, onUpload }: FileUploadFormProps) {
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const lock = useSubmitLock();
  const [dragging, setDragging] = useState(false);

  const choose = (next: File | null) => {
    setFile(next);
    setFieldError(null);
    setProblem(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (lock.isBusy()) return;
    const form = event.currentTarget;
    setProblem(null);
    const invalid = !file
      ? 'Choisissez un fichier.'
      : file.size === 0
        ? 'Le fichier est vide.'
        : file.size > maxBytes
          ? `Le fichier dépasse la taille maximale de ${formatFileSize(maxBytes)}.`
          : null;
    if (invalid || !file) {
      setFieldError(invalid);
      focusFirstInvalid(form);
      return;
    }
    setProgress(0);
    await lock.run(async () => {
      try {
        await onUpload(file, setProgress);
        setFile(null);
      } catch (error) {
        const onField =
          error instanceof ApiError
            ? (error.fieldErrors.find((e) => e.field.replace(/^\/?(body[./])?/, '') === 'fichier')?.message ?? null)
            : null;
        setFieldError(onField);
        // Said once: beside the field when it is about the file, above the form otherwise.
        setProblem(onField ? null : errorMessage(error));
        focusFirstInvalid(form);
      } finally {
        setProgress(null);
      }
    });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && progress === null) choose(dropped);
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {problem && <ProblemAlert>{problem}</ProblemAlert>}
        <Paper
          withBorder
          p="md"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            borderStyle: 'dashed',
            borderWidth: 2,
            borderColor: dragging ? 'var(--mantine-color-bleu-8)' : 'var(--mantine-color-gray-6)',
            background: dragging ? 'var(--mantine-color-bleu-0)' : undefined,
          }}
        >
          <Stack gap="xs">
            <FileInput
              label={label}
              description={description}
              accept={accept}
              value={file}
              onChange={choose}
              placeholder="Choisir un fichier"
              clearable
              clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
              error={fieldError}
              disabled={progress !== null}
              leftSection={<IconUpload size={18} aria-hidden="true" />}
            />
            <Text size="sm">
              Vous pouvez aussi glisser le fichier dans ce cadre.
              {file ? ` Fichier choisi : ${file.name} (${formatFileSize(file.size)}).` : ''}
            </Text>
          </Stack>
        </Paper>
        {progress !== null && (
          <Stack gap={4}>
            <Text size="sm">Envoi du fichier : {progress} %</Text>
            <Progress value={progress} aria-label="Envoi du fichier" size="lg" />
          </Stack>
        )}
        <Group justify="flex-end">
          <SubmitButton pending={progress !== null}>{submitLabel}</SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
