/** Lower case without accents or surrounding spaces: how names and e-mails are compared. */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** E-mail addresses are identifiers: compared and stored in lower case, trimmed. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Letters folded for name search (accents, case), as one `translate` table so that the database
 * computes exactly the same key (a generated column, whatever the server's locale) as this code.
 */
export const NAME_KEY_FROM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŸ';
export const NAME_KEY_TO = 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooouuuuuuuuyyyy';
/** Ligatures become two letters (Lætitia, Œuvray), after the table. */
export const NAME_KEY_LIGATURES: readonly [string, string][] = [
  ['Œ', 'oe'],
  ['œ', 'oe'],
  ['Æ', 'ae'],
  ['æ', 'ae'],
];

/** « Hélène MÉNARD » → « helene menard »: what a name search compares. */
export function nameSearchKey(value: string): string {
  let key = '';
  for (const c of value) {
    const i = NAME_KEY_FROM.indexOf(c);
    key += i >= 0 ? NAME_KEY_TO[i] : c;
  }
  for (const [from, to] of NAME_KEY_LIGATURES) key = key.split(from).join(to);
  return key;
}

/**
 * Punctuation a French reader does not see when sorting names (« D’Artagnan » files with « Da »,
 * « Martin-Dupont » with « Martin Dupont »): it becomes a space in the sort key.
 */
export const NAME_SORT_SPACED = "’'-.";

/**
 * Between the name and the first name of a sort key: below every character of a name, so that all
 * the MARTIN come before MARTIN-DUPONT whatever their first names.
 */
export const NAME_SORT_SEPARATOR = '\u0001';

function sortKeyPart(value: string): string {
  let key = '';
  for (const c of nameSearchKey(value)) key += NAME_SORT_SPACED.includes(c) ? ' ' : c;
  return key;
}

/**
 * « ÇAKIR », « Élise » → « cakir␁elise »: the key a list of people is sorted on, so that BÉRANGER
 * files before BOYER and ÇAKIR among the C, as in a French directory. The database computes the
 * same key in a generated column (`agent.tri`) and compares it byte by byte (`COLLATE "C"`),
 * whatever its locale or ICU support (PGlite has neither).
 */
export function nameSortKey(nom: string, prenom: string): string {
  return `${sortKeyPart(nom)}${NAME_SORT_SEPARATOR}${sortKeyPart(prenom)}`;
}

/** Code point order, as PostgreSQL's "C" collation compares UTF-8 bytes. */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/**
 * French order of people: the folded key first, then the names as written (BERANGER before
 * BÉRANGER, a stable order for homonyms). The SQL lists sort by the same three values.
 */
export function compareNames(a: { nom: string; prenom: string }, b: { nom: string; prenom: string }): number {
  return (
    compareCodePoints(nameSortKey(a.nom, a.prenom), nameSortKey(b.nom, b.prenom)) ||
    compareCodePoints(a.nom, b.nom) ||
    compareCodePoints(a.prenom, b.prenom)
  );
}
