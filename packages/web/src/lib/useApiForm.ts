import { useForm } from '@mantine/form';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'react-router';
import type { z } from 'zod';
import { ApiError } from './api';
import {
  apiErrorToFormErrors,
  bannerMessage,
  FORM_ERROR,
  focusFirstInvalid,
  frenchFallback,
  zodValidate,
} from './form';
import { clearDraft, readDraft, saveDraft } from './formDraft';
import { useSubmitLock } from './useSubmitLock';

export interface UseApiFormOptions<Values extends Record<string, unknown>, Parsed, Result> {
  initialValues: Values;
  /** A shared schema from `@statutis/domain` (possibly extended for web-only fields such as a confirmation). */
  schema: z.ZodType<Parsed>;
  submit: (values: Parsed) => Promise<Result>;
  onSuccess?: (result: Result, values: Parsed) => void;
  /** Called after a failed submission, once the errors are placed (e.g. to go back to the fields). */
  onError?: (error: unknown) => void;
  /** Error codes that concern one field, e.g. `{ mot_de_passe_incorrect: 'motDePasseActuel' }`. */
  codeFields?: Readonly<Record<string, string>>;
  /**
   * A long form names itself here to keep its input across a new login (see `formDraft.ts`): what is
   * typed is saved for this page, given back when the page opens again, and removed once sent.
   */
  draft?: string;
}

/**
 * A Mantine form validated by a zod schema and submitted to the API. Server field errors land
 * beside their field, the problem's `detail` above the form, and focus goes to the first error.
 */
export function useApiForm<Values extends Record<string, unknown>, Parsed, Result>({
  initialValues,
  schema,
  submit,
  onSuccess,
  onError,
  codeFields,
  draft,
}: UseApiFormOptions<Values, Parsed, Result>) {
  const { pathname } = useLocation();
  const draftName = draft ? `${pathname}#${draft}` : null;
  const [restored] = useState(() => (draftName ? readDraft<Values>(draftName) : null));
  const form = useForm<Values>({
    mode: 'controlled',
    // Only the fields the form still has: an old draft never adds or retypes anything.
    initialValues: restored ? { ...initialValues, ...pick(restored, initialValues) } : initialValues,
    validate: zodValidate(schema),
    onValuesChange: draftName ? (values) => saveDraft(draftName, values) : undefined,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const lock = useSubmitLock();

  const onSubmit = (event?: FormEvent<HTMLFormElement>) => {
    // A second submission while the first runs (double click, Enter twice) is dropped here too,
    // not only by the disabled button, which React renders too late for a fast second click.
    if (lock.isBusy()) {
      event?.preventDefault();
      return;
    }
    // Kept before any await: React clears `currentTarget` once the handler returns.
    const formElement = event?.currentTarget;
    form.onSubmit(
      (values) =>
        lock.run(async () => {
          setProblem(null);
          try {
            const parsed = schema.parse(values, { error: frenchFallback });
            const result = await submit(parsed);
            if (draftName) clearDraft(draftName);
            onSuccess?.(result, parsed);
          } catch (error) {
            const fieldErrors =
              error instanceof ApiError ? apiErrorToFormErrors(error, Object.keys(initialValues), codeFields) : {};
            form.setErrors(fieldErrors);
            setProblem(bannerMessage(error, fieldErrors));
            onError?.(error);
            focusFirstInvalid(formElement);
          }
        }),
      (errors) => {
        const formError = errors[FORM_ERROR];
        setProblem(formError ? String(formError) : null);
        focusFirstInvalid(formElement);
      },
    )(event);
  };

  const reset = () => {
    form.reset();
    setProblem(null);
  };

  return { form, onSubmit, problem, submitting: lock.pending, reset };
}

/** The draft's values for the fields of `initialValues`, of the same kind (a string stays a string). */
function pick<Values extends Record<string, unknown>>(draft: Partial<Values>, initialValues: Values): Partial<Values> {
  const kept: Partial<Values> = {};
  for (const key of Object.keys(initialValues) as (keyof Values)[]) {
    const value = draft[key];
    const initial = initialValues[key];
    if (value === undefined) continue;
    if (initial === null || value === null || typeof value === typeof initial) kept[key] = value;
  }
  return kept;
}

export type ApiFormController = Pick<ReturnType<typeof useApiForm>, 'onSubmit' | 'problem' | 'submitting'>;
