import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import type { DemoArticle } from '../../src/demo/types.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { readSitemapIndex, readTaxonomySitemap } from '../../src/operations/distribution/readSitemaps.js';
import { TEST_NOW } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';

const XMLLINT = '/usr/bin/xmllint';
const SCHEMAS = path.resolve('../shared/data/schemas/sitemaps');
const BAD_SITEMAP = path.resolve('../shared/data/schemas/sitemap-fixtures/sitemap.js-mocks/bad-tag-sitemap.xml');
const hasXmllint = existsSync(XMLLINT);
if (!hasXmllint && process.env.CI) throw new Error(`${XMLLINT} is missing and CI is set: sitemap validation cannot be skipped`);
if (!hasXmllint) console.warn(`[khabar tests] ${XMLLINT} is missing: sitemap schema validation is skipped (apt-get install libxml2-utils)`);

const BASE = 'https://khabar.example';
const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const publishedAt = (a: DemoArticle) => new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000);
const urlOf = (a: DemoArticle) =>
  BASE + encodePath(permalink.build({ id: 0, slug: a.slug, publishedAt: publishedAt(a), categoryPath: '', authorSlug: '' }));
const locs = (xml: string) => [...xml.matchAll(/<(?:url|sitemap)><loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

const tmp = mkdtempSync(path.join(tmpdir(), 'khabar-sitemaps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
function xmllint(file: string, schema: 'all-local.xsd' | 'siteindex.xsd') {
  execFileSync(XMLLINT, ['--noout', '--nonet', '--schema', path.join(SCHEMAS, schema), file], { stdio: 'pipe' });
}
/** Validates an XML body against the sitemap schemas (index or URL set); xmllint's message on failure. */
function validate(xml: string) {
  if (!hasXmllint) return;
  const file = path.join(tmp, `body-${fileNo++}.xml`);
  writeFileSync(file, xml);
  try {
    xmllint(file, xml.includes('<sitemapindex') ? 'siteindex.xsd' : 'all-local.xsd');
  } catch (error) {
    throw new Error(`xmllint rejected ${file}: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
}

describe('the sitemap validator', () => {
  it.skipIf(!hasXmllint)('rejects a broken sitemap (so the checks below can fail)', () => {
    expect(() => xmllint(BAD_SITEMAP, 'all-local.xsd')).toThrow();
  });
});

for (const kind of storeKinds) describe.skipIf(!kind.available)(`sitemaps and robots.txt [${kind.name}]`, () => {
  const env = siteOnStore(kind);
  const get = (url: string) => env.site.khabar.app.inject({ method: 'GET', url });
  const bodies: string[] = [];
  const getXml = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    validate(res.body);
    bodies.push(res.body);
    return res;
  };

  it('robots.txt allows reading, keeps crawlers out of the admin and search, names both sitemaps', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).toContain('User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /search\n');
    expect(res.body).toContain(`Sitemap: ${BASE}/sitemap.xml\n`);
    expect(res.body).toContain(`Sitemap: ${BASE}/news-sitemap.xml\n`);
  });

  it('the index lists the monthly article sitemaps and the archive and page sitemaps, with offsets', async () => {
    const res = await getXml('/sitemap.xml');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(locs(res.body)).toEqual([
      `${BASE}/sitemap-posts-2026-10.xml`,
      `${BASE}/sitemap-posts-2026-11.xml`,
      `${BASE}/sitemap-sections.xml`,
      `${BASE}/sitemap-tags.xml`,
      `${BASE}/sitemap-authors.xml`,
      `${BASE}/sitemap-pages.xml`,
    ]);
    const lastmods = [...res.body.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1]!);
    expect(lastmods).toHaveLength(6);
    for (const l of lastmods) expect(l).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
  });

  it('lists every published demo article exactly once, at its canonical percent-encoded URL', async () => {
    const index = await getXml('/sitemap.xml');
    const monthly = locs(index.body).filter((l) => l.includes('/sitemap-posts-'));
    const found: string[] = [];
    for (const loc of monthly) found.push(...locs((await getXml(loc.slice(BASE.length))).body));
    const expected = demoContent.articles.map(urlOf);
    expect(found.sort()).toEqual([...expected].sort());
    expect(new Set(found).size).toBe(found.length);
    for (const l of found) expect(l).toMatch(/^https:\/\/khabar\.example\/2026\/1[01]\/(%[0-9A-F]{2}|[A-Za-z0-9._~-])+\/$/);
  });

  it('gives featured images as image entries and lastmod with the site offset', async () => {
    const withImage = demoContent.articles.find((a) => a.image)!;
    const month = publishedAt(withImage).toISOString().slice(0, 7);
    const res = await getXml(`/sitemap-posts-${month}.xml`);
    expect(res.body).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
    const entry = res.body.split('\n').find((line) => line.includes(`<loc>${urlOf(withImage)}</loc>`))!;
    expect(entry).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00<\/lastmod>/);
    expect(entry).toMatch(/<image:image><image:loc>https:\/\/khabar\.example\/media\/[^<]+<\/image:loc>/);
  });

  it('lists sections, tags, staff authors and pages with published content', async () => {
    const sections = locs((await getXml('/sitemap-sections.xml')).body);
    expect(sections).toContain(`${BASE}${encodePath('/category/مجتمع/')}`);
    const tags = locs((await getXml('/sitemap-tags.xml')).body);
    const demoTags = new Set(demoContent.articles.flatMap((a) => a.tags));
    expect(tags.sort()).toEqual([...demoTags].map((t) => `${BASE}${encodePath(`/tag/${t}/`)}`).sort());
    const authors = locs((await getXml('/sitemap-authors.xml')).body);
    const staff = demoContent.authors.filter((a) => !a.guest).map((a) => a.slug);
    expect(authors.length).toBeGreaterThan(0);
    for (const a of authors) expect(staff.map((s) => `${BASE}${encodePath(`/author/${s}/`)}`)).toContain(a);
    const guests = demoContent.authors.filter((a) => a.guest).map((a) => a.slug);
    for (const g of guests) expect(authors).not.toContain(`${BASE}${encodePath(`/author/${g}/`)}`);
    const pages = locs((await getXml('/sitemap-pages.xml')).body);
    expect(pages.sort()).toEqual(demoContent.pages.map((p) => `${BASE}${encodePath(`/${p.slug}/`)}`).sort());
  });

  it('the news sitemap has exactly the articles of the last 48 hours, newest first, dated with the offset', async () => {
    const res = await getXml('/news-sitemap.xml');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const recent = demoContent.articles.filter((a) => a.hoursAgo <= 48).sort((x, y) => x.hoursAgo - y.hoursAgo);
    expect(recent.length).toBeGreaterThan(0);
    expect(locs(res.body)).toEqual(recent.map(urlOf));
    const dates = [...res.body.matchAll(/<news:publication_date>([^<]+)<\/news:publication_date>/g)].map((m) => m[1]!);
    expect(dates).toHaveLength(recent.length);
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
    expect(res.body).toContain(`<news:name>${demoContent.site.name}</news:name><news:language>ar</news:language>`);
  });

  it('answers 404 for unknown sitemaps, empty months and absent parts', async () => {
    for (const url of ['/sitemap-foo.xml', '/sitemap-posts-2020-01.xml', '/sitemap-posts-2026-13.xml', '/sitemap-posts-2026-11-2.xml', '/news-sitemap-1.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('splits tags beyond the per-file limit into parts, each archive in exactly one, every part in the index', async () => {
    // 5 fresh tags on one new article, with files of 4 URLs: the demo's tags plus these need parts.
    const fresh = await Promise.all([1, 2, 3, 4, 5].map((n) => env.store.tags.create({ slug: `وسم-للتقسيم-${n}`, name: `وسم ${n}` })));
    const society = (await env.store.sections.findBySlug('مجتمع'))!;
    await env.store.articles.create({
      slug: 'مقال-الأوسمة-الكثيرة',
      title: 'مقال الأوسمة الكثيرة',
      body: '<p>نص</p>',
      status: 'published',
      publishedAt: new Date(TEST_NOW.getTime() - 3_600_000),
      sectionIds: [society.id],
      tagIds: fresh.map((t) => t.id),
      readingMinutes: 1,
    });
    const site = { baseUrl: BASE, maxUrls: 4 };
    const reading = env.site.khabar.reading;
    const used = await env.store.articles.publishedTaxonomy('tags');
    const parts = Math.ceil(used.length / 4);
    expect(parts).toBeGreaterThan(1);
    const index = await readSitemapIndex(reading, site);
    const tagFiles = index.map((e) => e.loc).filter((loc) => /\/sitemap-tags(-\d+)?\.xml$/.test(loc));
    expect(tagFiles).toEqual(Array.from({ length: parts }, (_, i) => `${BASE}/sitemap-${i === 0 ? 'tags' : `tags-${i + 1}`}.xml`));
    const seen: string[] = [];
    for (let part = 1; part <= parts; part++) {
      const urls = (await readTaxonomySitemap(reading, site, 'tags', part))!;
      expect(urls.length).toBeLessThanOrEqual(4);
      seen.push(...urls.map((u) => u.loc));
    }
    expect(await readTaxonomySitemap(reading, site, 'tags', parts + 1)).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(used.map((t) => `${BASE}${encodePath(`/tag/${t.slug}/`)}`).sort());
    // With the protocol's limit they are one file again, and a second part is a 404.
    expect((await get('/sitemap-tags-2.xml')).statusCode).toBe(404);
    expect(locs((await getXml('/sitemap-tags.xml')).body).length).toBe(used.length);
  });

  it('never escapes text twice', () => {
    expect(bodies.length).toBeGreaterThan(5);
    for (const b of bodies) expect(b).not.toContain('&amp;amp;');
  });
});
