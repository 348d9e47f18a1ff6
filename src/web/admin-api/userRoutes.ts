import type { FastifyInstance } from 'fastify';
import type { Role } from '../../domain/user.js';
import { changeRole } from '../../operations/accounts/changeRole.js';
import { createUser } from '../../operations/accounts/createUser.js';
import { inviteUser } from '../../operations/accounts/inviteUser.js';
import { listUsers } from '../../operations/accounts/listUsers.js';
import { bodyOf } from './bodyOf.js';
import type { AdminApiDeps } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

/**
 * GET /users, POST /users (with `password`: a ready account; without: an invitation whose one-time
 * link is returned, and `invitation.email` names the queued email when SMTP is configured, else
 * null), PATCH /users/:id (role). Admins only — the operations refuse other roles.
 */
export function userRoutes(scope: FastifyInstance, deps: AdminApiDeps): void {
  scope.get('/users', async (request) => ({ users: await listUsers(deps.accounts, requireActor(request)) }));

  scope.post('/users', async (request, reply) => {
    const actor = requireActor(request);
    const body = bodyOf(request);
    const input = { email: body.email as string, displayName: body.name as string, role: body.role as Role };
    if (typeof body.password === 'string') {
      const user = await createUser(deps.accounts, actor, { ...input, password: body.password });
      return reply.code(201).send({ user });
    }
    const invited = await inviteUser(deps.accounts, actor, input);
    return reply.code(201).send({ user: invited.user, invitation: { link: invited.link, token: invited.token, expiresAt: invited.expiresAt, email: invited.email } });
  });

  scope.patch<{ Params: { id: string } }>('/users/:id', async (request) => {
    const actor = requireActor(request);
    const user = await changeRole(deps.accounts, actor, { userId: Number(request.params.id), role: bodyOf(request).role as string });
    return { user };
  });
}
