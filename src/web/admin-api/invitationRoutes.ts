import type { FastifyInstance } from 'fastify';
import { acceptInvitation } from '../../operations/accounts/acceptInvitation.js';
import { csrfTokenFor } from '../../operations/accounts/tokens.js';
import { bodyOf } from './bodyOf.js';
import type { AdminApiDeps } from './registerAdminApi.js';
import { setSessionCookie } from './sessionCookie.js';

/** POST /invitations/:token `{ password }`: sets the password and signs the new user in. */
export function invitationRoutes(scope: FastifyInstance, deps: AdminApiDeps): void {
  scope.post<{ Params: { token: string } }>('/invitations/:token', { config: { csrf: 'origin' } }, async (request, reply) => {
    const result = await acceptInvitation(deps.accounts, {
      token: request.params.token,
      password: bodyOf(request).password as string,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(request, reply, result.token, deps.cookie);
    return { user: result.user, csrfToken: csrfTokenFor(result.token), expiresAt: result.session.expiresAt };
  });
}
