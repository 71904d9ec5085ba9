/**
 * A message carried to the next page (« Votre session a expiré », « Mot de passe enregistré »).
 * It lives outside React so that it survives the redirect that follows the end of a session.
 */
export type Flash = {
  message: string;
  color: 'green' | 'bleu' | 'orange';
  /** After a logout or a deleted account, the next login should not return to the page left. */
  forgetLocation?: boolean;
  /** The collectivité of the page left when the session ended: the next login comes back to it. */
  collectiviteId?: string;
};

let current: Flash | null = null;

export function setFlash(flash: Flash): void {
  current = flash;
}

export function peekFlash(): Flash | null {
  return current;
}

export function clearFlash(): void {
  current = null;
}
