import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'khabar_session';

export interface SessionCookieOptions {
  /** `Secure` always, not only for requests that came over TLS. */
  alwaysSecure: boolean;
  /** The longest a session can live; the cookie is kept that long, the store decides sooner. */
  maxAgeMs: number;
}

function attributes(request: FastifyRequest, options: SessionCookieOptions) {
  // trustProxy is on: `request.protocol` is https behind a TLS-terminating proxy too.
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.alwaysSecure || request.protocol === 'https' };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, options: SessionCookieOptions): void {
  reply.setCookie(SESSION_COOKIE, token, { ...attributes(request, options), maxAge: Math.floor(options.maxAgeMs / 1000) });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, options: SessionCookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, attributes(request, options));
}
