import type { FastifyInstance, FastifyReply } from 'fastify';
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
  const keep = (body: string | null) => body !== null;
  const send = (reply: FastifyReply, body: string | null, type: string, cache: string) =>
    body === null
      ? deps.sendErrorPage(reply, 404)
      : reply.header('content-type', type).header('cache-control', cache).send(Buffer.from(body));
  const minute = () => Math.floor(reading.now().getTime() / 60_000);

  app.get('/robots.txt', async (request, reply) => {
    const body = renderRobotsTxt({ baseUrl: deps.baseUrl, sitemaps: ['/sitemap.xml', '/news-sitemap.xml'] });
    return send(reply, body, 'text/plain; charset=utf-8', CACHE);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const body = await memo.get('sitemap:index', async () => renderSitemapIndex(await readSitemapIndex(reading, site)));
    return send(reply, body, XML, CACHE);
  });

  app.get<{ Params: { name: string } }>('/sitemap-:name.xml', async (request, reply) => {
    const parsed = parseSitemapName(request.params.name);
    if (!parsed) return deps.sendErrorPage(reply, 404);
    const body = await memo.get(
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
      keep,
    );
    return send(reply, body, XML, CACHE);
  });

  app.get('/news-sitemap.xml', async (request, reply) => {
    const body = await memo.get(`sitemap:news:${minute()}`, async () => {
      const data = await readNewsSitemap(reading, site);
      return data.kind === 'urlset' ? renderNewsSitemap(data.items) : renderSitemapIndex(data.entries);
    });
    return send(reply, body, XML, NEWS_CACHE);
  });

  app.get<{ Params: { n: string } }>('/news-sitemap-:n.xml', async (request, reply) => {
    const n = request.params.n;
    if (!/^[1-9]\d{0,3}$/.test(n)) return deps.sendErrorPage(reply, 404);
    const body = await memo.get(
      `sitemap:news-${n}:${minute()}`,
      async () => {
        const items = await readNewsSitemapPart(reading, site, Number(n));
        return items ? renderNewsSitemap(items) : null;
      },
      keep,
    );
    return send(reply, body, XML, NEWS_CACHE);
  });
}
