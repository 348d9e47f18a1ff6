import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../../domain/article.js';
import type { ArticleExtras } from './registerCommentRoutes.js';
import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../../config/loadConfig.js';
import { encodePath } from '../../domain/permalink.js';
import { renderAtom } from '../../feeds/atom.js';
import { feedUpdated, type FeedView } from '../../feeds/FeedView.js';
import type { CommentFeedData } from '../../operations/distribution/readCommentFeed.js';
import { presentCommentFeed } from './presentCommentFeed.js';
import { renderJsonFeed } from '../../feeds/jsonFeed.js';
import { renderRss } from '../../feeds/rss.js';
import { memoPerObject } from '../../lib/memoPerObject.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import type { FeedData } from '../../operations/distribution/readFeed.js';
import type { FeedFormat } from '../../operations/reading/parsePublicPath.js';
import type { ReadMemo } from '../../operations/reading/createReadMemo.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { readPublicPath } from '../../operations/reading/readPublicPath.js';
import { resolveLegacyQuery } from '../../operations/reading/resolveLegacyQuery.js';
import type { ViewCounter } from '../../operations/reading/viewCounter.js';
import type { ErrorPageView } from '../../views/models.js';
import { articlePageBytes, type ArticlePageParts, renderArchivePage, renderArticlePageParts, renderHomePage, renderStaticPage } from '../../views/render.js';
import type { ArticleData } from '../../operations/reading/readArticle.js';
import type { PageBuilders } from './buildPages.js';
import { compressedBody, negotiateEncoding } from './compressedBody.js';
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
  /** The comment form and held comment of one reader (see registerCommentRoutes). */
  articleExtras(request: FastifyRequest, article: Article): Promise<ArticleExtras>;
  /** WordPress's search URL, `/?s=…`, answered by the search page. */
  wordpressSearch?(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

/**
 * Public pages: browsers ask again every time (a correction or an approved comment must show at
 * once, issue #3), shared caches (CDN, Varnish) may keep them a minute and revalidate in the
 * background; precise purges come with the page cache (issue #8).
 */
const PUBLIC_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=30';

function sendHtml(reply: FastifyReply, html: string | Buffer, personal = false) {
  // One UTF-8 encoding: a string body would be measured for Content-Length, then encoded again.
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', personal ? 'private, no-store' : PUBLIC_CACHE)
    .send(typeof html === 'string' ? Buffer.from(html) : html);
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

/** A feed's bytes in its format, with the validators conditional GET needs. */
function feedBytes(view: FeedView, format: FeedFormat): FeedOutput {
  const text = format === 'rss' ? renderRss(view) : format === 'atom' ? renderAtom(view) : renderJsonFeed(view);
  const body = Buffer.from(text);
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified: feedUpdated(view).toUTCString(),
  };
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
  const articleParts = memoPerObject<ArticleData, string, ArticlePageParts>({ maxPerObject: 4 });
  function feedOutput(data: FeedData, format: FeedFormat): FeedOutput {
    return feeds(data, format, () => feedBytes(presentFeed(data, format, { baseUrl: deps.config.baseUrl, media: deps.media }), format));
  }

  const commentFeeds = memoPerObject<CommentFeedData, FeedFormat, FeedOutput>();
  function commentFeedOutput(data: CommentFeedData, format: FeedFormat): FeedOutput {
    return commentFeeds(data, format, () => feedBytes(presentCommentFeed(data, format, { baseUrl: deps.config.baseUrl }), format));
  }

  function sendFeed(headers: FastifyRequest['headers'], reply: FastifyReply, feed: FeedOutput, format: FeedFormat) {
    // A strong ETag names one representation: the compressed ones get their own.
    const encoding = negotiateEncoding(headers['accept-encoding']);
    const etag = encoding === null ? feed.etag : `${feed.etag.slice(0, -1)}-${encoding}"`;
    reply.header('content-type', FEED_TYPES[format]).header('cache-control', 'public, max-age=300').header('vary', 'Accept-Encoding');
    reply.header('etag', etag).header('last-modified', feed.lastModified);
    if (notModified(headers, { ...feed, etag })) return reply.code(304).send();
    if (encoding === null) return reply.send(feed.body);
    return reply.header('content-encoding', encoding).send(compressedBody(feed.body, encoding));
  }

  app.get('/*', async (request, reply) => {
    const url = request.url;
    const qAt = url.indexOf('?');
    const query = qAt === -1 ? '' : url.slice(qAt);
    const path = decodeRequestPath(url);
    if (path === '/' && deps.wordpressSearch && (request.query as Record<string, unknown>).s !== undefined) return deps.wordpressSearch(request, reply);
    if (query !== '') {
      const legacy = await resolveLegacyQuery(reading, path, new URLSearchParams(query));
      if (legacy) return redirect(reply, encodeLocation(legacy.location), '', legacy.status);
    }
    // The home page shows "most read", which moves without content changes: one entry a minute.
    const key = path === '/' ? `home:${Math.floor(reading.now().getTime() / 60_000)}` : `path:${path}`;
    const outcome = await memo.get(key, () => readPublicPath(reading, path), (o) => o.kind !== 'not-found');
    switch (outcome.kind) {
      case 'home':
        return sendHtml(reply, renderHomePage(pages.home(outcome.data)));
      case 'archive':
        return sendHtml(reply, renderArchivePage(pages.archive(outcome.data, outcome.basePath)));
      case 'article': {
        deps.viewCounter.record(outcome.data.article.id, outcome.data.frame.settings.timeZone);
        const view = pages.article(outcome.data, outcome.canonicalPath);
        // The shared bytes are rendered once per data and day (the header shows today's date).
        const parts = articleParts(outcome.data, `${outcome.canonicalPath}|${view.site.today.iso}`, () => renderArticlePageParts(view));
        const { extras, personal } = await deps.articleExtras(request, outcome.data.article);
        const bytes = articlePageBytes(parts, extras);
        // Bytes shared by every reader of this second are compressed once and sent to all who accept it.
        reply.header('vary', 'Accept-Encoding');
        const encoding = extras.shared === true && extras.pending === null ? negotiateEncoding(request.headers['accept-encoding']) : null;
        if (encoding !== null) {
          reply.header('content-encoding', encoding);
          return sendHtml(reply, compressedBody(bytes, encoding), personal);
        }
        return sendHtml(reply, bytes, personal);
      }
      case 'page':
        return sendHtml(reply, renderStaticPage(pages.staticPage(outcome.frame, outcome.page)));
      case 'redirect':
        return redirect(reply, encodeLocation(outcome.location), outcome.keepQuery ? query : '', outcome.status);
      case 'feed':
        return sendFeed(request.headers, reply, feedOutput(outcome.data, outcome.format), outcome.format);
      case 'comment-feed':
        return sendFeed(request.headers, reply, commentFeedOutput(outcome.data, outcome.format), outcome.format);
      case 'not-found':
        return deps.sendErrorPage(reply, 404);
    }
  });
}
