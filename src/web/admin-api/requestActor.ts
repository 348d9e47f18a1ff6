import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../domain/access.js';
import { AppError } from '../../errors/AppError.js';
import type { SignedIn } from '../../operations/accounts/sessionActor.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the admin API for every request under /admin/api: the session's user, or null. */
    signedIn: SignedIn | null;
    /** The session token of the `khabar_session` cookie when it names a live session. */
    sessionToken: string | null;
  }
}

/**
 * The signed-in user of an admin API request; UNAUTHENTICATED (401) without a live session.
 * Route modules pass the actor to operations, which check the role.
 *
 * @example scope.get('/comments', async (request) => listPending(deps, requireActor(request)))
 */
export function requireActor(request: FastifyRequest): UserActor {
  return requireSignedIn(request).actor;
}

export function requireSignedIn(request: FastifyRequest): SignedIn {
  if (!request.signedIn) throw new AppError('UNAUTHENTICATED', 'log in first: no valid session');
  return request.signedIn;
}
