import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/AppError.js';
import type { AccountsDeps } from '../../operations/accounts/AccountsDeps.js';
import { sessionActor } from '../../operations/accounts/sessionActor.js';
import { checkCsrf } from './csrfGuard.js';
import { invitationRoutes } from './invitationRoutes.js';
import { sendApiError } from './sendApiError.js';
import { SESSION_COOKIE, type SessionCookieOptions } from './sessionCookie.js';
import { sessionRoutes } from './sessionRoutes.js';
import { userRoutes } from './userRoutes.js';

export const ADMIN_API_PREFIX = '/admin/api';

/** What the admin API and every route module mounted in it receive. */
export interface AdminApiDeps {
  accounts: AccountsDeps;
  cookie: SessionCookieOptions;
  /** The site's public base URL: its origin is accepted for mutations. */
  baseUrl: string;
}

/**
 * A group of admin API routes, registered inside the API's scope: paths are relative to
 * `/admin/api`, the session is resolved (`requireActor(request)`), CSRF is checked on every
 * mutation, errors come out as `{ error: { code, message } }` and responses are `private, no-store`.
 * Bring your own dependencies by closing over them.
 *
 * @example
 *   const moderationRoutes = (deps: ModerationDeps): AdminRouteModule => (scope) => {
 *     scope.get('/comments', async (request) => ({ comments: await listForModeration(deps, requireActor(request)) }));
 *     scope.post('/comments/:id/approve', async (request) => approveComment(deps, requireActor(request), …));
 *   };
 *   await registerAdminApi(app, adminDeps, [moderationRoutes(moderationDeps)]);
 */
export type AdminRouteModule = (scope: FastifyInstance, deps: AdminApiDeps) => void | Promise<void>;

/**
 * Registers the authenticated admin API under `/admin/api`: the session cookie `khabar_session`,
 * sessions and password change, users and invitations, then every extra route module in `modules`
 * (from createApp's `adminRoutes`), all inside one encapsulated scope.
 */
export async function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps, modules: readonly AdminRouteModule[] = []): Promise<void> {
  const baseOrigin = new URL(deps.baseUrl).origin;
  await app.register(
    async (scope) => {
      await scope.register(fastifyCookie);
      // JSON only: what an HTML form on another site can post without a preflight is refused unread.
      scope.removeContentTypeParser('text/plain');
      scope.decorateRequest('signedIn', null);
      scope.decorateRequest('sessionToken', null);

      scope.addHook('onRequest', async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        const token = request.cookies[SESSION_COOKIE];
        if (!token) return;
        const signedIn = await sessionActor(deps.accounts, token);
        if (signedIn) {
          request.signedIn = signedIn;
          request.sessionToken = token;
        }
      });
      scope.addHook('preHandler', async (request) => checkCsrf(request, baseOrigin));
      // NUL is no text: PostgreSQL cannot store it (500) and SQLite would keep it. Refused for every route here.
      scope.addHook('preValidation', async (request) => {
        if (containsNul(request.body)) throw new AppError('INVALID_INPUT', 'text may not contain the NUL character (U+0000)');
      });

      scope.setErrorHandler((error, request, reply) => sendApiError(error, request, reply));
      const notFound = (request: FastifyRequest, reply: FastifyReply) =>
        sendApiError(new AppError('NOT_FOUND', `no admin API route ${request.method} ${request.url.split('?')[0]}`), request, reply);
      scope.setNotFoundHandler(notFound);
      // The public site's GET /* would otherwise answer unknown API paths with an HTML page.
      scope.get('/*', notFound);

      sessionRoutes(scope, deps);
      userRoutes(scope, deps);
      invitationRoutes(scope, deps);
      for (const module of modules) await module(scope, deps);
    },
    { prefix: ADMIN_API_PREFIX },
  );
}

/** Whether a parsed JSON body holds U+0000 in any string, key or value. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, child]) => key.includes('\u0000') || containsNul(child, depth + 1));
}
