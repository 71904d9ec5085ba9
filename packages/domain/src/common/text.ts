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
