import type { FastifyInstance, FastifyReply } from 'fastify';
import { encodePath } from '../../domain/permalink.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { findArchiveSubject, readArchive } from '../../operations/reading/readArchive.js';
import { readArticle } from '../../operations/reading/readArticle.js';
import { readFrame } from '../../operations/reading/readFrame.js';
import { readHome } from '../../operations/reading/readHome.js';
import { resolvePath } from '../../operations/reading/resolvePath.js';
import type { ViewCounter } from '../../operations/reading/viewCounter.js';
import type { ErrorPageView } from '../../views/models.js';
import { renderArchivePage, renderArticlePage, renderHomePage, renderStaticPage } from '../../views/render.js';
import type { PageBuilders } from './buildPages.js';
import { decodeRequestPath } from './decodeRequestPath.js';
import { parsePublicPath } from './parsePublicPath.js';

export interface PublicRouteDeps {
  reading: ReadingDeps;
  viewCounter: ViewCounter;
  pages: PageBuilders;
  sendErrorPage(reply: FastifyReply, status: ErrorPageView['status']): Promise<FastifyReply>;
}

/** Public pages are shared caches' business: short max-age, revalidated in the background. */
const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=30';

function sendHtml(reply: FastifyReply, html: string) {
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(html);
}

/** A stored redirect target: absolute URLs as stored, local paths percent-encoded (query kept). */
function encodeLocation(location: string): string {
  if (/^https?:\/\//i.test(location)) return location;
  const q = location.indexOf('?');
  return q === -1 ? encodePath(location) : encodePath(location.slice(0, q)) + location.slice(q);
}

function redirect(reply: FastifyReply, location: string, query: string, status = 301) {
  return reply
    .code(status)
    .header('location', location + query)
    .header('cache-control', 'public, max-age=3600')
    .send();
}

/**
 * Every reader-facing page outside the fixed routes, through one handler so decoding, trailing
 * slashes and canonical redirects are decided in one place: home, section/tag/author archives
 * (with `/page/N/`), articles under the site's permalink structure, static pages, stored redirects.
 */
export function registerPublicRoutes(app: FastifyInstance, deps: PublicRouteDeps): void {
  const { reading, pages } = deps;

  app.get('/*', async (request, reply) => {
    const url = request.url;
    const qAt = url.indexOf('?');
    const query = qAt === -1 ? '' : url.slice(qAt);
    const path = decodeRequestPath(url);
    const route = parsePublicPath(path);

    if (route.kind === 'bad-page') return deps.sendErrorPage(reply, 404);

    if (route.kind === 'home') {
      if (path !== '/') return redirect(reply, '/', query);
      return sendHtml(reply, renderHomePage(pages.home(await readHome(reading))));
    }

    if (route.kind === 'archive') {
      const found = await findArchiveSubject(reading, route.archive, route.slugPath);
      if (!found) return deps.sendErrorPage(reply, 404);
      const prefix = route.archive === 'section' ? 'category' : route.archive;
      const basePath = `/${prefix}/${found.canonicalSlugPath}/`;
      const canonical = route.page === 1 ? basePath : `${basePath}page/${route.page}/`;
      if (path !== canonical) return redirect(reply, encodePath(canonical), query);
      const data = await readArchive(reading, found.subject, route.page);
      if (!data) return deps.sendErrorPage(reply, 404);
      return sendHtml(reply, renderArchivePage(pages.archive(data, basePath)));
    }

    const resolution = await resolvePath(reading, path);
    switch (resolution.kind) {
      case 'article': {
        if (path !== resolution.canonicalPath) return redirect(reply, encodePath(resolution.canonicalPath), query);
        const data = await readArticle(reading, resolution.article);
        deps.viewCounter.record(resolution.article.id);
        return sendHtml(reply, renderArticlePage(pages.article(data, resolution.canonicalPath)));
      }
      case 'page': {
        if (path !== resolution.canonicalPath) return redirect(reply, encodePath(resolution.canonicalPath), query);
        const frame = await readFrame(reading);
        return sendHtml(reply, renderStaticPage(pages.staticPage(frame, resolution.page)));
      }
      case 'redirect': {
        const target = encodeLocation(resolution.location);
        return redirect(reply, target, '', resolution.status);
      }
      case 'none':
        return deps.sendErrorPage(reply, 404);
    }
  });
}

