import type { TProblem } from '@statutis/domain';
import { plural } from './format';

/** A failed API call, carrying the server's problem+json (French `detail`, stable `code`, field errors). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: { field: string; message: string }[];
  /** Seconds to wait, from the `Retry-After` header of a 429. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Pick<TProblem, 'code' | 'detail' | 'errors'>, retryAfter: number | null = null) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfter = retryAfter;
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /**
   * A 401 normally means the session ended: the app then sends the user back to the login page.
   * Calls that are made without a session, or that answer 401 for a wrong password, opt out.
   */
  authRedirect?: boolean;
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The token of the current session, sent back in `X-CSRF-Token` with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registered once by the router, which knows how to leave the current page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const networkProblem = {
  code: 'reseau',
  detail: 'Le serveur ne répond pas. Vérifiez votre connexion à Internet puis réessayez.',
};

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is TProblem {
  return typeof value === 'object' && value !== null && 'detail' in value && 'code' in value;
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

/** Calls the API with the session cookie and the CSRF token; resolves with the JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, networkProblem);
  }

  const body = await readBody(response);
  if (response.ok) return body as T;

  const problem = isProblem(body)
    ? body
    : {
        code: 'erreur_serveur',
        detail:
          response.status >= 500
            ? 'Le serveur a rencontré une erreur. Réessayez dans un instant.'
            : `La requête a échoué (erreur ${response.status}).`,
      };
  const error = new ApiError(response.status, problem, retryAfterSeconds(response));
  if (response.status === 401 && options.authRedirect !== false) onUnauthorized();
  throw error;
}

type BodyOptions = Omit<RequestOptions, 'method' | 'body'>;

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...options, method: 'GET' }),
  post: <T = void>(path: string, body?: unknown, options?: BodyOptions) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body: unknown, options?: BodyOptions) => request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body: unknown, options?: BodyOptions) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, body?: unknown, options?: BodyOptions) =>
    request<T>(path, { ...options, method: 'DELETE', body }),
};

/** The French sentence to show for any error thrown while calling the API. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter) {
      return `Trop de tentatives. Réessayez dans ${plural(error.retryAfter, 'seconde')}.`;
    }
    return error.detail;
  }
  return 'Une erreur inattendue est survenue. Rechargez la page puis réessayez.';
}
