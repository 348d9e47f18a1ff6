import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import type { DemoArticle } from '../../src/demo/types.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';
import { MOROCCAN_MONTHS } from '../support/moroccanMonths.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const publishedAt = (a: DemoArticle) => new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000);
const pathOf = (a: DemoArticle) =>
  permalink.build({ id: 0, slug: a.slug, publishedAt: publishedAt(a), categoryPath: '', authorSlug: '' });
const urlOf = (a: DemoArticle) => encodePath(pathOf(a));

const society = demoContent.articles.filter((a) => a.sections[0] === 'مجتمع');
const withImage = demoContent.articles.find((a) => a.image)!;
const breaking = demoContent.articles.find((a) => a.breaking)!;

for (const kind of storeKinds) describe.skipIf(!kind.available)(`the public reading site [${kind.name}]`, () => {
  const env = siteOnStore(kind);
  const get = (url: string, headers: Record<string, string> = {}) => env.site.khabar.app.inject({ method: 'GET', url, headers });

  describe('home', () => {
    it('is an Arabic right-to-left page with the lead, the breaking bar and section blocks', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      // First-party scripts only (the embeds script, on pages with an embed); the home page loads none.
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
      expect(res.body).not.toMatch(/<script(?! type="application\/ld\+json")/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
      expect(res.body).toContain('<title>');
      expect(res.body).toContain('<link rel="canonical" href="https://khabar.example/"');
      expect(res.body).toContain('عاجل');
      expect(res.body).toContain(breaking.title.replace(/"/g, '&quot;').split(' ')[0]!);
      expect(res.body).toContain(`href="${encodePath('/category/مجتمع/')}"`);
      // Today's date in Moroccan Arabic: 29 November 2026.
      expect(res.body).toContain('29 نونبر 2026');
    });

    it('answers HEAD like GET, without a body', async () => {
      const res = await env.site.khabar.app.inject({ method: 'HEAD', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('');
    });
  });

  describe('article', () => {
    const article = society[0]!;

    it('shows section label, headline, lede, bylines, dates with offset, body, tags, share and follow links', async () => {
      const res = await get(urlOf(article));
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('lang="ar" dir="rtl"');
      expect(html).toContain(`href="${encodePath('/category/مجتمع/')}"`);
      expect(html).toMatch(/<h1[^>]*>/);
      expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00"/);
      expect(MOROCCAN_MONTHS.some((m) => html.includes(` ${m} 2026`))).toBe(true);
      // Publication carries the time too, in the site's zone.
      expect(html).toMatch(/نشر في <time datetime="[^"]+\+01:00">\d{1,2} \S+ 2026 - \d{2}:\d{2}<\/time>/);
      expect(html).toContain(`href="${encodePath(`/author/${article.authors[0]}/`)}"`);
      for (const tag of article.tags) expect(html).toContain(`href="${encodePath(`/tag/${tag}/`)}"`);
      expect(html).toContain('https://wa.me/?text=');
      expect(html).toContain('https://whatsapp.com/channel/');
      expect(html).toContain('https://news.google.com/publications/');
      expect(html).toContain('تابع آخر الأخبار من');
      expect(html).toContain(`<link rel="canonical" href="https://khabar.example${urlOf(article)}"`);
    });

    it('resolves the raw Unicode form of the path too', async () => {
      const res = await get(encodeURI(pathOf(article)).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
      expect(res.statusCode).toBe(200);
    });

    it('redirects a wrong date or a missing trailing slash to the canonical URL', async () => {
      const wrongDate = encodePath(`/2001/01/${article.slug}/`);
      const res = await get(wrongDate);
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(urlOf(article));
      const noSlash = await get(urlOf(article).slice(0, -1));
      expect(noSlash.statusCode).toBe(301);
      expect(noSlash.headers.location).toBe(urlOf(article));
    });

    it('shows the featured image with caption and credit', async () => {
      const res = await get(urlOf(withImage));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`/media/demo/${withImage.image!.file}`);
      expect(res.body).toContain(withImage.image!.credit);
      expect(res.body).toContain('<figcaption');
    });

    it('links related articles and the previous/next in its section', async () => {
      const res = await get(urlOf(society[1]!));
      expect(res.body).toContain('مقالات ذات صلة');
      expect(res.body).toMatch(/السابق في القسم|التالي في القسم/);
    });

    it('serves a very long Arabic slug whole (no WordPress-style truncation)', async () => {
      const long = demoContent.articles.reduce((a, b) => (b.slug.length > a.slug.length ? b : a));
      expect(long.slug.length).toBeGreaterThan(60);
      const res = await get(urlOf(long));
      expect(res.statusCode).toBe(200);
    });
  });

  describe('most read', () => {
    it('counts article reads on the server, without cookies, and ranks them on the home page', async () => {
      // An article older than the demo's seeded week, so its only reads are these.
      const target = [...society].sort((a, b) => b.hoursAgo - a.hoursAgo)[0]!;
      expect(target.hoursAgo).toBeGreaterThan(8 * 24);
      const res = await get(urlOf(target));
      expect(res.headers['set-cookie']).toBeUndefined();
      for (let i = 0; i < 2; i++) await get(urlOf(target));
      await env.site.khabar.flushViews();
      const ranked = await env.site.khabar.store.articles.mostRead('2026-11-23', 100);
      const mine = ranked.find((c) => c.slug === target.slug);
      expect(mine).toBeDefined();
      const home = await get('/');
      const block = home.body.slice(home.body.indexOf('الأكثر قراءة'));
      for (const card of ranked.slice(0, 5)) expect(block).toContain(card.title.slice(0, 12));
    });
  });

  describe('archives', () => {
    it('lists a section with its subsections', async () => {
      const sport = demoContent.sections.find((s) => demoContent.sections.some((c) => c.parent === s.slug))!;
      const child = demoContent.sections.find((c) => c.parent === sport.slug)!;
      const res = await get(encodePath(`/category/${sport.slug}/`));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(sport.name);
      expect(res.body).toContain(encodePath(`/category/${sport.slug}/${child.slug}/`));
      const sub = await get(encodePath(`/category/${sport.slug}/${child.slug}/`));
      expect(sub.statusCode).toBe(200);
      const bare = await get(encodePath(`/category/${child.slug}/`));
      expect(bare.statusCode).toBe(301);
      expect(bare.headers.location).toBe(encodePath(`/category/${sport.slug}/${child.slug}/`));
    });

    it('lists a tag and a staff author; a guest byline has no archive', async () => {
      const tag = demoContent.articles[0]!.tags[0]!;
      expect((await get(encodePath(`/tag/${tag}/`))).statusCode).toBe(200);
      const staff = demoContent.authors.find((a) => !a.guest)!;
      const res = await get(encodePath(`/author/${staff.slug}/`));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(staff.name);
      const guest = demoContent.authors.find((a) => a.guest)!;
      expect((await get(encodePath(`/author/${guest.slug}/`))).statusCode).toBe(404);
    });

    it('refuses page numbers that are not positive integers or past the end', async () => {
      expect((await get(encodePath('/category/مجتمع/page/abc/'))).statusCode).toBe(404);
      expect((await get(encodePath('/category/مجتمع/page/0/'))).statusCode).toBe(404);
      expect((await get(encodePath('/category/مجتمع/page/999/'))).statusCode).toBe(404);
      expect((await get(encodePath('/category/مجتمع/page/1/'))).statusCode).toBe(301);
    });

    it('shows a static page', async () => {
      const about = demoContent.pages[0]!;
      const res = await get(encodePath(`/${about.slug}/`));
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(about.title);
    });
  });

  describe('bad input', () => {
    it('answers an unknown path with the Arabic 404 page and links back', async () => {
      const res = await get('/no-such-page/');
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('lang="ar" dir="rtl"');
      expect(res.body).toContain('الصفحة غير موجودة');
      expect(res.body).toContain('href="/"');
      expect(res.body).toContain('noindex');
    });

    it('answers malformed percent-encoding with 400', async () => {
      const res = await get('/%E0%A4%A');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('طلب غير صالح');
    });

    it('answers a URL over 8 KB with 414', async () => {
      const res = await get(`/${'ا'.repeat(100)}/${'x'.repeat(9000)}`);
      expect(res.statusCode).toBe(414);
      expect(res.body).toContain('الرابط طويل جداً');
    });

    it('follows stored redirects with 301', async () => {
      await env.site.khabar.store.redirects.put({ fromPath: '/قديم/123.html', toPath: pathOf(society[0]!), statusCode: 301 });
      const res = await get(encodePath('/قديم/123.html'));
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(urlOf(society[0]!));
    });

    it('shows a change made through the store on the next request (any writer, any process)', async () => {
      await env.site.khabar.store.settings.set('site', { name: 'خبر اليوم', tagline: 'اختبار' });
      const res = await get('/');
      expect(res.body).toContain('خبر اليوم');
      await env.site.khabar.store.settings.set('site', { name: demoContent.site.name, tagline: demoContent.site.tagline });
      expect((await get('/')).body).not.toContain('خبر اليوم');
    });

    it('never shows a stack trace or SQL to a reader', async () => {
      // Bump the content version so nothing read before is reused.
      await env.site.khabar.store.redirects.put({ fromPath: '/bump/', toPath: '/', statusCode: 301 });
      const original = env.site.khabar.store.articles.findBySlug;
      env.site.khabar.store.articles.findBySlug = async () => {
        throw new Error('SQLITE_ERROR: near "select": syntax error at Object.<anonymous> (/src/x.ts:1:1)');
      };
      try {
        const res = await get(urlOf(society[0]!));
        expect(res.statusCode).toBe(500);
        expect(res.body).toContain('حدث خطأ غير متوقع');
        expect(res.body).not.toMatch(/SQLITE|select|\.ts:|at Object/);
        expect(res.headers['cache-control']).toBe('no-store');
      } finally {
        env.site.khabar.store.articles.findBySlug = original;
      }
    });
  });

  describe('infrastructure routes', () => {
    it('reports liveness and readiness', async () => {
      expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await get('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', store: kind.name });
    });

    it('serves the fingerprinted stylesheet, the fonts and media', async () => {
      const home = await get('/');
      const css = /href="(\/assets\/site\.[^"]+\.css)"/.exec(home.body)?.[1];
      expect(css).toBeDefined();
      const sheet = await get(css!);
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers['cache-control']).toContain('immutable');
      expect((await get(css!, { 'if-none-match': String(sheet.headers.etag) })).statusCode).toBe(304);
      const font = await get('/assets/fonts/noto-naskh-arabic-arabic-400.v1.woff2');
      expect(font.statusCode).toBe(200);
      expect(font.headers['content-type']).toBe('font/woff2');
      const svg = await get(`/media/demo/${withImage.image!.file}`);
      expect(svg.statusCode).toBe(200);
      expect(String(svg.headers['content-security-policy'])).toContain('sandbox');
      expect((await get('/media/../khabar.db')).statusCode).toBe(404);
    });
  });
});

describe('a site with WordPress permalinks /%post_id%.html', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await openTestSite({ overrides: { site: { permalink: '/%post_id%.html' } } });
  });
  afterAll(async () => {
    await site.dispose();
  });

  it('serves articles at their id and redirects other forms to it', async () => {
    const home = await site.khabar.app.inject({ method: 'GET', url: '/' });
    const link = /href="(\/(\d+)\.html)"/.exec(home.body);
    expect(link).not.toBeNull();
    const res = await site.khabar.app.inject({ method: 'GET', url: link![1]! });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<link rel="canonical" href="https://khabar.example${link![1]}"`);
    expect((await site.khabar.app.inject({ method: 'GET', url: '/999999.html' })).statusCode).toBe(404);
    expect((await site.khabar.app.inject({ method: 'GET', url: '/2026/11/x/' })).statusCode).toBe(404);
  });
});

describe('a site with WordPress permalinks /%author%/%postname%/', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await openTestSite({ overrides: { site: { permalink: '/%author%/%postname%/' } } });
  });
  afterAll(async () => {
    await site.dispose();
  });

  it("serves articles under their first author's slug and redirects another author's path", async () => {
    const article = society[0]!;
    const path = encodePath(`/${article.authors[0]}/${article.slug}/`);
    const res = await site.khabar.app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<link rel="canonical" href="https://khabar.example${path}"`);
    const other = demoContent.authors.find((a) => a.slug !== article.authors[0])!;
    const wrong = await site.khabar.app.inject({ method: 'GET', url: encodePath(`/${other.slug}/${article.slug}/`) });
    expect(wrong.statusCode).toBe(301);
    expect(wrong.headers.location).toBe(path);
  });
});
