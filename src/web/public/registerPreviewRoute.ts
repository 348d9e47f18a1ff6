import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAppError } from '../../errors/AppError.js';
import { readPreview } from '../../operations/articles/previewLink.js';
import { readArticle } from '../../operations/reading/readArticle.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { canonicalArticlePath } from '../../operations/reading/resolvePath.js';
import { renderArticlePage } from '../../views/render.js';
import type { PageBuilders } from './buildPages.js';

export interface PreviewRouteDeps {
  reading: ReadingDeps;
  pages: PageBuilders;
  sendErrorPage(reply: FastifyReply, status: 404): Promise<FastifyReply>;
}

/**
 * GET /preview/<token>: an unpublished article as it will look, for whoever holds a signed link
 * (previewLink). Never cached, never indexed; an expired or forged link gets the 404 page.
 */
export function registerPreviewRoute(app: FastifyInstance, deps: PreviewRouteDeps): void {
  app.get<{ Params: { token: string } }>('/preview/:token', async (request, reply) => {
    let article;
    try {
      article = await readPreview(deps.reading, request.params.token);
    } catch (error) {
      if (isAppError(error) && error.code === 'PREVIEW_INVALID') {
        return deps.sendErrorPage(reply.header('x-robots-tag', 'noindex'), 404);
      }
      throw error;
    }
    const data = await readArticle(deps.reading, article);
    if (!data) return deps.sendErrorPage(reply, 404);
    const view = deps.pages.article(data, await canonicalArticlePath(deps.reading, article));
    const html = renderArticlePage({ ...view, head: { ...view.head, robots: 'noindex, nofollow' } });
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      .send(Buffer.from(html));
  });
}
