/** The small set of errors services raise; one handler turns them into problem+json. */
export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

export const NotFound = (detail = 'Élément introuvable.', code = 'introuvable') => new AppError(404, code, detail);
export const Forbidden = (detail = 'Vous n’avez pas les droits pour cette action.', code = 'interdit') =>
  new AppError(403, code, detail);
export const Unauthorized = (detail = 'Vous devez vous connecter.', code = 'non_connecte') =>
  new AppError(401, code, detail);
export const Conflict = (code: string, detail: string, errors?: FieldError[]) =>
  new AppError(409, code, detail, errors);
export const Invalid = (detail: string, errors: FieldError[] = [], code = 'donnees_invalides') =>
  new AppError(422, code, detail, errors);
export const Gone = (code: string, detail: string) => new AppError(410, code, detail);
export const TooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new AppError(429, 'trop_de_tentatives', detail, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

export const statusTitles: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Connexion requise',
  403: 'Action non autorisée',
  404: 'Introuvable',
  405: 'Méthode non autorisée',
  409: 'Conflit',
  410: 'Lien expiré',
  413: 'Fichier trop volumineux',
  415: 'Format non pris en charge',
  422: 'Données invalides',
  429: 'Trop de tentatives',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

/** PostgreSQL SQLSTATE of a failed query; Drizzle wraps the driver's error in `cause`. */
export function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
