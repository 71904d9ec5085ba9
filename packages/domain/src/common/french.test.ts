import { describe, expect, it } from 'vitest';
import { capitalizePrenom, de, deCollectivite, ne, nonRenseigne, que, startsWithVowelSound } from './french.js';

describe('de: elision before a vowel sound', () => {
  it.each([
    ['Anaïs', 'd’Anaïs'],
    ['Hélène', 'd’Hélène'],
    ['Hugo', 'd’Hugo'],
    ['Ursule', 'd’Ursule'],
    ['Élodie', 'd’Élodie'],
    ['Œdipe', 'd’Œdipe'],
    ['Yves', 'd’Yves'],
    ['Yvonne', 'd’Yvonne'],
    ['Yann', 'de Yann'],
    ['Yolande', 'de Yolande'],
    ['Paul', 'de Paul'],
    ['Zoé', 'de Zoé'],
    ['Anaïs CHEVALIER', 'd’Anaïs CHEVALIER'],
  ])('%s → %s', (name, expected) => {
    expect(de(name)).toBe(expected);
  });

  it('a lone h or y is not a vowel sound', () => {
    expect(startsWithVowelSound('H')).toBe(false);
    expect(startsWithVowelSound('Y')).toBe(false);
  });
});

describe('deCollectivite: the article of the collectivité', () => {
  it.each([
    ['Commune de Belleville-sur-Arvelle', 'de la Commune de Belleville-sur-Arvelle'],
    ['CCAS de Belleville-sur-Arvelle', 'du CCAS de Belleville-sur-Arvelle'],
    ['Communauté de communes du Val d’Arvelle', 'de la Communauté de communes du Val d’Arvelle'],
    ['Centre de gestion de la Mayenne', 'du Centre de gestion de la Mayenne'],
    ['SDIS de la Mayenne', 'du SDIS de la Mayenne'],
    ['EHPAD Les Tilleuls', 'de l’EHPAD Les Tilleuls'],
    ['Ville de Laval', 'de la Ville de Laval'],
    ['Angers', 'd’Angers'],
    ['Laval', 'de Laval'],
  ])('%s → %s', (nom, expected) => {
    expect(deCollectivite(nom)).toBe(expected);
  });
});

describe('agreement', () => {
  it('né, née, né(e)', () => {
    expect([ne('M'), ne('F'), ne(null), ne(undefined)]).toEqual(['né', 'née', 'né(e)', 'né(e)']);
  });
  it('non renseigné(e)', () => {
    expect([nonRenseigne('M'), nonRenseigne('F')]).toEqual(['Non renseigné', 'Non renseignée']);
  });
});

describe('capitalizePrenom', () => {
  it.each([
    ['ella', 'Ella'],
    ['jean-pierre', 'Jean-Pierre'],
    ['MARIE-NOËLLE', 'Marie-Noëlle'],
    ['  anne   sophie ', 'Anne Sophie'],
    ['élodie', 'Élodie'],
    ['McKenzie', 'McKenzie'],
    ['Ella', 'Ella'],
    ['marie’ange', 'Marie’Ange'],
  ])('%s → %s', (typed, expected) => {
    expect(capitalizePrenom(typed)).toBe(expected);
  });
});

describe('que: elision', () => {
  it.each([
    ['Anaïs CHEVALIER', 'qu’Anaïs CHEVALIER'],
    ['Paul MARTIN', 'que Paul MARTIN'],
    ['Yves ROUX', 'qu’Yves ROUX'],
  ])('%s → %s', (name, expected) => {
    expect(que(name)).toBe(expected);
  });
});
