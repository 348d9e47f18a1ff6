import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { encodePath } from '../../src/domain/permalink.js';
import { TEST_NOW } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';

const ATOM_RNG = path.resolve('../shared/data/schemas/atom/atom-rfc4287.rng');
const tools = {
  xmllint: existsSync('/usr/bin/xmllint'),
  feedparser: (() => {
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import feedparser']);
      return true;
    } catch {
      return false;
    }
  })(),
  schemas: existsSync(ATOM_RNG),
};
if (process.env.CI && (!tools.xmllint || !tools.feedparser)) {
  throw new Error('CI needs xmllint (libxml2-utils) and python3-feedparser: .ci/run installs them');
}
if (!tools.schemas) console.warn('[khabar tests] ../shared/data is absent: the Atom schema check is skipped');

const scratch = mkdtempSync(path.join(tmpdir(), 'khabar-feeds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Parsed {
  bozo: boolean;
  bozo_exception: string | null;
  version: string;
  title: string;
  entries: Array<{ title: string; link: string; id: string; published: string | null; author: string | null; content: string; tags: string[]; summary: string | null }>;
}

/** Parses a feed with a real feed reader (Debian's python3-feedparser). */
function feedparse(body: string): Parsed {
  const file = path.join(scratch, `feed-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, body);
  const script = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception")) if d.bozo else None,
  "version": d.version, "title": d.feed.get("title"),
  "entries": [{"title": e.get("title"), "link": e.get("link"), "id": e.get("id"), "published": e.get("published"),
    "author": e.get("author"), "content": (e.get("content") or [{}])[0].get("value", ""),
    "tags": [t.get("term") for t in e.get("tags", [])], "summary": e.get("summary")} for e in d.entries]}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as Parsed;
}

function xmllint(body: string, args: string[]): { ok: boolean; output: string } {
  const file = path.join(scratch, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, body);
  try {
    execFileSync('/usr/bin/xmllint', ['--noout', '--nonet', ...args, file], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

const societyCount = demoContent.articles.filter((a) => a.sections.includes('مجتمع')).length;

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`feeds [${kind.name}]`, () => {
    const env = siteOnStore(kind);
    const get = (url: string, headers: Record<string, string> = {}) => env.site.khabar.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      // A headline full of markup characters, to prove escaping happens exactly once.
      const society = (await env.store.sections.findBySlug('مجتمع'))!;
      await env.store.articles.create({
        slug: 'علامات-خاصة',
        title: `"A & B" <c> 'd' — عنوان`,
        lede: 'مقدمة & ملخص',
        body: '<p>نص فيه <a href="/tag/الماء/">رابط داخلي</a> &amp; رمز.</p>',
        status: 'published',
        publishedAt: new Date(TEST_NOW.getTime() - 60_000),
        sectionIds: [society.id],
        readingMinutes: 1,
      });
    });

    it.skipIf(!tools.feedparser)('serves RSS 2.0 that a real feed reader parses without error, every field present', async () => {
      const res = await get('/feed/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      // Text is escaped exactly once; HTML content is escaped as a whole (its own &amp; becomes &amp;amp;).
      expect(res.body).toContain('<title>&quot;A &amp; B&quot; &lt;c&gt; &apos;d&apos; — عنوان</title>');
      expect(res.body).toContain('<description>مقدمة &amp; ملخص</description>');
      const feed = feedparse(res.body);
      expect(feed.bozo, feed.bozo_exception ?? '').toBe(false);
      expect(feed.version).toBe('rss20');
      expect(feed.entries).toHaveLength(20);
      const first = feed.entries[0]!;
      expect(first.title).toBe(`"A & B" <c> 'd' — عنوان`);
      expect(first.content).toContain('href="https://khabar.example/tag/الماء/"');
      expect(first.content).toContain('&amp; رمز');
      for (const entry of feed.entries) {
        expect(entry.link).toMatch(/^https:\/\/khabar\.example\/\d{4}\/\d{2}\/[^/]+\/$/);
        expect(entry.id).toMatch(/^https:\/\/khabar\.example\/\?p=\d+$/);
        expect(entry.published).toMatch(/\+0100$/);
        expect(entry.content.length).toBeGreaterThan(0);
        expect(entry.tags.length).toBeGreaterThan(0);
      }
      expect(feed.entries.filter((e) => e.author !== null).length).toBeGreaterThanOrEqual(19);
      // Each link resolves to the article.
      const link = new URL(feed.entries[1]!.link);
      expect((await get(link.pathname)).statusCode).toBe(200);
      expect(res.body).toContain('<atom:link href="https://khabar.example/feed/" rel="self" type="application/rss+xml"/>');
      expect(res.body).toContain('<language>ar</language>');
    });

    it.skipIf(!tools.xmllint || !tools.schemas)('serves Atom valid against the RFC 4287 schema', async () => {
      const res = await get('/feed/atom/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const result = xmllint(res.body, ['--relaxng', ATOM_RNG]);
      expect(result.ok, result.output).toBe(true);
      expect(res.body).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00<\/updated>/);
      if (tools.feedparser) expect(feedparse(res.body).bozo).toBe(false);
      // The validator can fail: an entry without its id is refused.
      expect(xmllint(res.body.replace(/<id>[^<]*<\/id>/g, ''), ['--relaxng', ATOM_RNG]).ok).toBe(false);
    });

    it('serves JSON Feed 1.1', async () => {
      const res = await get('/feed/json/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = res.json() as { version: string; items: Array<{ id: string; url: string; title: string; content_html: string; date_published: string }> };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.items).toHaveLength(20);
      expect(feed.items[0]!.title).toBe(`"A & B" <c> 'd' — عنوان`);
      for (const item of feed.items) expect(item.date_published).toMatch(/\+01:00$/);
    });

    it.skipIf(!tools.feedparser)('serves per-section, per-tag and per-author feeds; unknown ones are 404', async () => {
      const society = await get(encodePath('/category/مجتمع/feed/'));
      expect(society.statusCode).toBe(200);
      expect(feedparse(society.body).entries).toHaveLength(Math.min(20, societyCount + 1));
      const tag = demoContent.articles[0]!.tags[0]!;
      expect((await get(encodePath(`/tag/${tag}/feed/atom/`))).statusCode).toBe(200);
      const author = demoContent.authors.find((a) => !a.guest)!;
      expect((await get(encodePath(`/author/${author.slug}/feed/json/`))).statusCode).toBe(200);
      expect((await get(encodePath('/category/لا-يوجد/feed/'))).statusCode).toBe(404);
      expect((await get('/feed/xml/')).statusCode).toBe(404);
    });

    it('redirects non-canonical feed paths and answers conditional requests with 304', async () => {
      const bare = await get('/feed');
      expect(bare.statusCode).toBe(301);
      expect(bare.headers.location).toBe('/feed/');
      const res = await get('/feed/');
      const etag = String(res.headers.etag);
      expect((await get('/feed/', { 'if-none-match': etag })).statusCode).toBe(304);
      expect((await get('/feed/', { 'if-modified-since': String(res.headers['last-modified']) })).statusCode).toBe(304);
      expect((await get('/feed/', { 'if-none-match': '"other"' })).statusCode).toBe(200);
    });

    it('announces the feeds in every page head', async () => {
      const home = await get('/');
      expect(home.body).toContain('<link rel="alternate" type="application/rss+xml" title="خبر" href="/feed/"/>');
      expect(home.body).toContain('href="/feed/atom/"');
      const section = await get(encodePath('/category/مجتمع/'));
      expect(section.body).toContain(`href="${encodePath('/category/مجتمع/feed/')}"`);
    });

    it('serves the comment feeds WordPress has: the site’s and each article’s, approved comments only, no emails', async () => {
      const article = (await env.store.articles.findBySlug('علامات-خاصة'))!;
      const base = { articleId: article.id, parentId: null, depth: 1, authorUrl: 'https://reader.example/', ipHash: null, userAgent: null };
      await env.store.comments.create({ ...base, authorName: 'قارئة <b>', authorEmail: 'hidden-reader@feeds.example', body: '<p>تعليق &amp; رأي</p>', status: 'approved', fingerprint: 'feed-1' });
      await env.store.comments.create({ ...base, authorName: 'محجوز', authorEmail: 'held@feeds.example', body: '<p>لم يوافق عليه</p>', status: 'pending', fingerprint: 'feed-2' });
      const page = await get(encodePath('/2026/11/علامات-خاصة/'));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="${encodePath('/2026/11/علامات-خاصة/feed/')}"`);
      expect(page.body).toContain('href="/comments/feed/"');
      for (const url of ['/comments/feed/', encodePath('/2026/11/علامات-خاصة/feed/'), '/comments/feed/atom/', '/comments/feed/json/']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body).toContain('تعليق &amp;');
        expect(res.body).not.toContain('لم يوافق عليه');
        expect(res.body).not.toContain('feeds.example');
        if (url.endsWith('/atom/') && tools.xmllint && tools.schemas) {
          const result = xmllint(res.body, ['--relaxng', ATOM_RNG]);
          expect(result.ok, result.output).toBe(true);
        }
      }
      if (tools.feedparser) {
        const feed = feedparse((await get(encodePath('/2026/11/علامات-خاصة/feed/'))).body);
        expect(feed.bozo, feed.bozo_exception ?? '').toBe(false);
        expect(feed.entries).toHaveLength(1);
        expect(feed.entries[0]!.title).toBe(`تعليق على "A & B" <c> 'd' — عنوان بواسطة قارئة <b>`);
        expect(feed.entries[0]!.link).toMatch(/#comment-\d+$/);
      }
      expect((await get('/comments/feed')).statusCode).toBe(301);
      expect((await get(encodePath('/2099/01/لا-يوجد/feed/'))).statusCode).toBe(404);
    });
  });
}
