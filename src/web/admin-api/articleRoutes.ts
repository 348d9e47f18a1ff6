import type { FastifyInstance } from 'fastify';
import { workflowActions } from '../../domain/articleWorkflow.js';
import type { ArticleDeps } from '../../operations/articles/ArticleDeps.js';
import { createArticle } from '../../operations/articles/createArticle.js';
import { dashboard } from '../../operations/articles/dashboard.js';
import { diffRevisions } from '../../operations/articles/diffRevisions.js';
import { getArticle } from '../../operations/articles/getArticle.js';
import { listArticles } from '../../operations/articles/listArticles.js';
import { listRevisions } from '../../operations/articles/listRevisions.js';
import { previewLink } from '../../operations/articles/previewLink.js';
import { restoreRevision } from '../../operations/articles/restoreRevision.js';
import { transitionArticle } from '../../operations/articles/transitionArticle.js';
import { updateArticle } from '../../operations/articles/updateArticle.js';
import { bodyOf } from './bodyOf.js';
import type { AdminRouteModule } from './registerAdminApi.js';
import { requireActor } from './requestActor.js';

type IdParams = { Params: { id: string } };
type Query = { Querystring: Record<string, string | undefined> };

/**
 * The newsroom's articles under /admin/api (JSON; see README "Admin API: articles"):
 * GET /dashboard; GET/POST /articles; GET/PATCH /articles/:id; POST /articles/:id/<action> for
 * submit, schedule, publish, unpublish, trash, restore; revisions, diff, restore of a revision;
 * preview links; DELETE /articles/:id/presence. Access is checked by the operations.
 */
export function articleRoutes(deps: ArticleDeps): AdminRouteModule {
  return (scope: FastifyInstance) => {
    scope.get('/dashboard', async (request) => dashboard(deps, requireActor(request)));

    scope.get<Query>('/articles', async (request) => listArticles(deps, requireActor(request), request.query));

    scope.post('/articles', async (request, reply) => {
      const article = await createArticle(deps, requireActor(request), bodyOf(request));
      return reply.code(201).send({ article });
    });

    scope.get<IdParams & Query>('/articles/:id', async (request) =>
      getArticle(deps, requireActor(request), request.params.id, { heartbeat: request.query.heartbeat === '1' }),
    );

    scope.patch<IdParams>('/articles/:id', async (request) => ({ article: await updateArticle(deps, requireActor(request), request.params.id, bodyOf(request)) }));

    for (const action of workflowActions) {
      scope.post<IdParams>(`/articles/:id/${action}`, async (request) => ({
        article: await transitionArticle(deps, requireActor(request), request.params.id, action, bodyOf(request)),
      }));
    }

    scope.get<IdParams>('/articles/:id/revisions', async (request) => ({ revisions: await listRevisions(deps, requireActor(request), request.params.id) }));

    scope.get<IdParams & Query>('/articles/:id/diff', async (request) =>
      diffRevisions(deps, requireActor(request), request.params.id, request.query.from, request.query.to),
    );

    scope.post<{ Params: { id: string; revisionId: string } }>('/articles/:id/revisions/:revisionId/restore', async (request) => ({
      article: await restoreRevision(deps, requireActor(request), request.params.id, request.params.revisionId, bodyOf(request)),
    }));

    scope.post<IdParams>('/articles/:id/preview', async (request) => previewLink(deps, requireActor(request), request.params.id, bodyOf(request)));

    scope.delete<IdParams>('/articles/:id/presence', async (request, reply) => {
      const actor = requireActor(request);
      const { article } = await getArticle(deps, actor, request.params.id);
      await deps.store.presence.leave(article.id, actor.userId);
      return reply.code(204).send();
    });
  };
}
