import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, nameSortKey } from './text.js';

const people = (names: string[]) => names.map((n) => ({ nom: n, prenom: 'Anne' }));

describe('ordre alphabétique des noms', () => {
  it('files names as a French directory does', () => {
    const sorted = people([
      'SANCHEZ',
      'BOYER',
      'Œuvray',
      'ÇAKIR',
      'de La Fontaine',
      'BÉRANGER',
      'Éloïse',
      'DURAND',
      'ZOLA',
    ])
      .sort(compareNames)
      .map((p) => p.nom);
    expect(sorted).toEqual([
      'BÉRANGER',
      'BOYER',
      'ÇAKIR',
      'de La Fontaine',
      'DURAND',
      'Éloïse',
      'Œuvray',
      'SANCHEZ',
      'ZOLA',
    ]);
  });

  it('sorts by name, then first name', () => {
    const list = [
      { nom: 'MARTIN', prenom: 'Zoé' },
      { nom: 'MARTIN-DUPONT', prenom: 'Anne' },
      { nom: 'MARTIN', prenom: 'Émile' },
      { nom: 'D’ARTAGNAN', prenom: 'Charles' },
      { nom: 'DA SILVA', prenom: 'Ana' },
    ].sort(compareNames);
    expect(list.map((p) => `${p.nom} ${p.prenom}`)).toEqual([
      'D’ARTAGNAN Charles',
      'DA SILVA Ana',
      'MARTIN Émile',
      'MARTIN Zoé',
      'MARTIN-DUPONT Anne',
    ]);
  });

  it('breaks ties on the names as written, for a stable order', () => {
    expect(compareNames({ nom: 'BERANGER', prenom: 'A' }, { nom: 'BÉRANGER', prenom: 'A' })).toBe(-1);
    expect(compareNames({ nom: 'BÉRANGER', prenom: 'A' }, { nom: 'BÉRANGER', prenom: 'A' })).toBe(0);
    expect(nameSortKey('Œuvray', 'Lætitia')).toBe('oeuvray\u0001laetitia');
  });

  // Letters of French names, with and without accents, and a space between words.
  const name = fc
    .array(fc.constantFrom(...'abceilnorsuyzABCEOSÉÈÊËÀÂÎÏÔÛÜÇŒéèàçœ'.split('')), { minLength: 1, maxLength: 8 })
    .map((letters) => letters.join(''));

  it('property: names whose letters differ are in the order of Intl.Collator("fr")', () => {
    const collator = new Intl.Collator('fr', { sensitivity: 'base' });
    fc.assert(
      fc.property(name, name, (a, b) => {
        const byCollator = Math.sign(collator.compare(a, b));
        if (byCollator === 0) return true; // same letters: the tie-break is ours
        return Math.sign(compareNames({ nom: a, prenom: '' }, { nom: b, prenom: '' })) === byCollator;
      }),
    );
  });
});
