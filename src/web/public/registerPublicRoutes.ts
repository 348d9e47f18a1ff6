import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../../domain/article.js';
import type { ArticleExtras } from './registerCommentRoutes.js';
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
import { outcomeKeys } from '../../operations/reading/outcomeKeys.js';
import type { PublicOutcome } from '../../operations/reading/readPublicPath.js';
import { dayInZone } from '../../operations/site/dayInZone.js';
import type { CachePolicy, RenderedAnswer } from '../cache/CachedAnswer.js';
import { toCachedAnswer } from '../cache/CachedAnswer.js';
import type { PageCache } from '../cache/createPageCache.js';
import { pageCacheKey } from '../cache/pageCacheKey.js';
import { sendCachedAnswer } from '../cache/sendCachedAnswer.js';
import { articlePageBytes, type ArticlePageParts, renderArchivePage, renderArticlePageParts, renderHomePage, renderStaticPage } from '../../views/render.js';
import type { ArticleData } from '../../operations/reading/readArticle.js';
import type { PageBuilders } from './buildPages.js';
import { decodeRequestPath } from './decodeRequestPath.js';
import { presentFeed } from './presentFeed.js';

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** A feed's bytes and its Last-Modified (conditional GET by date as well as by ETag). */
interface FeedOutput {
  body: Buffer;
  lastModified: string;
}

export interface PublicRouteDeps {
  config: ResolvedConfig;
  media: MediaStorage;
  reading: ReadingDeps;
  memo: ReadMemo;
  viewCounter: ViewCounter;
  pages: PageBuilders;
  /** The page cache; null answers every request by rendering it (`pageCache.enabled: false`). */
  pageCache: PageCache | null;
  sendErrorPage(reply: FastifyReply, status: ErrorPageView['status']): Promise<FastifyReply>;
  /** The comment form and held comment of one reader (see registerCommentRoutes). */
  articleExtras(request: FastifyRequest, article: Article): Promise<ArticleExtras>;
  /** WordPress's search URL, `/?s=…`, answered by the search page. */
  wordpressSearch?(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

/**
 * Public pages: browsers ask again every time (a correction or an approved comment must show at
 * once, issue #3) and get a 304 when nothing changed; shared caches (CDN, Varnish) may keep them a
 * minute, serve them stale while they revalidate, and receive precise purges (Surrogate-Key).
 */
export const PUBLIC_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=30';
const FEED_CACHE = 'public, max-age=300';
const REDIRECT_CACHE = 'public, max-age=3600';

/**
 * How long the page cache keeps each kind of answer. Purges end freshness at once; these bound
 * what no write announces: "most read" on the home page (a minute), and an article's comment
 * form token (re-issued hourly; tokens are accepted for three days). Home and archives may be
 * served a few seconds stale while one request re-renders them; an article never is.
 */
const POLICIES: Record<Exclude<PublicOutcome['kind'], 'not-found'>, CachePolicy> = {
  home: { ttlMs: 60_000, staleMs: 10_000 },
  archive: { ttlMs: 3_600_000, staleMs: 5_000 },
  article: { ttlMs: 3_600_000, staleMs: 0 },
  page: { ttlMs: 3_600_000, staleMs: 0 },
  feed: { ttlMs: 3_600_000, staleMs: 0 },
  'comment-feed': { ttlMs: 3_600_000, staleMs: 0 },
  redirect: { ttlMs: 3_600_000, staleMs: 0 },
};

const html = (body: string | Buffer) => ({
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': PUBLIC_CACHE },
  body: typeof body === 'string' ? Buffer.from(body) : body,
});

/** A stored redirect target: absolute URLs as stored, local paths percent-encoded (query kept). */
function encodeLocation(location: string): string {
  if (/^https?:\/\//i.test(location)) return location;
  const q = location.indexOf('?');
  return q === -1 ? encodePath(location) : encodePath(location.slice(0, q)) + location.slice(q);
}

/** A feed's bytes in its format. */
function feedBytes(view: FeedView, format: FeedFormat): FeedOutput {
  const text = format === 'rss' ? renderRss(view) : format === 'atom' ? renderAtom(view) : renderJsonFeed(view);
  return { body: Buffer.from(text), lastModified: feedUpdated(view).toUTCString() };
}

/**
 * The view-count callback of an article answer. Built outside the route's scope on purpose: a
 * closure there would keep the whole article data (and the bytes memoised on it) alive for as long
 * as the page cache keeps the answer, outside the cache's byte bound.
 */
function countView(counter: PublicRouteDeps['viewCounter'], articleId: number, timeZone: string): () => void {
  return () => counter.record(articleId, timeZone);
}

/**
 * Every reader-facing page outside the fixed routes, through one handler so decoding, trailing
 * slashes and canonical redirects are decided in one place: home, section/tag/author archives
 * (with `/page/N/`), articles under the site's permalink structure, static pages, stored redirects.
 * Answers come from the page cache (pageCacheKey says which requests bypass it).
 */
export function registerPublicRoutes(app: FastifyInstance, deps: PublicRouteDeps): void {
  const { reading, pages, memo } = deps;
  // A feed's bytes depend only on its data, which the memo keeps until a purge.
  const feeds = memoPerObject<FeedData, FeedFormat, FeedOutput>();
  const articleParts = memoPerObject<ArticleData, string, ArticlePageParts>({ maxPerObject: 4 });
  function feedOutput(data: FeedData, format: FeedFormat): FeedOutput {
    return feeds(data, format, () => feedBytes(presentFeed(data, format, { baseUrl: deps.config.baseUrl, media: deps.media, hubs: deps.config.websub.hubs }), format));
  }
  const commentFeeds = memoPerObject<CommentFeedData, FeedFormat, FeedOutput>();
  function commentFeedOutput(data: CommentFeedData, format: FeedFormat): FeedOutput {
    return commentFeeds(data, format, () => feedBytes(presentCommentFeed(data, format, { baseUrl: deps.config.baseUrl }), format));
  }

  // The site's day, for cache keys (the masthead shows the date): recomputed once a second.
  let timeZone = deps.config.site.timeZone;
  let dayAt = { second: -1, day: '' };
  function today(): string {
    const second = Math.floor(reading.now().getTime() / 1000);
    if (second !== dayAt.second) dayAt = { second, day: dayInZone(reading.now(), timeZone) };
    return dayAt.day;
  }

  function readOutcome(path: string): Promise<PublicOutcome> {
    // The home page shows "most read", which moves without content changes: one entry a minute.
    const key = path === '/' ? `home:${Math.floor(reading.now().getTime() / 60_000)}` : `path:${path}`;
    return memo.get(key, () => readPublicPath(reading, path), { keep: (o) => o.kind !== 'not-found', keys: outcomeKeys });
  }

  /**
   * The answer for a path, or null for a 404. `personal` is set when the reader's own form or held
   * comment is in it (never cached, `private, no-store`).
   */
  async function renderAnswer(request: FastifyRequest, path: string): Promise<(RenderedAnswer & { personal: boolean }) | null> {
    const outcome = await readOutcome(path);
    if (outcome.kind === 'not-found') return null;
    const base = { status: 200, keys: outcomeKeys(outcome), policy: POLICIES[outcome.kind], personal: false };
    switch (outcome.kind) {
      case 'home':
        timeZone = outcome.data.frame.settings.timeZone;
        return { ...base, ...html(renderHomePage(pages.home(outcome.data))) };
      case 'archive':
        return { ...base, ...html(renderArchivePage(pages.archive(outcome.data, outcome.basePath))) };
      case 'article': {
        const { data } = outcome;
        const view = pages.article(data, outcome.canonicalPath);
        // The shared bytes are rendered once per data and day (the header shows today's date).
        const parts = articleParts(data, `${outcome.canonicalPath}|${view.site.today.iso}`, () => renderArticlePageParts(view));
        const { extras, personal } = await deps.articleExtras(request, data.article);
        const answer = { ...base, ...html(articlePageBytes(parts, extras)), onServe: countView(deps.viewCounter, data.article.id, data.frame.settings.timeZone) };
        return personal ? { ...answer, personal, headers: { ...answer.headers, 'cache-control': 'private, no-store' } } : answer;
      }
      case 'page':
        return { ...base, ...html(renderStaticPage(pages.staticPage(outcome.frame, outcome.page))) };
      case 'redirect':
        return {
          ...base,
          status: outcome.status,
          headers: { 'cache-control': REDIRECT_CACHE },
          body: Buffer.alloc(0),
          location: { target: encodeLocation(outcome.location), keepQuery: outcome.keepQuery },
        };
      case 'feed':
      case 'comment-feed': {
        const feed = outcome.kind === 'feed' ? feedOutput(outcome.data, outcome.format) : commentFeedOutput(outcome.data, outcome.format);
        return { ...base, headers: { 'content-type': FEED_TYPES[outcome.format], 'cache-control': FEED_CACHE, 'last-modified': feed.lastModified }, body: feed.body };
      }
    }
  }

  /** Without the cache: rendered for this request (bypassing query parameters, cookies, or the cache off). */
  async function answerDirect(request: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> {
    const answer = await renderAnswer(request, path);
    if (answer === null) return deps.sendErrorPage(reply, 404);
    if (answer.personal) {
      answer.onServe?.();
      for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
      return reply.header('vary', 'Accept-Encoding').send(answer.body);
    }
    // Article bytes are shared by every reader of a second and compressed once (compressedBody
    // keeps copies per Buffer); other pages are sent as rendered unless the cache is on.
    const shared = answer.onServe !== undefined || answer.headers['content-type']?.startsWith('text/html') !== true;
    return sendCachedAnswer(request, reply, toCachedAnswer(answer, 0, { compress: shared }), 'BYPASS');
  }

  app.get('/*', async (request, reply) => {
    const path = decodeRequestPath(request.url);
    if (path === '/' && deps.wordpressSearch && (request.query as Record<string, unknown>).s !== undefined) return deps.wordpressSearch(request, reply);
    // WordPress's query forms (`?p=`, `?page_id=`, `?attachment_id=`, `?amp`) before the cache, which ignores unknown parameters.
    const qAt = request.url.indexOf('?');
    if (qAt !== -1) {
      const legacy = await resolveLegacyQuery(reading, path, new URLSearchParams(request.url.slice(qAt)));
      if (legacy) return reply.code(legacy.status).header('location', encodeLocation(legacy.location)).header('cache-control', 'public, max-age=3600').send();
    }
    const key = deps.pageCache ? pageCacheKey(request, path, today()) : null;
    if (key === null || !deps.pageCache) return answerDirect(request, reply, path);
    return deps.pageCache.serve(
      request,
      reply,
      key,
      async () => {
        const answer = await renderAnswer(request, path);
        return answer === null || answer.personal ? null : answer;
      },
      () => answerDirect(request, reply, path),
    );
  });
}
