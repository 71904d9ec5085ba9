import { FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { PIECE_MAX_BYTES } from '@statutis/domain';
import { IconUpload } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { ApiError, errorMessage } from '../../lib/api';
import { focusFirstInvalid } from '../../lib/form';
import { formatFileSize } from '../../lib/format';
import { useSubmitLock } from '../../lib/useSubmitLock';

export const PIECE_ACCEPT = 'application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png';
export const PIECE_FORMATS = `PDF, JPEG ou PNG, ${formatFileSize(PIECE_MAX_BYTES)} au plus`;

/** The fields whose server errors are shown beside them (the file here, the others by the parent). */
const PLACED_FIELDS = ['fichier', 'voletsConfirmes', 'libelle'];

/** Field errors of the server keyed by field name (`fichier`, `voletsConfirmes`, `libelle`). */
export type FieldErrors = Record<string, string>;

interface PieceUploadFormProps {
  label: string;
  submitLabel: string;
  /** Fields shown before the file (a label, the volets confirmation). */
  children?: ReactNode;
  /** Checks the extra fields before sending; returns their errors (none: send). */
  check?: () => FieldErrors;
  /** Places the server's field errors on the extra fields. */
  onFieldErrors?: (errors: FieldErrors) => void;
  onUpload: (file: File, onProgress: (percent: number) => void) => Promise<void>;
}

function fieldErrorsOf(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of error.fieldErrors) {
    const field = e.field.replace(/^\/?(body[./])?/, '');
    if (!(field in errors)) errors[field] = e.message;
  }
  return errors;
}

/**
 * One piece to deposit: its extra fields, the file (PDF, JPEG or PNG, 10 Mo at most, checked before
 * sending), the progress of the upload, and the server's refusals beside their fields.
 */
export function PieceUploadForm({
  label,
  submitLabel,
  children,
  check,
  onFieldErrors,
  onUpload,
}: PieceUploadFormProps) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const lock = useSubmitLock();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (lock.isBusy()) return;
    const form = event.currentTarget;
    setProblem(null);
    const extra = check?.() ?? {};
    const invalidFile = !file
      ? 'Choisissez un fichier.'
      : file.size === 0
        ? 'Le fichier est vide.'
        : file.size > PIECE_MAX_BYTES
          ? `Le fichier dépasse la taille maximale de ${formatFileSize(PIECE_MAX_BYTES)}.`
          : null;
    setFileError(invalidFile);
    if (invalidFile || !file || Object.keys(extra).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    setProgress(0);
    await lock.run(async () => {
      try {
        await onUpload(file, setProgress);
        setFile(null);
      } catch (error) {
        const errors = error instanceof ApiError ? fieldErrorsOf(error) : {};
        setFileError(errors.fichier ?? null);
        onFieldErrors?.(errors);
        // Said once: beside its field when the error names one, above the form otherwise.
        const keys = Object.keys(errors);
        const allPlaced = keys.length > 0 && keys.every((k) => PLACED_FIELDS.includes(k));
        setProblem(allPlaced ? null : errorMessage(error));
        focusFirstInvalid(form);
      } finally {
        setProgress(null);
      }
    });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {problem && <ProblemAlert>{problem}</ProblemAlert>}
        {children}
        <FileInput
          label={label}
          description={`${PIECE_FORMATS} ; le contenu du fichier est vérifié.`}
          accept={PIECE_ACCEPT}
          value={file}
          onChange={(next) => {
            setFile(next);
            setFileError(null);
            setProblem(null);
          }}
          placeholder="Choisir un fichier"
          clearable
          clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
          error={fileError}
          required
          disabled={progress !== null}
          leftSection={<IconUpload size={18} aria-hidden="true" />}
        />
        {file && (
          <Text size="sm">
            Fichier choisi : {file.name} ({formatFileSize(file.size)}).
          </Text>
        )}
        {progress !== null && (
          <Stack gap={4}>
            <Text size="sm">Envoi du fichier : {progress} %</Text>
            <Progress value={progress} aria-label={`Envoi du fichier : ${label}`} size="lg" />
          </Stack>
        )}
        <Group justify="flex-end">
          <SubmitButton pending={progress !== null} variant="light">
            {submitLabel}
          </SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
