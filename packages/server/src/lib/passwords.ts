import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import { checkPassword, passwordMessages } from '@statutis/domain';
import { Invalid } from '../http/errors.js';

/** argon2id with the OWASP baseline (19 MiB, 2 iterations, 1 lane). */
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), options);
}

/**
 * What an account without a password is checked against, so that timing does not reveal which
 * accounts exist: a well-formed argon2id hash with the current parameters (its cost is one real
 * verification) of bytes that are no password's hash. Written out rather than hashed at start-up,
 * which cost one argon2 hash on every start.
 */
const dummyHash = `$argon2id$v=19$m=${options.memoryCost},t=${options.timeCost},p=${options.parallelism}$c3RhdHV0aXMtZmFjdGljZQ$ZmF1eC1oYWNoZS1zdGF0dXRpcy1hdWN1bi1zZWNyZXQ`;

export async function verifyPassword(hashValue: string | null, password: string): Promise<boolean> {
  const target = hashValue ?? dummyHash;
  try {
    const ok = await verify(target, password.normalize('NFC'));
    return ok && hashValue !== null;
  } catch {
    return false;
  }
}

/**
 * The breached-password list shipped with zxcvbn (≈ 49 000 entries), lower-cased. Loaded on the
 * first password change rather than at start-up, where decompressing it cost about 0.1 s.
 */
let common: Set<string> | undefined;
function isCommon(password: string): boolean {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)(
      '@zxcvbn-ts/language-common',
    ) as typeof import('@zxcvbn-ts/language-common');
    common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  }
  return common.has(password.toLowerCase());
}

/** Refuses a new password that breaks the policy, with the French message on the given field. */
export function assertAcceptablePassword(
  password: string,
  context: { email?: string; nom?: string; prenom?: string; current?: string },
  field: string,
) {
  const problem = checkPassword(password, context, isCommon);
  if (problem)
    throw Invalid(passwordMessages[problem], [{ field, message: passwordMessages[problem] }], 'mot_de_passe_refuse');
}
