import { escapeXml } from './xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Most URLs (or child sitemaps) one sitemap file may list (sitemaps.org). */
export const MAX_SITEMAP_URLS = 50_000;
/** Most articles one Google News sitemap file may list. */
export const MAX_NEWS_URLS = 1_000;

/** A child sitemap in an index. `lastmod` is a W3C datetime with the site's offset. */
export interface SitemapIndexEntry {
  loc: string;
  lastmod?: string | null;
}

export interface SitemapImage {
  loc: string;
  title?: string | null;
  caption?: string | null;
}

/** One page of a URL set: absolute percent-encoded `loc`, W3C `lastmod` with offset. */
export interface SitemapUrl {
  loc: string;
  lastmod?: string | null;
  images?: SitemapImage[];
}

/** One article of a Google News sitemap. `publicationDate` is a W3C datetime with offset. */
export interface NewsSitemapItem {
  loc: string;
  title: string;
  publicationDate: string;
  publicationName: string;
  /** ISO 639 code (`ar`), or zh-cn / zh-tw. */
  language: string;
}

const tag = (name: string, value: string | null | undefined) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');

/** A sitemap index (`<sitemapindex>`) of child sitemaps. */
export function renderSitemapIndex(entries: readonly SitemapIndexEntry[]): string {
  const parts = [DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">\n`];
  for (const e of entries) parts.push(`<sitemap>${tag('loc', e.loc)}${tag('lastmod', e.lastmod)}</sitemap>\n`);
  parts.push('</sitemapindex>\n');
  return parts.join('');
}

/** A URL set (`<urlset>`), declaring the image namespace only when some URL has images. */
export function renderUrlSet(urls: readonly SitemapUrl[]): string {
  const withImages = urls.some((u) => u.images && u.images.length > 0);
  const parts = [DECLARATION, `<urlset xmlns="${SITEMAP_NS}"${withImages ? ` xmlns:image="${IMAGE_NS}"` : ''}>\n`];
  for (const u of urls) {
    let images = '';
    for (const img of u.images ?? []) {
      images += `<image:image>${tag('image:loc', img.loc)}${tag('image:caption', img.caption)}${tag('image:title', img.title)}</image:image>`;
    }
    parts.push(`<url>${tag('loc', u.loc)}${tag('lastmod', u.lastmod)}${images}</url>\n`);
  }
  parts.push('</urlset>\n');
  return parts.join('');
}

/** A Google News sitemap: publication name and language, publication date and title per article. */
export function renderNewsSitemap(items: readonly NewsSitemapItem[]): string {
  const parts = [DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n`];
  for (const i of items) {
    parts.push(
      `<url>${tag('loc', i.loc)}<news:news><news:publication>${tag('news:name', i.publicationName)}${tag('news:language', i.language)}</news:publication>` +
        `${tag('news:publication_date', i.publicationDate)}<news:title>${escapeXml(i.title)}</news:title></news:news></url>\n`,
    );
  }
  parts.push('</urlset>\n');
  return parts.join('');
}

/** robots.txt: everything allowed except the admin and search results; names the sitemaps. */
export function renderRobotsTxt(options: { baseUrl: string; sitemaps?: readonly string[] }): string {
  const sitemaps = options.sitemaps ?? ['/sitemap.xml', '/news-sitemap.xml'];
  const lines = ['User-agent: *', 'Allow: /', 'Disallow: /admin/', 'Disallow: /search', ''];
  for (const s of sitemaps) lines.push(`Sitemap: ${/^https?:\/\//i.test(s) ? s : options.baseUrl.replace(/\/+$/, '') + s}`);
  return `${lines.join('\n')}\n`;
}
