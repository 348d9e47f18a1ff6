import type { AddressInfo } from 'node:net';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { browserSkipReason, launchBrowser } from '../e2e/browser.js';
import { callAs, signIn, type AdminSession } from '../support/adminSessions.js';
import { photoJpeg, multipart } from '../support/images.js';
import { activeContent, textOfClass } from '../support/inertHtml.js';
import { baselineOf, expectNoScriptRuns, jsonLdBlocks, payloads, textOfTag, wellFormedXml, xmlElements } from '../support/injectionChecks.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
/** A benign text that must come out exactly as typed: escaped once, never twice, never raw. */
const BENIGN = `AT&T <b> "قال" & 'نعم' &amp; 5 < 7`;

interface Published {
  id: number;
  url: string;
  payload: string;
}

describe('the injection suite: every payload through every input, checked in every output', () => {
  let site: TestSite;
  let admin: AdminSession;
  let port: number;
  const published: Published[] = [];
  const figures = { payloads: payloads.length, inputs: 0, outputsChecked: 0, refusedAtInput: 0 };
  let baselineTags: Set<string>;
  let baselineFeedElements: Set<string>;
  let benign: Published;

  const get = (url: string) => site.khabar.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    site = await openTestSite({ overrides: { media: { avif: false } } });
    ({ admin } = await signIn(site.khabar, { admin: 'admin' }));
    // What the pages and feeds are made of before any payload went in.
    ({ tags: baselineTags, feedElements: baselineFeedElements } = await baselineOf(get));

    // Sections and tags named with payloads; one image with payload alt and caption.
    const sections: number[] = [];
    for (const [i, payload] of payloads.slice(0, 12).entries()) {
      const res = await callAs(site.khabar, admin, 'POST', '/admin/api/sections', { name: payload.slice(0, 250), slug: `section-${i}` });
      figures.inputs += 1;
      expect(res.statusCode, res.body).toBe(201);
      sections.push(res.json().section.id as number);
    }
    const body = multipart([{ name: 'file', filename: 'x.jpg', contentType: 'image/jpeg', data: await photoJpeg(640, 480) }, { name: 'alt', value: payloads[0]! }, { name: 'caption', value: payloads[1]! }, { name: 'credit', value: payloads[2]! }]);
    const upload = await site.khabar.app.inject({ method: 'POST', url: '/admin/api/media', payload: body.payload, headers: { ...body.headers, origin: 'https://khabar.example', cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    figures.inputs += 3;
    expect(upload.statusCode, upload.body).toBe(201);
    const mediaId = upload.json().media.id as number;

    const publish = async (fields: Record<string, unknown>, payload: string) => {
      let created = await callAs(site.khabar, admin, 'POST', '/admin/api/articles', fields);
      if ((created.statusCode === 400 || created.statusCode === 409) && created.json().error.field === 'slug') {
        // A slug nothing can be made of (or one already taken) is refused at input: the rest goes in without it.
        figures.refusedAtInput += 1;
        const { slug: _slug, ...rest } = fields;
        created = await callAs(site.khabar, admin, 'POST', '/admin/api/articles', rest);
      }
      expect(created.statusCode, `${payload}: ${created.body}`).toBe(201);
      const article = created.json().article as { id: number };
      const done = await callAs(site.khabar, admin, 'POST', `/admin/api/articles/${article.id}/publish`, {});
      expect(done.statusCode, done.body).toBe(200);
      const live = done.json().article as { id: number; slug: string; publishedAt: string };
      return { id: live.id, payload, url: encodePath(permalink.build({ id: live.id, slug: live.slug, publishedAt: new Date(live.publishedAt), categoryPath: '', authorSlug: '' })) };
    };

    for (const [i, payload] of payloads.entries()) {
      if (payload.includes('\u0000')) {
        // NUL is refused by the admin API outright (controlCharacters.test.ts).
        const refused = await callAs(site.khabar, admin, 'POST', '/admin/api/articles', { title: payload });
        expect(refused.statusCode).toBe(400);
        figures.refusedAtInput += 1;
        continue;
      }
      const tag = await callAs(site.khabar, admin, 'POST', '/admin/api/tags', { name: payload.slice(0, 250), slug: `tag-${i}` });
      expect(tag.statusCode, tag.body).toBe(201);
      const fields = {
        title: `${payload.slice(0, 480)} ${i}`,
        lede: payload,
        body: `<p>${payload}</p>${payload}<p>نص ${i}</p>`,
        slug: `${payload.slice(0, 300)} ${i}`,
        seoTitle: payload.slice(0, 300),
        seoDescription: payload,
        sectionIds: [sections[i % sections.length]!],
        tagIds: [tag.json().tag.id as number],
        ...(i % 20 === 0 ? { featuredMediaId: mediaId } : {}),
      };
      figures.inputs += 7;
      published.push(await publish(fields, payload));
    }
    benign = await publish({ title: BENIGN, lede: BENIGN, body: `<p>${BENIGN.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`, seoTitle: BENIGN, seoDescription: BENIGN, sectionIds: [sections[0]!] }, BENIGN);
    // The site's own name and tagline last: every page then carries them.
    const settings = await callAs(site.khabar, admin, 'PATCH', '/admin/api/settings', { name: '<script>window.__xss=1</script>', tagline: '"><img src=x onerror=window.__xss=1>' });
    figures.inputs += 2;
    expect(settings.statusCode, settings.body).toBe(200);
    await site.khabar.app.listen({ port: 0, host: '127.0.0.1' });
    port = (site.khabar.app.server.address() as AddressInfo).port;
  }, 600_000);

  afterAll(async () => {
    console.log(`[injection] ${JSON.stringify(figures)}`);
    await site?.dispose();
  });

  function expectInertPage(url: string, html: string): void {
    expect(activeContent(html, baselineTags), `${url} ${JSON.stringify(activeContent(html, baselineTags))}`).toEqual([]);
    jsonLdBlocks(html);
    figures.outputsChecked += 1;
  }

  it('renders every article page, its section and tag archives inert, with valid JSON-LD', async () => {
    for (const article of published) {
      const page = await get(article.url);
      expect(page.statusCode, article.url).toBe(200);
      expectInertPage(article.url, page.body);
    }
    const archives = new Set<string>();
    for (const m of (await get('/sitemap.xml')).body.matchAll(/<loc>https:\/\/khabar\.example(\/sitemap-[^<]+)<\/loc>/g)) {
      for (const loc of (await get(m[1]!)).body.matchAll(/<loc>https:\/\/khabar\.example(\/(?:category|tag)\/[^<]+)<\/loc>/g)) archives.add(loc[1]!);
    }
    expect(archives.size).toBeGreaterThan(payloads.length);
    for (const url of archives) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expectInertPage(url, page.body);
    }
    expectInertPage('/', (await get('/')).body);
  }, 300_000);

  it('keeps feeds and sitemaps well-formed, with no injected element', async () => {
    const feeds = ['/feed/', '/feed/atom/', '/sitemap.xml', '/news-sitemap.xml'];
    for (const m of (await get('/sitemap.xml')).body.matchAll(/<loc>https:\/\/khabar\.example(\/sitemap-[^<]+)<\/loc>/g)) feeds.push(m[1]!);
    for (const url of [...feeds, ...published.slice(0, 40).map((a) => `${a.url}feed/`)]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      wellFormedXml(res.body);
      const extra = [...xmlElements(res.body)].filter((name) => !baselineFeedElements.has(name));
      expect(extra, url).toEqual([]);
      figures.outputsChecked += 1;
    }
    const json = await get('/feed/json/');
    expect(() => JSON.parse(json.body)).not.toThrow();
    figures.outputsChecked += 1;
  }, 300_000);

  it('searches for every payload safely: the page inert, the JSON parseable', async () => {
    for (const [i, payload] of payloads.entries()) {
      const q = encodeURIComponent(payload.slice(0, 500));
      const page = await site.khabar.app.inject({ method: 'GET', url: `/search?q=${q}`, remoteAddress: `10.9.${Math.floor(i / 200)}.${i % 200}` });
      expect([200, 400, 429], payload).toContain(page.statusCode);
      expectInertPage(`/search?q=${payload}`, page.body);
      const wp = await site.khabar.app.inject({ method: 'GET', url: `/?s=${q}`, remoteAddress: `10.8.${Math.floor(i / 200)}.${i % 200}` });
      expectInertPage(`/?s=${payload}`, wp.body);
      const json = await site.khabar.app.inject({ method: 'GET', url: `/search.json?q=${q}`, remoteAddress: `10.7.${Math.floor(i / 200)}.${i % 200}` });
      expect(() => JSON.parse(json.body), payload).not.toThrow();
      expect(String(json.headers['content-type'])).toContain('application/json');
      figures.inputs += 3;
      figures.outputsChecked += 1;
    }
  }, 300_000);

  it('gives the admin API back exactly what was typed (JSON is data, never HTML-escaped)', async () => {
    for (const article of published.slice(0, 60)) {
      const res = await callAs(site.khabar, admin, 'GET', `/admin/api/articles/${article.id}`);
      expect(res.statusCode).toBe(200);
      const got = res.json() as { article: { title: string; lede: string; seoDescription: string } };
      expect(got.article.lede).toBe(article.payload);
      expect(got.article.seoDescription).toBe(article.payload);
      figures.outputsChecked += 1;
    }
  });

  it('shows a benign title with markup characters exactly once escaped in every output', async () => {
    const page = await get(benign.url);
    expect(textOfClass(page.body, 'article-title').map((t) => t.trim())).toContain(BENIGN);
    expect(textOfTag(page.body, 'title')).toContain(BENIGN);
    expect(textOfTag(page.body, 'h1')).toContain(BENIGN);
    const ld = jsonLdBlocks(page.body) as Array<{ headline?: string }>;
    expect(ld.map((b) => b.headline).filter(Boolean)).toContain(BENIGN);
    const rssTitles: string[] = [];
    let title: string | null = null;
    const rss = new Parser(
      {
        onopentag: (name) => void (name === 'title' && (title = '')),
        ontext: (t) => void (title !== null && (title += t)),
        onclosetag: (name) => {
          if (name === 'title' && title !== null) rssTitles.push(title);
          title = null;
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
    rss.write((await get('/feed/')).body);
    rss.end();
    expect(rssTitles).toContain(BENIGN);
    const json = JSON.parse((await get('/feed/json/')).body) as { items: Array<{ title: string }> };
    expect(json.items.map((item) => item.title)).toContain(BENIGN);
    const api = await callAs(site.khabar, admin, 'GET', `/admin/api/articles/${benign.id}`);
    expect(api.json().article.title).toBe(BENIGN);
  });

  it.skipIf(browserSkipReason !== null)('runs no script in Chromium, even with the CSP switched off', async () => {
    // The CSP would stop an injected script anyway; the helper bypasses it to check the escaping beneath.
    const urls = ['/', `/search?q=${encodeURIComponent('<script>window.__xss=1</script>')}`, ...published.filter((_, i) => i % 4 === 0).map((a) => a.url)];
    figures.outputsChecked += await expectNoScriptRuns(await launchBrowser(), `http://127.0.0.1:${port}`, urls);
  }, 300_000);
});
