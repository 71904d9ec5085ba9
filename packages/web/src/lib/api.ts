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

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readBody(response: Response): Promise<unknown> {
  return parseJson(await response.text());
}

function isProblem(value: unknown): value is TProblem {
  return typeof value === 'object' && value !== null && 'detail' in value && 'code' in value;
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

function apiErrorOf(status: number, body: unknown, retryAfter: number | null): ApiError {
  const problem = isProblem(body)
    ? body
    : {
        code: 'erreur_serveur',
        detail:
          status >= 500
            ? 'Le serveur a rencontré une erreur. Réessayez dans un instant.'
            : `La requête a échoué (erreur ${status}).`,
      };
  return new ApiError(status, problem, retryAfter);
}

/**
 * Sends a request with the session cookie and, for a write, the CSRF token; resolves with the
 * response when it is a success, throws an `ApiError` carrying the server's problem otherwise.
 */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: accept };
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
  if (response.ok) return response;

  const error = apiErrorOf(
    response.status,
    await readBody(response),
    retryAfterSeconds(response.headers.get('Retry-After')),
  );
  if (response.status === 401 && options.authRedirect !== false) onUnauthorized();
  throw error;
}

/** Calls the API with the session cookie and the CSRF token; resolves with the JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  return (await readBody(response)) as T;
}

/** The name a download should be saved under, from `Content-Disposition` (RFC 5987 form first). */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = disposition.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed name falls back to the plain one.
    }
  }
  return disposition.match(/filename\s*=\s*"?([^";]+)"?/i)?.[1]?.trim() ?? null;
}

export interface DownloadedFile {
  blob: Blob;
  /** As the server names it, or null when it does not. */
  fileName: string | null;
}

/** Fetches a file the API sends as an attachment (export, template, document), with the same error handling. */
export async function requestFile(
  path: string,
  options: Pick<RequestOptions, 'query' | 'signal'> = {},
): Promise<DownloadedFile> {
  const response = await send(path, { ...options, method: 'GET' }, '*/*');
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
}

/**
 * Posts a JSON body and reads the answer as NDJSON, one object per line as it arrives (a long
 * computation's progress, then its result): `onLine` hears each one. An error status before the
 * first line throws an `ApiError` as `request` does.
 */
export async function streamLines<T>(
  path: string,
  body: unknown,
  onLine: (line: T) => void,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<void> {
  const response = await send(path, { ...options, method: 'POST', body }, 'application/x-ndjson');
  if (!response.body) throw new ApiError(0, networkProblem);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += value;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(JSON.parse(line) as T);
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, networkProblem);
  }
  if (pending.trim()) onLine(JSON.parse(pending) as T);
}

export interface UploadOptions {
  /** Share of the file sent so far, 0 to 100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Posts a multipart form (a file) with the CSRF token. XMLHttpRequest rather than fetch: only it
 * reports the progress of the upload itself, which a 20 Mo file on a slow line needs.
 */
export function upload<T>(path: string, body: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(Math.min(100, Math.floor((event.loaded * 100) / event.total)));
      }
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(100);
        resolve(body as T);
        return;
      }
      const error = apiErrorOf(xhr.status, body, retryAfterSeconds(xhr.getResponseHeader('Retry-After')));
      if (xhr.status === 401) onUnauthorized();
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, networkProblem));
    xhr.onabort = () => reject(new DOMException('Envoi annulé', 'AbortError'));
    if (options.signal?.aborted) {
      reject(new DOMException('Envoi annulé', 'AbortError'));
      return;
    }
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
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
