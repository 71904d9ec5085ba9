import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import type { ApiError } from './api';

/** Key of the errors that belong to the whole form rather than to one field. */
export const FORM_ERROR = '';

/** First message per field, keyed by the dotted path Mantine form uses (`adresse.ville`). */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/**
 * A Mantine form `validate` function running one of the shared zod schemas, so the browser
 * refuses exactly what the server would refuse, with the same French messages.
 */
export function zodValidate(schema: z.ZodType) {
  return (values: unknown): FormErrors => {
    const result = schema.safeParse(values);
    return result.success ? {} : issuesToErrors(result.error.issues);
  };
}

/**
 * The messages of an API error that belong beside a field of the form. Field paths may come as
 * `email`, `body.email` or `/email`; `codeFields` ties an error code to the field it is about.
 */
export function apiErrorToFormErrors(
  error: ApiError,
  fields: readonly string[],
  codeFields: Readonly<Record<string, string>> = {},
): FormErrors {
  const errors: FormErrors = {};
  // Some answers concern one field without naming it (403 `mot_de_passe_incorrect`).
  const byCode = codeFields[error.code];
  if (byCode) errors[byCode] = error.detail;
  for (const { field, message } of error.fieldErrors) {
    const path = field
      .replace(/^\/+/, '')
      .replace(/^body[./]/, '')
      .replaceAll('/', '.');
    if (fields.includes(path) && !(path in errors)) errors[path] = message;
  }
  return errors;
}

/** Moves keyboard focus to the first field marked invalid, once React has rendered the messages. */
export function focusFirstInvalid(container: HTMLElement | null | undefined): void {
  requestAnimationFrame(() => {
    container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
