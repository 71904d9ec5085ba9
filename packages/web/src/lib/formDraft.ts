/**
 * What a user typed in a long form, kept while he logs in again after his session ended, then given
 * back to the same form of the same page.
 *
 * Kept in `sessionStorage`, not `localStorage`: the tab's own storage, gone when the tab is closed,
 * never shared with another tab or left on the computer. That is what makes it acceptable for a NIR
 * or an accident's circumstances. Each draft belongs to one user in one collectivité: another person
 * logging in in this tab never sees it (the drafts of a previous user are removed), and a draft is
 * removed as soon as its form is sent.
 */

const PREFIX = 'statutis:brouillon:';

let owner: string | null = null;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage refused (privacy settings): forms simply start empty.
    return null;
  }
}

/** Called with each session: the user and collectivité the next drafts belong to. */
export function setDraftOwner(userId: string, collectiviteId: string | null): void {
  const store = storage();
  const userPrefix = `${PREFIX}${userId}:`;
  if (store) {
    // Another person in this tab: the drafts of the previous one go.
    for (const key of Object.keys(store)) {
      if (key.startsWith(PREFIX) && !key.startsWith(userPrefix)) store.removeItem(key);
    }
  }
  owner = `${userId}:${collectiviteId ?? ''}`;
}

const keyOf = (name: string) => (owner ? `${PREFIX}${owner}:${name}` : null);

/** The draft saved under `name` (page and form) for the current owner, if any. */
export function readDraft<T>(name: string): Partial<T> | null {
  const key = keyOf(name);
  const text = key ? storage()?.getItem(key) : null;
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Partial<T>) : null;
  } catch {
    return null;
  }
}

export function saveDraft(name: string, values: unknown): void {
  const key = keyOf(name);
  if (!key) return;
  try {
    storage()?.setItem(key, JSON.stringify(values));
  } catch {
    // Quota reached: the form keeps working, only the draft is lost.
  }
}

export function clearDraft(name: string): void {
  const key = keyOf(name);
  if (key) storage()?.removeItem(key);
}
