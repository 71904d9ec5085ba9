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
