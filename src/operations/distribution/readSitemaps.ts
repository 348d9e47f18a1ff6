import { encodePath } from '../../domain/permalink.js';
import { zonedTime } from '../../domain/text/zonedTime.js';
import { MAX_NEWS_URLS, MAX_SITEMAP_URLS, type NewsSitemapItem, type SitemapIndexEntry, type SitemapUrl } from '../../feeds/sitemaps.js';
import type { ReadingDeps } from '../reading/ReadingDeps.js';
import { articlePath, permalinkFor } from '../reading/resolvePath.js';

/** Where sitemap URLs point: the public base URL and how a media key becomes a URL path. */
export interface SitemapSite {
  /** `config.baseUrl`, e.g. "https://news.example.ma" (a trailing slash is ignored). */
  baseUrl: string;
  /** Media key → URL path; defaults to the local storage's `/media/<percent-encoded key>`. */
  mediaUrlPath?: (key: string) => string;
  /** Most URLs in one sitemap file: the protocol's 50,000 unless a test asks for fewer. */
  maxUrls?: number;
}

/** The taxonomies that have a sitemap of their archive pages. */
export type TaxonomySitemap = 'sections' | 'tags' | 'authors';

/** The news sitemap: one URL set (≤ 1,000 articles) or an index of `/news-sitemap-N.xml`. */
export type NewsSitemapData = { kind: 'urlset'; items: NewsSitemapItem[] } | { kind: 'index'; entries: SitemapIndexEntry[] };

const NEWS_WINDOW_MS = 48 * 3_600_000;
/** Most articles the news sitemap reads (50 files of 1,000). */
const NEWS_READ_LIMIT = 50 * MAX_NEWS_URLS;

const localMediaUrlPath = (key: string) => `/media/${encodePath(key)}`;
const absolute = (site: SitemapSite, path: string) => site.baseUrl.replace(/\/+$/, '') + encodePath(path);

/** File name (without `.xml`) of part `part` (1-based) of a month's article sitemap. */
export function monthSitemapName(month: string, part: number): string {
  return part === 1 ? `posts-${month}` : `posts-${month}-${part}`;
}

/** File name (without `.xml`) of part `part` (1-based) of a taxonomy's sitemap: `tags`, `tags-2`, … */
export function taxonomySitemapName(kind: TaxonomySitemap, part: number): string {
  return part === 1 ? kind : `${kind}-${part}`;
}

const maxUrlsOf = (site: SitemapSite) => site.maxUrls ?? MAX_SITEMAP_URLS;

/**
 * How many files a taxonomy's sitemap takes. Sections are always one (a site has hundreds at
 * most). Tags and authors are counted exactly only when their table could overflow one file, so
 * the common case costs one count, not a grouping of every relation row.
 */
async function taxonomyParts(deps: ReadingDeps, site: SitemapSite, kind: TaxonomySitemap): Promise<number> {
  const max = maxUrlsOf(site);
  if (kind === 'sections') return 1;
  const bound = kind === 'tags' ? await deps.store.tags.count() : (await deps.store.authors.list()).length;
  if (bound <= max) return 1;
  const used = await deps.store.articles.publishedTaxonomy(kind);
  return Math.max(1, Math.ceil(used.length / max));
}

/** The UTC range `[from, to)` of a 'YYYY-MM' month, as ISO strings; null for an invalid month. */
function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  if (index < 0 || index > 11) return null;
  return { from: new Date(Date.UTC(year, index, 1)).toISOString(), to: new Date(Date.UTC(year, index + 1, 1)).toISOString() };
}

/**
 * The sitemap index: one article sitemap per month with published articles (UTC months, split
 * every 50,000 articles), then the sections, tags, authors and pages sitemaps that are not empty.
 */
export async function readSitemapIndex(deps: ReadingDeps, site: SitemapSite): Promise<SitemapIndexEntry[]> {
  // The index needs one last change per taxonomy, not every URL of it: the taxonomy sitemaps
  // themselves group every relation row and are read only when a crawler asks for them.
  const max = maxUrlsOf(site);
  const [settings, months, sections, tags, authors, pages] = await Promise.all([
    deps.site.get(),
    deps.store.articles.publishedMonths(),
    deps.store.articles.taxonomyLastChange('sections'),
    deps.store.articles.taxonomyLastChange('tags'),
    deps.store.articles.taxonomyLastChange('authors'),
    readPagesSitemap(deps, site),
  ]);
  const zone = zonedTime(settings.timeZone);
  const entries: SitemapIndexEntry[] = [];
  for (const m of months) {
    const lastmod = zone.isoWithOffset(m.lastModified);
    for (let part = 1; (part - 1) * max < m.count; part++) {
      entries.push({ loc: absolute(site, `/sitemap-${monthSitemapName(m.month, part)}.xml`), lastmod });
    }
  }
  for (const [name, last] of [['sections', sections], ['tags', tags], ['authors', authors]] as const) {
    if (last === null) continue;
    const parts = await taxonomyParts(deps, site, name);
    for (let part = 1; part <= parts; part++) {
      entries.push({ loc: absolute(site, `/sitemap-${taxonomySitemapName(name, part)}.xml`), lastmod: zone.isoWithOffset(last) });
    }
  }
  for (const [name, urls] of [['pages', pages]] as const) {
    if (!urls) continue;
    const lastmod = urls.reduce<string | null>((max, u) => (u.lastmod && (!max || Date.parse(u.lastmod) > Date.parse(max)) ? u.lastmod : max), null);
    entries.push({ loc: absolute(site, `/sitemap-${name}.xml`), lastmod });
  }
  return entries;
}

/**
 * Part `part` (1-based) of a month's article sitemap: canonical URL, last change and featured
 * image per article, oldest first. Null when the month or part has no published article.
 */
export async function readMonthSitemap(deps: ReadingDeps, site: SitemapSite, month: string, part = 1): Promise<SitemapUrl[] | null> {
  const range = monthRange(month);
  if (!range || !Number.isInteger(part) || part < 1) return null;
  const [settings, sections, articles] = await Promise.all([
    deps.site.get(),
    deps.sections.get(),
    deps.store.articles.listForSitemap(range.from, range.to, maxUrlsOf(site), (part - 1) * maxUrlsOf(site)),
  ]);
  if (articles.length === 0) return null;
  const permalink = permalinkFor(settings.permalink, settings.timeZone);
  const zone = zonedTime(settings.timeZone);
  const mediaUrlPath = site.mediaUrlPath ?? localMediaUrlPath;
  const base = site.baseUrl.replace(/\/+$/, '');
  return articles.map((a) => {
    const changed = a.modifiedAt ?? a.publishedAt;
    const url: SitemapUrl = {
      loc: base + encodePath(articlePath(permalink, sections, a, a.firstAuthorSlug)),
      lastmod: changed ? zone.isoWithOffset(changed) : null,
    };
    if (a.featuredImage) {
      url.images = [{ loc: base + mediaUrlPath(a.featuredImage.key), title: a.featuredImage.alt || null, caption: a.featuredImage.caption }];
    }
    return url;
  });
}

/**
 * Part `part` (1-based) of the archive pages of sections (`/category/<path>/`, counting articles
 * of subsections), tags (`/tag/<slug>/`) or staff authors (`/author/<slug>/`) with at least one
 * published article, `lastmod` the newest change among them; in path order, 50,000 a part. Null
 * when the part has none.
 */
export async function readTaxonomySitemap(deps: ReadingDeps, site: SitemapSite, kind: TaxonomySitemap, part = 1): Promise<SitemapUrl[] | null> {
  if (!Number.isInteger(part) || part < 1) return null;
  const [settings, rows] = await Promise.all([deps.site.get(), deps.store.articles.publishedTaxonomy(kind)]);
  const zone = zonedTime(settings.timeZone);
  let found: Array<{ path: string; lastModified: Date }>;
  if (kind === 'sections') {
    const index = await deps.sections.get();
    const direct = new Map(rows.map((r) => [r.id, r.lastModified.getTime()]));
    found = index.all.flatMap((section) => {
      const newest = Math.max(...index.subtreeIds(section.id).map((id) => direct.get(id) ?? -Infinity));
      return Number.isFinite(newest) ? [{ path: `/category/${index.path(section)}/`, lastModified: new Date(newest) }] : [];
    });
  } else {
    const prefix = kind === 'tags' ? '/tag/' : '/author/';
    found = rows.map((r) => ({ path: `${prefix}${r.slug}/`, lastModified: r.lastModified }));
  }
  const max = maxUrlsOf(site);
  // Parts are stable slices of one order (by path), so a URL is in exactly one of them.
  if (found.length > max) found = [...found].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)).slice((part - 1) * max, part * max);
  else if (part > 1) return null;
  if (found.length === 0) return null;
  return found.map((f) => ({ loc: absolute(site, f.path), lastmod: zone.isoWithOffset(f.lastModified) }));
}

/** Published static pages (`/<slug>/`), `lastmod` their last update. Null when there is none. */
export async function readPagesSitemap(deps: ReadingDeps, site: SitemapSite): Promise<SitemapUrl[] | null> {
  const [settings, pages] = await Promise.all([deps.site.get(), deps.store.pages.listPublished()]);
  if (pages.length === 0) return null;
  const zone = zonedTime(settings.timeZone);
  return pages.map((p) => ({ loc: absolute(site, `/${p.slug}/`), lastmod: zone.isoWithOffset(p.updatedAt) }));
}

/** Articles published in the 48 hours before `deps.now()`, newest first, as news sitemap items. */
async function readNewsItems(deps: ReadingDeps, site: SitemapSite): Promise<NewsSitemapItem[]> {
  const now = deps.now();
  const [settings, sections, cards] = await Promise.all([
    deps.site.get(),
    deps.sections.get(),
    deps.store.articles.publishedSince(new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), NEWS_READ_LIMIT),
  ]);
  const permalink = permalinkFor(settings.permalink, settings.timeZone);
  const zone = zonedTime(settings.timeZone);
  const language = (settings.locale.split('-')[0] ?? settings.locale).toLowerCase();
  const base = site.baseUrl.replace(/\/+$/, '');
  return cards.flatMap((c) =>
    c.publishedAt && c.publishedAt.getTime() <= now.getTime()
      ? [
          {
            loc: base + encodePath(articlePath(permalink, sections, c, c.firstAuthorSlug)),
            title: c.title,
            publicationDate: zone.isoWithOffset(c.publishedAt),
            publicationName: settings.name,
            language,
          },
        ]
      : [],
  );
}

/** `/news-sitemap.xml`: the last 48 hours' articles, or an index of 1,000-article parts beyond that. */
export async function readNewsSitemap(deps: ReadingDeps, site: SitemapSite): Promise<NewsSitemapData> {
  const items = await readNewsItems(deps, site);
  if (items.length <= MAX_NEWS_URLS) return { kind: 'urlset', items };
  const entries: SitemapIndexEntry[] = [];
  for (let n = 1; (n - 1) * MAX_NEWS_URLS < items.length; n++) {
    entries.push({ loc: absolute(site, `/news-sitemap-${n}.xml`), lastmod: items[(n - 1) * MAX_NEWS_URLS]?.publicationDate ?? null });
  }
  return { kind: 'index', entries };
}

/** Part `n` (1-based) of the news sitemap when it is an index; null when that part does not exist. */
export async function readNewsSitemapPart(deps: ReadingDeps, site: SitemapSite, n: number): Promise<NewsSitemapItem[] | null> {
  if (!Number.isInteger(n) || n < 1) return null;
  const items = await readNewsItems(deps, site);
  if (items.length <= MAX_NEWS_URLS) return null;
  const part = items.slice((n - 1) * MAX_NEWS_URLS, n * MAX_NEWS_URLS);
  return part.length > 0 ? part : null;
}
