/** The one way the admin talks to the server: JSON under /admin/api, same origin, CSRF header on mutations. */

export const API_BASE = '/admin/api';

/** An error answer of the admin API (`{ error: { code, message, field? } }`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** From `Retry-After` on RATE_LIMITED. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token (from login or GET /session), sent as `x-csrf-token` on every mutation. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401: the app goes back to the login screen. */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Calls the admin API and returns the parsed JSON body (undefined for 204).
 *
 * @example const { users } = await api<{ users: Account[] }>('GET', '/users');
 */
export async function api<T>(method: Method, path: string, body?: unknown, options: { quiet401?: boolean; keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    // keepalive: the request outlives the page (sent while the tab closes).
    response = await fetch(API_BASE + path, { method, headers, body: payload, credentials: 'same-origin', ...(options.keepalive ? { keepalive: true } : {}) });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null;
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'));
    const error = new ApiError(
      response.status,
      data?.error?.code ?? 'INTERNAL',
      data?.error?.message ?? response.statusText,
      data?.error?.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
    // Only a missing or ended session signs the app out (a wrong current password is a 401 too).
    if (error.code === 'UNAUTHENTICATED' && !options.quiet401) onUnauthenticated();
    throw error;
  }
  return data as T;
}

/**
 * Whether a request to a collection route (no id in it) failed because this server has no such
 * route yet — the API of a feature still being built. The admin then says "not available yet"
 * rather than showing anything invented.
 */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND';
}

/** `?a=1&b=x` from the defined, non-empty values of `params`. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
