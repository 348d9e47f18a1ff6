import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import type { DemoArticle } from '../../src/demo/types.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { commenterCookie } from '../../src/web/public/commenterCookie.js';
import { TEST_NOW } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';
import { waitFor } from '../support/waitFor.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const urlOf = (a: DemoArticle) =>
  encodePath(permalink.build({ id: 0, slug: a.slug, publishedAt: new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));
const keysOf = (res: { headers: Record<string, unknown> }) => String(res.headers['surrogate-key'] ?? '').split(' ');

for (const kind of storeKinds) describe.skipIf(!kind.available)(`the page cache [${kind.name}]`, () => {
  const env = siteOnStore(kind);
  const get = (url: string, headers: Record<string, string> = {}) => env.site.khabar.app.inject({ method: 'GET', url, headers });
  const articleId = async (a: DemoArticle) => (await env.store.articles.findBySlug(a.slug))!.id;
  /** Renames an article through the store (a correction readers see). */
  async function retitle(a: DemoArticle, title: string) {
    const current = (await env.store.articles.findBySlug(a.slug))!;
    await env.store.articles.save({ id: current.id, expectedVersion: current.version, changes: { title }, userId: null });
  }

  it('renders a page once, then serves it from memory with validators, cache headers and surrogate keys', async () => {
    const url = urlOf(demoContent.articles[3]!);
    await env.site.khabar.purges.publish(['*']);
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await get(url);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=30');
    expect(keysOf(second)).toContain(`article:${await articleId(demoContent.articles[3]!)}`);
    expect(keysOf(second)).toContain('settings');
    expect(second.headers.vary).toBe('Accept-Encoding');
    // Conditional GET: 304 with the validator and no body.
    const again = await get(url, { 'if-none-match': String(second.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(second.headers.etag);
    expect((await get(url, { 'if-none-match': `W/${second.headers.etag}` })).statusCode).toBe(304);
    expect((await get(url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('sends the compressed copy the client accepts, each with its own ETag, and identity for odd Accept-Encoding', async () => {
    const url = '/category/' + encodePath('مجتمع') + '/';
    const plain = await get(url);
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    expect((await get(url, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).statusCode).toBe(304);
    for (const odd of ['identity', '*;q=0', 'gzip;q=abc, br;q=', ', ,;;', 'compress, x-unknown']) {
      const res = await get(url, { 'accept-encoding': odd });
      expect(res.statusCode, odd).toBe(200);
      expect(res.headers['content-encoding'], odd).toBeUndefined();
      expect(res.body, odd).toBe(plain.body);
    }
  });

  it('answers a byte range with 206, an impossible one with 416, several or malformed ones with everything', async () => {
    const url = urlOf(demoContent.articles[5]!);
    const whole = await get(url);
    const part = await get(url, { range: 'bytes=0-99' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${whole.rawPayload.length}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
    const tail = await get(url, { range: 'bytes=-10' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(whole.rawPayload.subarray(whole.rawPayload.length - 10))).toBe(true);
    const past = await get(url, { range: `bytes=${whole.rawPayload.length + 5}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${whole.rawPayload.length}`);
    for (const range of ['bytes=0-1,5-9', 'pages=1-2', 'bytes=9-2', 'bytes=abc']) {
      const res = await get(url, { range });
      expect(res.statusCode, range).toBe(200);
      expect(res.body, range).toBe(whole.body);
    }
    // If-Range with another validator: the whole (changed) page.
    expect((await get(url, { range: 'bytes=0-9', 'if-range': '"old"' })).statusCode).toBe(200);
  });

  it('ignores unknown query parameters for the key (cache busting fills nothing) and bypasses personal ones', async () => {
    const url = urlOf(demoContent.articles[6]!);
    await get(url);
    for (let i = 0; i < 20; i++) {
      const res = await get(`${url}?x=${Math.random()}&utm_source=t`);
      expect(res.headers['x-cache']).toBe('HIT');
    }
    const reply = await get(`${url}?replytocom=1`);
    expect(reply.headers['x-cache']).toBe('BYPASS');
    const own = await get(url, { cookie: commenterCookie({ author: 'سلمى', email: 's@example.ma', url: '' }, false).split(';')[0]! });
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.headers['surrogate-key']).toBeUndefined();
  });

  it('purges exactly what an edit shows: editing article A re-renders A and leaves B cached', async () => {
    const a = demoContent.articles[7]!;
    const idA = await articleId(a);
    const candidates = demoContent.articles.filter((x) => x !== a);
    for (const x of [a, ...candidates]) await get(urlOf(x));
    // B: an article whose page shows nothing of A (no card of it).
    let b: DemoArticle | undefined;
    for (const x of candidates) if (!keysOf(await get(urlOf(x))).includes(`article:${idA}`)) b = b ?? x;
    expect(b).toBeDefined();
    await retitle(a, 'تصحيح: عنوان جديد للمقال');
    const fresh = await get(urlOf(a));
    expect(fresh.headers['x-cache']).toBe('MISS');
    expect(fresh.body).toContain('تصحيح: عنوان جديد للمقال');
    expect((await get(urlOf(b!))).headers['x-cache']).toBe('HIT');
    // A purge of a key nothing carries is harmless.
    await env.site.khabar.purges.publish(['no-such-key:42', 'article:999999']);
    expect((await get(urlOf(b!))).headers['x-cache']).toBe('HIT');
  });

  it('renaming a subsection purges its archive and its articles, not the pages that do not show it', async () => {
    const football = (await env.store.sections.findBySlug('كرة-القدم'))!;
    const inFootball = demoContent.articles.filter((x) => x.sections[0] === 'كرة-القدم');
    const others = demoContent.articles.filter((x) => !x.sections.includes('كرة-القدم'));
    expect(inFootball.length).toBeGreaterThan(0);
    const archive = '/category/' + encodePath('رياضة/كرة-القدم') + '/';
    await get(archive);
    for (const x of [...inFootball, ...others]) await get(urlOf(x));
    let unrelated: DemoArticle | undefined;
    for (const x of others) if (!keysOf(await get(urlOf(x))).includes(`section-label:${football.id}`)) unrelated = unrelated ?? x;
    await env.store.sections.update(football.id, { name: 'الكرة' });
    const renamed = await get(archive);
    expect(renamed.headers['x-cache']).toBe('MISS');
    expect(renamed.body).toContain('الكرة');
    for (const x of inFootball) {
      const page = await get(urlOf(x));
      expect(page.headers['x-cache']).toBe('MISS');
      expect(page.body).toContain('الكرة');
    }
    expect((await get(urlOf(unrelated!))).headers['x-cache']).toBe('HIT');
    await env.store.sections.update(football.id, { name: football.name });
  });

  it('renders a purged hot page once for 500 concurrent requests', async () => {
    const a = demoContent.articles[2]!;
    await get(urlOf(a));
    await retitle(a, 'عنوان محدث أثناء الذروة');
    const answers = await Promise.all(Array.from({ length: 500 }, () => get(urlOf(a))));
    expect(answers.every((r) => r.statusCode === 200 && r.body === answers[0]!.body)).toBe(true);
    expect(answers[0]!.body).toContain('عنوان محدث أثناء الذروة');
    expect(answers.filter((r) => r.headers['x-cache'] === 'MISS')).toHaveLength(1);
  });

  it('serves the home page stale for moments after a publication, never an article after its correction', async () => {
    const newest = demoContent.articles.reduce((x, y) => (x.hoursAgo <= y.hoursAgo ? x : y));
    await get('/');
    expect((await get('/')).headers['x-cache']).toBe('HIT');
    const draft = await env.store.articles.create({ slug: 'خبر-جديد-للتو', title: 'خبر جديد للتو', body: '<p>نص</p>', status: 'draft', readingMinutes: 1 });
    await env.store.articles.save({ id: draft.id, expectedVersion: draft.version, changes: { status: 'published', publishedAt: TEST_NOW }, userId: null });
    const right = await get('/');
    expect(right.headers['x-cache']).toBe('STALE');
    await waitFor(async () => (await get('/')).body.includes('خبر جديد للتو'), 1000, 'the home page to list the new article');
    await retitle(newest, 'تصحيح فوري');
    const corrected = await get(urlOf(newest));
    expect(corrected.headers['x-cache']).toBe('MISS');
    expect(corrected.body).toContain('تصحيح فوري');
  });

  it('caches feeds, sitemaps and robots.txt with their own validators', async () => {
    for (const url of ['/feed/', '/sitemap.xml', '/robots.txt', '/news-sitemap.xml']) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      const second = await get(url);
      expect(second.headers['x-cache'], url).toBe('HIT');
      expect((await get(url, { 'if-none-match': String(second.headers.etag) })).statusCode, url).toBe(304);
    }
  });
});
