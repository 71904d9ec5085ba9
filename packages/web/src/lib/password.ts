import { checkPassword, passwordMessages } from '@statutis/domain';
import type { z } from 'zod';

export type PasswordContext = { email?: string; nom?: string; prenom?: string; current?: string };

export const PASSWORD_POLICY =
  'De 12 à 128 caractères. Tous les caractères sont acceptés, espaces et accents compris : une phrase de plusieurs mots est facile à retenir et difficile à deviner.';

export const PASSWORD_MISMATCH = 'Les deux mots de passe saisis ne sont pas identiques.';

/**
 * Zod refinement for a new password and its confirmation: applies the shared policy (length,
 * common and personal passwords) so the user is told before sending; the server checks again.
 */
export function refineNewPassword<F extends string, C extends string>(
  field: F,
  confirmation: C,
  context: PasswordContext = {},
) {
  return (values: Record<F | C, string>, ctx: z.RefinementCtx) => {
    const problem = checkPassword(values[field], context);
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: passwordMessages[problem] });
    if (values[confirmation] !== values[field]) {
      ctx.addIssue({ code: 'custom', path: [confirmation], message: PASSWORD_MISMATCH });
    }
  };
}
