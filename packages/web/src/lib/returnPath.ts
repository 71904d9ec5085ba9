/** Where to go after logging in: only a path of this site, never another origin (`//evil.example`). */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/connexion')) return '/';
  return value;
}

/** The login page, with the page to come back to and the collectivité that page belongs to. */
export function loginPath(returnTo?: string, collectiviteId?: string): string {
  const params = new URLSearchParams();
  if (returnTo && returnTo !== '/') params.set('retour', returnTo);
  if (collectiviteId) params.set('collectivite', collectiviteId);
  const query = params.toString();
  return query ? `/connexion?${query}` : '/connexion';
}
