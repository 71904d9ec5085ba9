import { describe, expect, it } from 'vitest';
import { fieldsWithControlCharacters, hasForbiddenCharacter } from './edge.js';

describe('hasForbiddenCharacter', () => {
  it.each([
    ['NUL', 'a\u0000', true],
    ['bell', '\u0007', true],
    ['vertical tab', 'a\u000bb', true],
    ['escape', '\u001b[31m', true],
    ['DEL', '\u007f', true],
    ['C1 CSI', '\u009b', true],
    ['lone high surrogate', 'a\ud800', true],
    ['lone low surrogate', '\udc00b', true],
    ['tab, LF, CR', 'a\tb\nc\r\n', false],
    ['line separator', 'a\u2028b', false],
    ['bidi override (text field)', 'שלום\u202e', false],
    ['emoji (surrogate pair)', '😀👨\u200d👩\u200d👧', false],
    ['accents', 'Élodie Œuvrard’s', false],
  ])('%s', (_label, text, forbidden) => {
    expect(hasForbiddenCharacter(text)).toBe(forbidden);
  });
});

describe('fieldsWithControlCharacters', () => {
  it('names the path of each offending string or key', () => {
    expect(
      fieldsWithControlCharacters({
        nom: 'ok',
        temoins: [{ nom: 'ok' }, { nom: 'D\u0000' }],
        'cl\u0000e': 1,
        liste: ['a', 'b\u0007'],
      }).sort(),
    ).toEqual(['cl\u0000e', 'liste.1', 'temoins.1.nom']);
    expect(fieldsWithControlCharacters('\u0000')).toEqual(['']);
    expect(fieldsWithControlCharacters({ a: 1, b: null, c: true })).toEqual([]);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`);
    expect(fieldsWithControlCharacters(deep)).toHaveLength(1);
  });
});
