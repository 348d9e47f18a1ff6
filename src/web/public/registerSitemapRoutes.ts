import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { surrogateKey } from '../../domain/surrogateKeys.js';
import type { CachePolicy } from '../cache/CachedAnswer.js';
import { toCachedAnswer } from '../cache/CachedAnswer.js';
import type { PageCache } from '../cache/createPageCache.js';
import { sendCachedAnswer } from '../cache/sendCachedAnswer.js';
import {
  readMonthSitemap,
  readNewsSitemap,
  readNewsSitemapPart,
  readPagesSitemap,
  readSitemapIndex,
  readTaxonomySitemap,
  type SitemapSite,
} from '../../operations/distribution/readSitemaps.js';
import type { ReadMemo } from '../../operations/reading/createReadMemo.js';
import type { ReadingDeps } from '../../operations/reading/ReadingDeps.js';
import { renderNewsSitemap, renderRobotsTxt, renderSitemapIndex, renderUrlSet } from '../../feeds/sitemaps.js';
import type { ErrorPageView } from '../../views/models.js';

export interface SitemapRouteDeps {
  reading: ReadingDeps;
  memo: ReadMemo;
  /** `config.baseUrl`: sitemaps and robots.txt list absolute URLs. */
  baseUrl: string;
  /** Media key → URL path (`MediaStorage.urlPath`); the local `/media/…` form when absent. */
  mediaUrlPath?: (key: string) => string;
  /** Most URLs a sitemap file holds (the protocol's 50,000 when absent; tests use fewer). */
  maxUrls?: number;
  sendErrorPage(reply: FastifyReply, status: ErrorPageView['status']): Promise<FastifyReply>;
  /** The page cache (null: every request renders). */
  pageCache?: PageCache | null;
}

const XML = 'application/xml; charset=utf-8';
const CACHE = 'public, max-age=300';
const NEWS_CACHE = 'public, max-age=60';

/** `posts-YYYY-MM[-N]`, `sections`, `tags[-N]`, `authors[-N]`, `pages` (N ≥ 2); else null. */
function parseSitemapName(name: string): { kind: 'posts'; month: string; part: number } | { kind: 'sections' | 'tags' | 'authors'; part: number } | { kind: 'pages' } | null {
  if (name === 'sections' || name === 'pages') return { kind: name, part: 1 };
  const taxonomy = /^(tags|authors)(?:-([2-9]|[1-9]\d{1,5}))?$/.exec(name);
  if (taxonomy) return { kind: taxonomy[1] as 'tags' | 'authors', part: taxonomy[2] === undefined ? 1 : Number(taxonomy[2]) };
  const m = /^posts-(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,5}))?$/.exec(name);
  if (!m) return null;
  return { kind: 'posts', month: m[1]!, part: m[2] === undefined ? 1 : Number(m[2]) };
}

/**
 * `/robots.txt`, `/sitemap.xml` (index), `/sitemap-<name>.xml` (monthly articles, sections, tags,
 * authors, pages), `/news-sitemap.xml` and `/news-sitemap-N.xml`. Each body is rendered once per
 * content version through the read memo (the news sitemap once a minute too: its 48-hour window moves).
 */
export function registerSitemapRoutes(app: FastifyInstance, deps: SitemapRouteDeps): void {
  const { reading, memo } = deps;
  const site: SitemapSite = {
    baseUrl: deps.baseUrl,
    ...(deps.mediaUrlPath ? { mediaUrlPath: deps.mediaUrlPath } : {}),
    ...(deps.maxUrls !== undefined ? { maxUrls: deps.maxUrls } : {}),
  };
  const keys = [surrogateKey.settings, surrogateKey.sitemap];
  const memoOptions = { keep: (body: string | null) => body !== null, keys: () => keys };
  const minute = () => Math.floor(reading.now().getTime() / 60_000);
  const HOUR: CachePolicy = { ttlMs: 3_600_000, staleMs: 0 };
  // The news sitemap's 48-hour window moves by itself: a minute at most.
  const MINUTE: CachePolicy = { ttlMs: 60_000, staleMs: 0 };

  /** One sitemap answer through the page cache (keyed by its path: no query string changes it). */
  function serve(request: FastifyRequest, reply: FastifyReply, body: () => Promise<string | null>, type: string, cache: string, policy: CachePolicy) {
    const render = async () => {
      const text = await body();
      return text === null ? null : { status: 200, headers: { 'content-type': type, 'cache-control': cache }, body: Buffer.from(text), keys, policy };
    };
    const notFound = () => deps.sendErrorPage(reply, 404);
    if (deps.pageCache) return deps.pageCache.serve(request, reply, `sitemaps|${request.url.split('?')[0]}`, render, notFound);
    return render().then((answer) => (answer === null ? notFound() : sendCachedAnswer(request, reply, toCachedAnswer(answer, 0), 'BYPASS')));
  }

  app.get('/robots.txt', (request, reply) =>
    serve(request, reply, async () => renderRobotsTxt({ baseUrl: deps.baseUrl, sitemaps: ['/sitemap.xml', '/news-sitemap.xml'] }), 'text/plain; charset=utf-8', CACHE, HOUR),
  );

  app.get('/sitemap.xml', (request, reply) =>
    serve(request, reply, () => memo.get('sitemap:index', async () => renderSitemapIndex(await readSitemapIndex(reading, site)), memoOptions), XML, CACHE, HOUR),
  );

  app.get<{ Params: { name: string } }>('/sitemap-:name.xml', async (request, reply) => {
    const parsed = parseSitemapName(request.params.name);
    if (!parsed) return deps.sendErrorPage(reply, 404);
    const body = () =>
      memo.get(
        `sitemap:${request.params.name}`,
        async () => {
          const urls =
            parsed.kind === 'posts'
              ? await readMonthSitemap(reading, site, parsed.month, parsed.part)
              : parsed.kind === 'pages'
                ? await readPagesSitemap(reading, site)
                : await readTaxonomySitemap(reading, site, parsed.kind, parsed.part);
          return urls ? renderUrlSet(urls) : null;
        },
        memoOptions,
      );
    return serve(request, reply, body, XML, CACHE, HOUR);
  });

  app.get('/news-sitemap.xml', (request, reply) => {
    const body = () =>
      memo.get(
        `sitemap:news:${minute()}`,
        async () => {
          const data = await readNewsSitemap(reading, site);
          return data.kind === 'urlset' ? renderNewsSitemap(data.items) : renderSitemapIndex(data.entries);
        },
        memoOptions,
      );
    return serve(request, reply, body, XML, NEWS_CACHE, MINUTE);
  });

  app.get<{ Params: { n: string } }>('/news-sitemap-:n.xml', async (request, reply) => {
    const n = request.params.n;
    if (!/^[1-9]\d{0,3}$/.test(n)) return deps.sendErrorPage(reply, 404);
    const body = () =>
      memo.get(
        `sitemap:news-${n}:${minute()}`,
        async () => {
          const items = await readNewsSitemapPart(reading, site, Number(n));
          return items ? renderNewsSitemap(items) : null;
        },
        memoOptions,
      );
    return serve(request, reply, body, XML, NEWS_CACHE, MINUTE);
  });
}
