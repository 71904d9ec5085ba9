import { hash, verify } from '@node-rs/argon2';
import { checkPassword, passwordMessages } from '@statutis/domain';
import { dictionary } from '@zxcvbn-ts/language-common';
import { Invalid } from '../http/errors.js';

/** argon2id with the OWASP baseline (19 MiB, 2 iterations, 1 lane). */
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), options);
}

export async function verifyPassword(hashValue: string | null, password: string): Promise<boolean> {
  // Without a hash we still spend the time of one verification, so timing does not reveal accounts.
  const target = hashValue ?? dummyHash;
  try {
    const ok = await verify(target, password.normalize('NFC'));
    return ok && hashValue !== null;
  } catch {
    return false;
  }
}

const dummyHash = await hashPassword('statutis-mot-de-passe-factice');

/** The breached-password list shipped with zxcvbn (≈ 49 000 entries), lower-cased. */
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Refuses a new password that breaks the policy, with the French message on the given field. */
export function assertAcceptablePassword(
  password: string,
  context: { email?: string; nom?: string; prenom?: string },
  field: string,
) {
  const problem = checkPassword(password, context, (p) => common.has(p.toLowerCase()));
  if (problem)
    throw Invalid(passwordMessages[problem], [{ field, message: passwordMessages[problem] }], 'mot_de_passe_refuse');
}
