import type { FastifyInstance } from 'fastify';
import { authenticate } from '../../operations/accounts/authenticate.js';
import { changePassword } from '../../operations/accounts/changePassword.js';
import { logout } from '../../operations/accounts/logout.js';
import { csrfTokenFor } from '../../operations/accounts/tokens.js';
import { bodyOf } from './bodyOf.js';
import type { AdminApiDeps } from './registerAdminApi.js';
import { requireSignedIn } from './requestActor.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './sessionCookie.js';

/** POST /session (log in), GET /session (who am I + CSRF token), DELETE /session, POST /session/password. */
export function sessionRoutes(scope: FastifyInstance, deps: AdminApiDeps): void {
  scope.post('/session', { config: { csrf: 'origin' } }, async (request, reply) => {
    const body = bodyOf(request);
    const result = await authenticate(deps.accounts, {
      email: body.email as string,
      password: body.password as string,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      previousToken: request.cookies[SESSION_COOKIE] ?? null,
    });
    setSessionCookie(request, reply, result.token, deps.cookie);
    return { user: result.user, csrfToken: csrfTokenFor(result.token), expiresAt: result.session.expiresAt };
  });

  scope.get('/session', async (request) => {
    const signedIn = requireSignedIn(request);
    return { user: signedIn.user, csrfToken: csrfTokenFor(request.sessionToken!), expiresAt: signedIn.session.expiresAt };
  });

  scope.delete('/session', async (request, reply) => {
    requireSignedIn(request);
    await logout(deps.accounts, request.sessionToken!);
    clearSessionCookie(request, reply, deps.cookie);
    return reply.code(204).send();
  });

  scope.post('/session/password', async (request) => {
    const signedIn = requireSignedIn(request);
    const body = bodyOf(request);
    return changePassword(deps.accounts, signedIn.actor, {
      currentPassword: body.currentPassword as string,
      newPassword: body.newPassword as string,
      keepSessionId: signedIn.session.id,
    });
  });
}
