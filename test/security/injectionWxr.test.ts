import { createWriteStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWordpress } from '../../src/importers/wordpress/importWordpress.js';
import { browserSkipReason, launchBrowser } from '../e2e/browser.js';
import { callAs, signIn, type AdminSession } from '../support/adminSessions.js';
import { activeContent } from '../support/inertHtml.js';
import { baselineOf, expectNoScriptRuns, jsonLdBlocks, payloads, sitemapFiles, textOfTag, wellFormedXml, xmlElements } from '../support/injectionChecks.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { createWxrWriter, type WxrAuthor, type WxrCategory, type WxrItem, type WxrTag } from '../support/wxr/writeWxr.js';

/**
 * Issue #10: the injection suite's payloads arriving through a WordPress export instead of the
 * admin API — in post titles, bodies and excerpts, comment authors, URLs and texts, category and
 * tag names, author display names — checked in the same outputs as test/security/injection.test.ts
 * (its helpers: test/support/injectionChecks.ts): every page inert, JSON-LD parseable, feeds and
 * sitemaps well-formed with no new element, search JSON parseable, the admin API JSON, Chromium.
 */

/** NUL cannot be in XML at all (the writer drops it, as WordPress's exporter does). */
const usable = payloads.filter((p) => !p.includes('\u0000'));
const SITE = { title: 'أخبار', url: 'https://akhbar.example', description: 'وصف', language: 'ar', permalinkStructure: '/%year%/%monthnum%/%postname%/', timeZone: 'Africa/Casablanca', created: new Date('2026-11-01T00:00:00Z') };

describe('the injection suite through a WordPress import', () => {
  let site: TestSite;
  let admin: AdminSession;
  let baseline: { tags: Set<string>; feedElements: Set<string> };
  const figures = { payloads: usable.length, posts: 0, comments: 0, terms: 0, authors: 0, outputsChecked: 0, titlesShownAsText: 0 };
  const get = (url: string) => site.khabar.app.inject({ method: 'GET', url });
  let pages: string[] = [];

  beforeAll(async () => {
    site = await openTestSite({ demo: true });
    ({ admin } = await signIn(site.khabar, { admin: 'admin' }));
    baseline = await baselineOf(get);

    const file = path.join(site.dataDir, 'payloads.xml');
    const authors: WxrAuthor[] = usable.slice(0, 20).map((p, i) => ({ id: i + 1, login: `author${i}`, email: `a${i}@akhbar.example`, displayName: p }));
    const categories: WxrCategory[] = usable.slice(0, 30).map((p, i) => ({ termId: 100 + i, slug: `cat-${i}`, parent: null, name: p.slice(0, 200) }));
    const tags: WxrTag[] = usable.map((p, i) => ({ termId: 1000 + i, slug: `tag-${i}`, name: p.slice(0, 200) }));
    figures.authors = authors.length;
    figures.terms = categories.length + tags.length;
    const writer = await createWxrWriter(createWriteStream(file), SITE, { authors, categories, tags });
    let commentId = 1;
    for (const [i, payload] of usable.entries()) {
      const item: WxrItem = {
        id: 10 + i,
        type: 'post',
        title: `${payload} ${i}`,
        slug: `post-${i}`,
        content: `<p>${payload}</p>${payload}<p>نص ${i}</p>`,
        excerpt: payload,
        date: new Date(TEST_NOW.getTime() - (i + 2) * 3_600_000),
        author: authors[i % authors.length]!.login,
        status: 'publish',
        commentStatus: 'open',
        categories: [categories[i % categories.length]!.slug],
        tags: [tags[i]!.slug],
        comments: [
          {
            id: commentId++,
            author: payload.slice(0, 200),
            authorEmail: `r${i}@readers.example`,
            authorUrl: payload.startsWith('javascript:') || payload.includes('://') ? payload.slice(0, 190) : `https://reader.example/${encodeURIComponent(payload.slice(0, 50))}`,
            authorIp: '203.0.113.9',
            date: new Date(TEST_NOW.getTime() - (i + 1) * 3_600_000),
            content: payload,
            approved: '1',
            type: 'comment',
            parent: 0,
            userId: 0,
          },
        ],
      };
      await writer.item(item);
      figures.posts += 1;
      figures.comments += 1;
    }
    await writer.end();
    const report = await importWordpress({ store: site.khabar.store, site: site.config.site, now: () => TEST_NOW }, file);
    expect(report.counts.articles.failed, JSON.stringify(report.counts)).toBe(0);
    expect(report.counts.articles.created).toBe(usable.length);

    const sitemaps = await sitemapFiles(get);
    const found = new Set<string>();
    for (const sitemap of sitemaps) for (const m of (await get(sitemap)).body.matchAll(/<loc>https:\/\/khabar\.example([^<]+)<\/loc>/g)) found.add(m[1]!);
    pages = [...found];
    await site.khabar.app.listen({ port: 0, host: '127.0.0.1' });
  }, 600_000);

  afterAll(async () => {
    console.log(`[injection wxr] ${JSON.stringify(figures)}`);
    await site?.dispose();
  });

  it('renders every page the sitemaps list (articles, sections, tags, authors) inert, with valid JSON-LD', async () => {
    // Every imported post, archive and byline page is listed (demo pages as well).
    expect(pages.length).toBeGreaterThan(usable.length * 2);
    const titles = new Set(usable.map((p, i) => `${p} ${i}`.replace(/\s+/g, ' ').trim()));
    let titlesShown = 0;
    for (const url of ['/', ...pages]) {
      const page = await get(url);
      if (titles.has(textOfTag(page.body, 'h1').replace(/\s+/g, ' ').trim())) titlesShown += 1;
      expect(page.statusCode, url).toBe(200);
      expect(activeContent(page.body, baseline.tags), `${url} ${JSON.stringify(activeContent(page.body, baseline.tags))}`).toEqual([]);
      jsonLdBlocks(page.body);
      figures.outputsChecked += 1;
    }
    // The payloads reached the pages, as text (escaped once): every title's <h1> reads exactly as exported.
    expect(titlesShown).toBe(usable.length);
    figures.titlesShownAsText = titlesShown;
  }, 300_000);

  it('keeps feeds (articles and comments) and sitemaps well-formed, with no injected element', async () => {
    const feeds = ['/feed/', '/feed/atom/', '/comments/feed/', '/sitemap.xml', '/news-sitemap.xml', ...(await sitemapFiles(get))];
    for (const url of feeds) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      wellFormedXml(res.body);
      expect([...xmlElements(res.body)].filter((name) => !baseline.feedElements.has(name)), url).toEqual([]);
      figures.outputsChecked += 1;
    }
    const json = (await get('/feed/json/')).body;
    expect(() => JSON.parse(json)).not.toThrow();
    figures.outputsChecked += 1;
  }, 300_000);

  it('answers search JSON and the admin API with parseable JSON holding the imported text', async () => {
    for (const [i, word] of ['نص', 'script', 'onerror', 'svg'].entries()) {
      const res = await site.khabar.app.inject({ method: 'GET', url: `/search.json?q=${encodeURIComponent(word)}`, remoteAddress: `10.6.0.${i + 1}` });
      expect(() => JSON.parse(res.body), word).not.toThrow();
      figures.outputsChecked += 1;
    }
    const list = await callAs(site.khabar, admin, 'GET', '/admin/api/articles?perPage=100');
    expect(list.statusCode, list.body).toBe(200);
    const comments = await callAs(site.khabar, admin, 'GET', '/admin/api/comments?status=approved&perPage=100');
    expect(comments.statusCode, comments.body).toBe(200);
    const authors = await callAs(site.khabar, admin, 'GET', '/admin/api/authors');
    expect(authors.statusCode).toBe(200);
    // Data, never HTML-escaped: the display names come back exactly as the export had them.
    const names = new Set((authors.json() as { authors: Array<{ name: string }> }).authors.map((a) => a.name));
    expect(usable.slice(0, 20).filter((p) => !names.has(p.trim()) && !names.has(p))).toEqual([]);
    figures.outputsChecked += 3;
  });

  it.skipIf(browserSkipReason !== null)('runs no script in Chromium, even with the CSP switched off', async () => {
    const port = (site.khabar.app.server.address() as AddressInfo).port;
    figures.outputsChecked += await expectNoScriptRuns(await launchBrowser(), `http://127.0.0.1:${port}`, ['/', '/comments/feed/', ...pages.filter((_, i) => i % 6 === 0)]);
  }, 300_000);
});
