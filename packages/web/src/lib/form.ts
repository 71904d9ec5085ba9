import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';
import { ApiError, errorMessage } from './api';

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

type Issue = z.core.$ZodRawIssue;

/**
 * French words for the few rules a shared schema leaves without its own message (a number field
 * emptied, an integer typed with decimals…). The schema's messages always win over these.
 */
export function frenchFallback(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'Indiquez un nombre entier.';
      if (issue.expected === 'number') return 'Indiquez un nombre.';
      return 'Ce champ est obligatoire.';
    case 'invalid_value':
      return 'Choisissez une valeur dans la liste.';
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'Ce champ est obligatoire.' : `${issue.minimum} caractères au moins.`;
      if (issue.origin === 'array') return 'Choisissez au moins un élément.';
      return `La valeur doit être supérieure ${issue.inclusive ? 'ou égale ' : ''}à ${issue.minimum.toLocaleString('fr-FR')}.`;
    case 'too_big':
      if (issue.origin === 'string') return `${issue.maximum} caractères au plus.`;
      if (issue.origin === 'array') return `${issue.maximum} éléments au plus.`;
      return `La valeur doit être inférieure ${issue.inclusive ? 'ou égale ' : ''}à ${issue.maximum.toLocaleString('fr-FR')}.`;
    default:
      return 'Valeur invalide.';
  }
}

/**
 * A Mantine form `validate` function running one of the shared zod schemas, so the browser
 * refuses exactly what the server would refuse, with the same French messages.
 */
export function zodValidate(schema: z.ZodType) {
  return (values: unknown): FormErrors => {
    const result = schema.safeParse(values, { error: frenchFallback });
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
    // A field of a list (`garanties.3.franchiseNombre`) belongs to the form's `garanties`.
    const known = fields.includes(path) || fields.some((f) => path.startsWith(`${f}.`));
    if (known && !(path in errors)) errors[path] = message;
  }
  return errors;
}

/** Moves keyboard focus to the first field marked invalid, once React has rendered the messages. */
export function focusFirstInvalid(container: HTMLElement | null | undefined): void {
  requestAnimationFrame(() => {
    container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

/**
 * What the banner above the form says after a failed submission: nothing when every message of the
 * error already stands beside its field (saying it twice made users look for a second problem),
 * otherwise the problem's French `detail`.
 */
export function bannerMessage(error: unknown, placed: FormErrors): string | null {
  const placedCount = Object.keys(placed).length;
  if (error instanceof ApiError && placedCount > 0 && error.fieldErrors.length <= placedCount) return null;
  return errorMessage(error);
}
