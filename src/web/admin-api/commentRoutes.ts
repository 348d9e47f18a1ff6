import type { FastifyInstance } from 'fastify';
import type { CommentDeps } from '../../operations/comments/CommentDeps.js';
import { editComment } from '../../operations/comments/editComment.js';
import { listComments } from '../../operations/comments/listComments.js';
import { moderateComments, type ModerationAction } from '../../operations/comments/moderateComments.js';
import { replyAsStaff } from '../../operations/comments/replyAsStaff.js';
import { AppError } from '../../errors/AppError.js';
import { bodyOf } from './bodyOf.js';
import type { AdminRouteModule } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

type IdParams = { Params: { id: string } };

function idOf(raw: string): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new AppError('NOT_FOUND', `no comment ${raw}`);
  return Number(raw);
}

const SINGLE_ACTIONS: readonly Exclude<ModerationAction, 'delete'>[] = ['approve', 'unapprove', 'spam', 'trash', 'restore'];

/**
 * Comment moderation for the newsroom, under /admin/api (JSON; comment bodies are sanitized HTML
 * returned as fields): GET /comments?status=&article=&q=&page=&perPage=, POST /comments/bulk
 * {ids, action}, POST /comments/:id/{approve,unapprove,spam,trash,restore}, DELETE /comments/:id
 * (for good, from trash or spam), PATCH /comments/:id {authorName?, authorUrl?, text?},
 * POST /comments/:id/replies {text}. Access is checked by the operations.
 */
export function commentRoutes(deps: CommentDeps): AdminRouteModule {
  return (scope: FastifyInstance) => {
    scope.get<{ Querystring: Record<string, string | undefined> }>('/comments', async (request) => {
      const q = request.query;
      return listComments(deps, requireActor(request), { status: q.status, articleId: q.article, search: q.q, page: q.page, perPage: q.perPage });
    });

    scope.post('/comments/bulk', async (request) => {
      const body = bodyOf(request);
      return moderateComments(deps, requireActor(request), body.ids, body.action);
    });

    for (const action of SINGLE_ACTIONS) {
      scope.post<IdParams>(`/comments/:id/${action}`, async (request) => moderateComments(deps, requireActor(request), [idOf(request.params.id)], action));
    }

    scope.delete<IdParams>('/comments/:id', async (request) => moderateComments(deps, requireActor(request), [idOf(request.params.id)], 'delete'));

    scope.patch<IdParams>('/comments/:id', async (request) => {
      const actor = requireActor(request);
      return { comment: await editComment(deps, actor, idOf(request.params.id), bodyOf(request)) };
    });

    scope.post<IdParams>('/comments/:id/replies', async (request, reply) => {
      const actor = requireActor(request);
      const comment = await replyAsStaff(deps, actor, idOf(request.params.id), bodyOf(request).text);
      return reply.code(201).send({ comment });
    });
  };
}
