import { normalizeForSearch } from '../common/text.js';

/** ANSSI / ASVS 2.1: long passphrases welcome, no composition rule, no low maximum. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Common passwords of 12 characters or more that French users pick. The server adds a larger
 * international list; this one ships with the web form so the user is told before submitting.
 */
const FRENCH_COMMON = [
  'motdepasse123',
  'motdepasse1234',
  'motdepasse2024',
  'motdepasse2025',
  'motdepasse2026',
  'azertyuiop123',
  'azertyuiopqs',
  'azertyuiopqsdf',
  'azertyuiopqsdfghjklm',
  '123456789azerty',
  'azerty123456',
  'azerty1234567',
  'azertyazerty',
  'bonjour12345',
  'bonjour123456',
  'soleil123456',
  'jetaime123456',
  'marseille1234',
  'marseille13013',
  'doudou123456',
  'chouchou1234',
  'loulou123456',
  'mairie123456',
  'collectivite1',
  'collectivite123',
  'statutis2026',
  'statutis12345',
  'password1234',
  'password12345',
  'password123456',
  'motdepassemotdepasse',
  '123456789123',
  '123456789012',
  '1234567890123',
  '000000000000',
  '111111111111',
  'aaaaaaaaaaaa',
  'qwertyuiop123',
  'administrateur',
  'administrateur1',
  'gestionnaire1',
] as const;

/**
 * What is left of a password once spaces, accents, case and the digits and symbols at its ends are
 * taken away: « Motdepasse1234! » and « !!MOTDEPASSE-2026 » are both « motdepasse ». Guessing tools
 * try a list word with such endings first, so it is the core that must not be common.
 */
export function passwordCore(password: string): string {
  return normalizeForSearch(password)
    .replace(/\s+/g, '')
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

const frenchCommon = new Set<string>(FRENCH_COMMON);
const frenchCommonCores = new Set<string>(FRENCH_COMMON.map(passwordCore).filter((c) => c.length > 0));

export type PasswordProblem =
  | 'tooShort'
  | 'tooLong'
  | 'nul'
  | 'control'
  | 'invisible'
  | 'bidi'
  | 'sameAsCurrent'
  | 'common'
  | 'personal';

export const passwordMessages: Record<PasswordProblem, string> = {
  tooShort: `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  tooLong: `Le mot de passe ne peut dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  common:
    'Ce mot de passe est trop courant : il figure dans les listes que les pirates essaient en premier. Choisissez-en un autre, par exemple une phrase de plusieurs mots.',
  personal: 'Le mot de passe ne doit pas reprendre votre adresse e-mail ni votre nom.',
  nul: 'Le mot de passe contient un caractère nul (U+0000), qui ne se tape pas au clavier : saisissez-le à nouveau sans copier-coller.',
  control:
    'Le mot de passe ne peut contenir de caractère de contrôle (tabulation, retour à la ligne…) : saisissez-le sur une seule ligne.',
  invisible:
    'Le mot de passe contient un caractère invisible (espace sans largeur, trait d’union conditionnel…) : vous ne pourriez pas le retaper. Saisissez-le à nouveau sans copier-coller.',
  bidi: 'Le mot de passe contient une marque de direction du texte, invisible à l’écran (U+202E…) : saisissez-le à nouveau sans copier-coller.',
  sameAsCurrent: 'Le nouveau mot de passe doit être différent du mot de passe actuel.',
};

/** Bidirectional controls (embeddings, overrides, isolates, marks): they reorder what is shown. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const ZWJ = '\u200D';
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** The first character that cannot be typed back or hides itself, as a problem; null when none. */
function hiddenCharacter(password: string): PasswordProblem | null {
  if (password.includes('\u0000')) return 'nul';
  if (/\p{Cc}/u.test(password)) return 'control';
  if (BIDI.test(password)) return 'bidi';
  const chars = [...password];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!/\p{Cf}/u.test(c)) continue;
    // The joiner inside an emoji sequence (👨‍👩‍👧) belongs to the emoji.
    if (c === ZWJ && PICTOGRAPHIC.test(chars[i - 1] ?? '') && PICTOGRAPHIC.test(chars[i + 1] ?? '')) continue;
    return 'invisible';
  }
  return null;
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/** Length is counted in characters as the user sees them (an accented letter or an emoji is one). */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of graphemes.segment(password)) count++;
  return count;
}

/**
 * Checks a new password against the policy. `isCommon` is the server's breached-password
 * list; the French list above is always applied. Returns the first problem, or null.
 */
export function checkPassword(
  password: string,
  context: { email?: string; nom?: string; prenom?: string; current?: string } = {},
  isCommon: (normalized: string) => boolean = () => false,
): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  // The byte bound keeps hashing cheap whatever combining marks are piled on a character.
  if (length > PASSWORD_MAX_LENGTH || password.length > PASSWORD_MAX_LENGTH * 8) return 'tooLong';
  const hidden = hiddenCharacter(password);
  if (hidden) return hidden;
  if (context.current !== undefined && context.current.normalize('NFC') === password.normalize('NFC')) {
    return 'sameAsCurrent';
  }
  const normalized = normalizeForSearch(password).replace(/\s+/g, '');
  if (frenchCommon.has(normalized) || isCommon(normalized) || isCommon(password)) return 'common';
  if (isRepetition(normalized)) return 'common';
  const personal = [context.email?.split('@')[0], context.email, context.nom, context.prenom]
    .filter((v): v is string => !!v && v.length >= 3)
    .map((v) => normalizeForSearch(v).replace(/\s+/g, ''));
  // Only refuse when the password is little more than the personal datum itself.
  if (personal.some((p) => normalized.replace(/[\d\W_]+/g, '') === p.replace(/[\d\W_]+/g, ''))) {
    return 'personal';
  }
  const core = passwordCore(password);
  if (core.length > 0 && core !== normalized && (frenchCommonCores.has(core) || isCommon(core))) return 'common';
  return null;
}

/** "abcabcabcabc", "aaaaaaaaaaaa": a short pattern repeated carries no more strength than the pattern. */
function isRepetition(value: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const unit = value.slice(0, size);
    if (unit.repeat(Math.ceil(value.length / size)).slice(0, value.length) === value) return true;
  }
  return false;
}
