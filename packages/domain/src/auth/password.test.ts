import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH, passwordLength } from './password.js';

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
