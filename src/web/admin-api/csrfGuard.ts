import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors/AppError.js';
import { isCsrfTokenValid } from '../../operations/accounts/tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a route asks of CSRF protection, in its route `config.csrf`: `'session'` (the default)
 * wants the session's `x-csrf-token`; `'origin'` only the same-origin check, for the two
 * mutations made before a session exists (login, accepting an invitation).
 */
export type CsrfMode = 'session' | 'origin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** See CsrfMode. */
    csrf?: CsrfMode;
  }
}

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Refuses a mutation (POST/PUT/PATCH/DELETE) unless its `Origin` (or, without one, `Referer`) is
 * the site itself — the configured base URL or the host the request was sent to — and, for
 * session routes, it carries the session's CSRF token. Without a session a session route answers
 * UNAUTHENTICATED: there is nothing to forge.
 */
export function checkCsrf(request: FastifyRequest, baseOrigin: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = originOf(request.headers.origin) ?? originOf(request.headers.referer);
  const own = new Set([baseOrigin, `${request.protocol}://${request.host}`]);
  if (!origin || !own.has(origin)) {
    throw new AppError('CSRF_INVALID', 'a mutation must come from this site (Origin or Referer header)');
  }
  const mode = ((request.routeOptions.config as { csrf?: CsrfMode } | undefined)?.csrf ?? 'session') as CsrfMode;
  if (mode === 'origin') return;
  if (!request.signedIn || !request.sessionToken) throw new AppError('UNAUTHENTICATED', 'log in first: no valid session');
  const header = request.headers['x-csrf-token'];
  if (!isCsrfTokenValid(request.sessionToken, typeof header === 'string' ? header : undefined)) {
    throw new AppError('CSRF_INVALID', 'missing or wrong x-csrf-token (GET /admin/api/session gives it)');
  }
}
