/**
 * Small rules of written French used wherever a sentence is built around a name: elision, gender
 * agreement, capitals of first names, the article before a collectivité's name.
 */

/** The typographic apostrophe every text of the application uses. */
export const APOSTROPHE = '’';

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;

/**
 * True when a word begins with a vowel sound, so that « de », « le », « que » elide before it.
 * Vowels and the mute h elide (« d’Anaïs », « d’Hélène », « d’Ursule »); a y elides when a consonant
 * follows it, as in « Yves » or « Yvonne », where it sounds [i], and not before a vowel, where it is a
 * consonant (« de Yann », « de Yolande »). The aspirated h of a few names is not told apart: first
 * names with h are read with a mute h, as usage does (« d’Henri », « d’Hugo »).
 */
export function startsWithVowelSound(word: string): boolean {
  const w = word.trim().normalize('NFC');
  if (/^y/i.test(w)) return /^y[^aeiouyàâäéèêëîïôöùûü]/i.test(w);
  if (/^h/i.test(w)) return VOWEL.test(w.slice(1));
  return VOWEL.test(w);
}

/** « de » before a name: « de Paul », « d’Anaïs », « d’Yves ». */
export function de(word: string): string {
  return startsWithVowelSound(word) ? `d${APOSTROPHE}${word}` : `de ${word}`;
}

/** « que » before a name: « que Paul », « qu’Anaïs ». */
export function que(word: string): string {
  return startsWithVowelSound(word) ? `qu${APOSTROPHE}${word}` : `que ${word}`;
}

export type Genre = 'M' | 'F';

/** « Non renseigné » agreeing with the noun it stands for (« Sexe : non renseigné », « Date : non renseignée »). */
export function nonRenseigne(genre: Genre): string {
  return genre === 'F' ? 'Non renseignée' : 'Non renseigné';
}

/** « né », « née », or « né(e) » while the sex is unknown. */
export function ne(sexe: Genre | null | undefined): string {
  return sexe === 'F' ? 'née' : sexe === 'M' ? 'né' : 'né(e)';
}

/**
 * A first name as it is written: a capital at the start of each part (« ella » → « Ella »,
 * « jean-pierre » → « Jean-Pierre », « MARIE-NOËLLE » → « Marie-Noëlle »). A name typed with its own mix
 * of capitals keeps it (« McKenzie »), only its first letters are raised.
 */
export function capitalizePrenom(value: string): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  const lower = trimmed.toLocaleLowerCase('fr-FR');
  const upper = trimmed.toLocaleUpperCase('fr-FR');
  // All in one case: nothing of the user's to keep, each part starts with a capital.
  const base = trimmed === lower || trimmed === upper ? lower : trimmed;
  return base.replace(
    /(^|[\s\-'’])(\p{L})/gu,
    (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase('fr-FR'),
  );
}

/**
 * The first words of a collectivité's name that give its article, with that article in « de … »:
 * « de la Commune de Belleville », « du CCAS de … », « de l’EHPAD … ». Checked in this order, the longest first.
 */
const ARTICLES: readonly [RegExp, 'de la' | 'du' | 'de l’' | 'des'][] = [
  [/^(commune|communauté|ville|mairie|métropole|région|collectivité|caisse|maison|régie)(?=[\s-]|$)/iu, 'de la'],
  [
    /^(centre|ccas|cias|sdis|syndicat|sivu|sivom|sictom|smictom|département|conseil|cdg|pôle|groupement)(?=[\s-]|$)/iu,
    'du',
  ],
  [/^(établissement|ehpad|epci|office|institut|agglomération)(?=[\s-]|$)/iu, 'de l’'],
  [/^(services?)(?=[\s-]|$)/iu, 'du'],
];

/**
 * « de » followed by a collectivité's name with its article: « de la Commune de Belleville-sur-Arvelle »,
 * « du CCAS de Belleville-sur-Arvelle », « de la Communauté de communes du Val d’Arvelle ». A name whose
 * first word gives no article (a town's own name) takes « de » with elision: « d’Angers ».
 */
export function deCollectivite(nom: string): string {
  const name = nom.trim();
  for (const [pattern, article] of ARTICLES) {
    if (pattern.test(name)) return article === 'de l’' ? `${article}${name}` : `${article} ${name}`;
  }
  return de(name);
}
