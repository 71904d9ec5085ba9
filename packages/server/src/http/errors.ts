import { addDays, formatDate } from '@statutis/domain';

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

/** The driver's error behind Drizzle's wrapper: SQLSTATE, constraint name and PostgreSQL's detail. */
function driverError(error: unknown): { constraint?: string; table?: string; detail?: string } {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof (e as { constraint?: unknown }).constraint === 'string') return e as { constraint: string };
    e = (e as { cause?: unknown }).cause;
  }
  return {};
}

const toCamel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The arrêt the new one overlaps, read from the detail of the exclusion violation: « … conflicts
 * with existing key (agent_id, daterange(…))=(<uuid>, [2026-03-01,2026-03-08)) ». A daterange is
 * stored half-open: its upper bound is the day after the arrêt's last day.
 */
function arretExistant(detail: string | undefined): { debut: string; fin: string } | null {
  const m = /existing key .*\[(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})\)\)/.exec(detail ?? '');
  return m?.[1] && m[2] ? { debut: m[1], fin: addDays(m[2], -1) } : null;
}

/**
 * A write refused by a constraint the services check first, reached when two requests raced past
 * the check (exclusion) or a caller sent a value outside the domain's list (CHECK): a 409 or a 422
 * naming the field, never a 500. Null for any other database error.
 */
export function constraintViolation(error: unknown): AppError | null {
  const state = sqlState(error);
  if (state !== '23P01' && state !== '23514') return null;
  const { constraint, table, detail } = driverError(error);
  if (state === '23P01') {
    if (constraint === 'arret_agent_sans_chevauchement') {
      const autre = arretExistant(detail);
      const message = autre
        ? `Cet arrêt chevauche un autre arrêt de l’agent (du ${formatDate(autre.debut)} au ${formatDate(autre.fin)}).`
        : 'Cet arrêt chevauche un autre arrêt de l’agent.';
      return Conflict('arret_chevauchement', message, [{ field: 'debut', message }]);
    }
    return Conflict('chevauchement', 'Cet élément chevauche un élément existant.');
  }
  // CHECK constraints are named `<table>_<column>_check` (the tables' `check(...)`): the field follows.
  const column = constraint && table ? constraint.replace(new RegExp(`^${table}_`), '').replace(/_check$/, '') : null;
  const field = column ? toCamel(column) : null;
  const message = field ? `La valeur du champ « ${field} » n’est pas admise.` : 'Une valeur saisie n’est pas admise.';
  return Invalid(message, field ? [{ field, message: 'Valeur non admise.' }] : [], 'valeur_non_admise');
}
