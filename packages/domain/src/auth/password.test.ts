import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH, passwordLength, passwordMessages } from './password.js';

describe('password policy', () => {
  it.each([
    ['onze_caract', 'tooShort'],
    ['douze_caract', null],
    ['é'.repeat(11), 'tooShort'],
    ['Mon chat s’appelle Félix !', null],
    ['Le 31/12/2027 à 23 h 59 € ✓', null],
    ['correct horse battery staple', null],
    ['a'.repeat(129), 'tooLong'],
    ['ab'.repeat(64), 'common'],
    ['motdepasse123', 'common'],
    ['MotDePasse123', 'common'],
    ['Azerty 123456', 'common'],
    ['aaaaaaaaaaaaaa', 'common'],
    ['123123123123', 'common'],
    ['qsdfqsdfjklmù', null],
  ] as const)('%j → %s', (password, expected) => {
    expect(checkPassword(password)).toBe(expected);
  });

  it.each([
    // A common word dressed up with capitals, digits and symbols at its ends is still that word.
    ['Motdepasse1234!', 'common'],
    ['!!Motdepasse2025', 'common'],
    ['MOTDEPASSE-2026-§', 'common'],
    ['Azertyuiop123!', 'common'],
    ['Bonjour123456?', 'common'],
    ['Marseille13013!', 'common'],
    ['Administrateur1!', 'common'],
    ['Statutis2026!!', 'common'],
    // …but a word inside a phrase, or digits between words, is a phrase.
    ['Motdepasse de Félix 2026', null],
    ['4821 9930 1277 5541', null],
    ['Soleil levant sur la mairie', null],
  ] as const)('common core: %j → %s', (password, expected) => {
    expect(checkPassword(password)).toBe(expected);
  });

  it('applies the server list to the core too', () => {
    expect(checkPassword('Dragonfly2024!!', {}, (p) => p === 'dragonfly')).toBe('common');
  });

  it.each([
    ['Une phrase\u0000 de passe', 'nul'],
    ['Une phrase\tde passe ok', 'control'],
    ['Une phrase\nde passe ok', 'control'],
    ['Une phrase\u200Bde passe', 'invisible'],
    ['Une phrase\uFEFFde passe', 'invisible'],
    ['Une phrase\u00ADde passe', 'invisible'],
    ['Une phrase\u202Ede passe', 'bidi'],
    ['Une phrase\u2066de passe\u2069', 'bidi'],
    ['Une phrase\u200Fde passe', 'bidi'],
    // The zero-width joiner of an emoji sequence is part of the emoji, not hidden text.
    ['Notre famille 👨\u200D👩\u200D👧 au complet', null],
  ])('%j → %s', (password, expected) => {
    expect(checkPassword(password)).toBe(expected);
  });

  it('refuses the current password as the new one, whatever its Unicode form', () => {
    expect(checkPassword('Mon chat s’appelle Félix !', { current: 'Mon chat s’appelle Félix !' })).toBe(
      'sameAsCurrent',
    );
    expect(
      checkPassword('Une phrase de passe é'.normalize('NFC'), { current: 'Une phrase de passe é'.normalize('NFD') }),
    ).toBe('sameAsCurrent');
    expect(checkPassword('Mon chat s’appelle Félix !!', { current: 'Mon chat s’appelle Félix !' })).toBeNull();
  });

  it('has a French message for every problem', () => {
    for (const problem of ['nul', 'control', 'invisible', 'bidi', 'sameAsCurrent'] as const) {
      expect(passwordMessages[problem]).toMatch(/^Le (nouveau )?mot de passe/);
    }
  });

  it('property: a common word with digits and symbols appended stays common', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('motdepasse', 'Motdepasse', 'AZERTYUIOP', 'Bonjour', 'Soleil'),
        fc.string({ unit: fc.constantFrom(...'0123456789!?$*#-_.'), minLength: 6, maxLength: 20 }),
        (word, tail) => checkPassword(`${word}${tail}`) === 'common',
      ),
    );
  });

  it('accepts 128 characters, any kind, and refuses 129', () => {
    const long = 'Une très longue phrase de passe, avec des accents et des symboles ! '.repeat(2).slice(0, 128);
    expect(passwordLength(long)).toBe(128);
    expect(checkPassword(long)).toBeNull();
    expect(checkPassword(`${long}x`)).toBe('tooLong');
  });

  it('counts an accented letter typed as two code points as one character', () => {
    const decomposed = 'e\u0301'.repeat(12);
    expect(passwordLength(decomposed)).toBe(12);
  });

  it('refuses a password that is only the user’s name or e-mail', () => {
    const context = { email: 'ella.gestionnaire@mairie-exemple.fr', nom: 'GESTIONNAIRE', prenom: 'Ella' };
    expect(checkPassword('Gestionnaire2026', context)).toBe('personal');
    expect(checkPassword('ella.gestionnaire', context)).toBe('personal');
    expect(checkPassword('Gestionnaire aime les pommes', context)).toBeNull();
  });

  it('asks the server list for common passwords', () => {
    expect(checkPassword('qwerty123456', {}, (p) => p === 'qwerty123456')).toBe('common');
  });

  it('property: any string of 12 to 128 varied characters is long enough and never too long', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 12, maxLength: PASSWORD_MAX_LENGTH }), (pw) => {
        const problem = checkPassword(pw);
        return problem !== 'tooShort' && problem !== 'tooLong';
      }),
    );
  });

  it('property: fewer than 12 characters is always too short', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 11 }), (pw) => checkPassword(pw) === 'tooShort'));
  });
});
