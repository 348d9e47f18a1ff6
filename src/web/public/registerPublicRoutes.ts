import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../../config/loadConfig.js';
import { encodePath } from '../../domain/permalink.js';
import { renderAtom } from '../../feeds/atom.js';
import { feedUpdated } from '../../feeds/FeedView.js';
import { renderJsonFeed } from '../../feeds/jsonFeed.js';
import { renderRss } from '../../feeds/rss.js';
import { memoPerObject } from '../../lib/memoPerObject.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import type { FeedData } from '../../operations/distribution/readFeed.js';
import type { FeedFormat } from '../../operations/reading/parsePublicPath.js';
import type { ReadMemo } from '../../operations/reading/createReadMemo.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { readPublicPath } from '../../operations/reading/readPublicPath.js';
import type { ViewCounter } from '../../operations/reading/viewCounter.js';
import type { ErrorPageView } from '../../views/models.js';
import { renderArchivePage, renderArticlePage, renderHomePage, renderStaticPage } from '../../views/render.js';
import type { PageBuilders } from './buildPages.js';
import { decodeRequestPath } from './decodeRequestPath.js';
import { presentFeed } from './presentFeed.js';

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

interface FeedOutput {
  body: Buffer;
  etag: string;
  lastModified: string;
}

/** Conditional GET: the ETag decides when the client sent one, else Last-Modified (second precision). */
function notModified(headers: Record<string, string | string[] | undefined>, output: FeedOutput): boolean {
  const inm = headers['if-none-match'];
  if (typeof inm === 'string') return inm.split(',').some((tag) => tag.trim() === output.etag || tag.trim() === '*');
  const ims = headers['if-modified-since'];
  if (typeof ims !== 'string') return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Date.parse(output.lastModified) <= since;
}

export interface PublicRouteDeps {
  config: ResolvedConfig;
  media: MediaStorage;
  reading: ReadingDeps;
  memo: ReadMemo;
  viewCounter: ViewCounter;
  pages: PageBuilders;
  sendErrorPage(reply: FastifyReply, status: ErrorPageView['status']): Promise<FastifyReply>;
  /** WordPress's search URL, `/?s=…`, answered by the search page. */
  wordpressSearch?(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

/** Public pages are shared caches' business: short max-age, revalidated in the background. */
const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=30';

function sendHtml(reply: FastifyReply, html: string) {
  // One UTF-8 encoding: a string body would be measured for Content-Length, then encoded again.
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(Buffer.from(html));
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
  const { reading, pages, memo } = deps;
  // A feed's bytes depend only on its data, which the memo keeps per content version.
  const feeds = memoPerObject<FeedData, FeedFormat, FeedOutput>();
  function feedOutput(data: FeedData, format: FeedFormat): FeedOutput {
    return feeds(data, format, () => {
      const view = presentFeed(data, format, { baseUrl: deps.config.baseUrl, media: deps.media });
      const text = format === 'rss' ? renderRss(view) : format === 'atom' ? renderAtom(view) : renderJsonFeed(view);
      const body = Buffer.from(text);
      return {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        lastModified: feedUpdated(view).toUTCString(),
      };
    });
  }

  app.get('/*', async (request, reply) => {
    const url = request.url;
    const qAt = url.indexOf('?');
    const query = qAt === -1 ? '' : url.slice(qAt);
    const path = decodeRequestPath(url);
    if (path === '/' && deps.wordpressSearch && (request.query as Record<string, unknown>).s !== undefined) return deps.wordpressSearch(request, reply);
    // The home page shows "most read", which moves without content changes: one entry a minute.
    const key = path === '/' ? `home:${Math.floor(reading.now().getTime() / 60_000)}` : `path:${path}`;
    const outcome = await memo.get(key, () => readPublicPath(reading, path), (o) => o.kind !== 'not-found');
    switch (outcome.kind) {
      case 'home':
        return sendHtml(reply, renderHomePage(pages.home(outcome.data)));
      case 'archive':
        return sendHtml(reply, renderArchivePage(pages.archive(outcome.data, outcome.basePath)));
      case 'article':
        deps.viewCounter.record(outcome.data.article.id, outcome.data.frame.settings.timeZone);
        return sendHtml(reply, renderArticlePage(pages.article(outcome.data, outcome.canonicalPath)));
      case 'page':
        return sendHtml(reply, renderStaticPage(pages.staticPage(outcome.frame, outcome.page)));
      case 'redirect':
        return redirect(reply, encodeLocation(outcome.location), outcome.keepQuery ? query : '', outcome.status);
      case 'feed': {
        const feed = feedOutput(outcome.data, outcome.format);
        reply.header('content-type', FEED_TYPES[outcome.format]).header('cache-control', 'public, max-age=300');
        reply.header('etag', feed.etag).header('last-modified', feed.lastModified);
        if (notModified(request.headers, feed)) return reply.code(304).send();
        return reply.send(feed.body);
      }
      case 'not-found':
        return deps.sendErrorPage(reply, 404);
    }
  });
}
