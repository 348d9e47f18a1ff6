import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { demoContent } from '../../src/demo/content.js';
import { buildKhabar, type Khabar } from '../../src/main.js';
import type { RateDecision, RateLimiter } from '../../src/ratelimit/RateLimiter.js';
import { TEST_NOW } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';

const tram = demoContent.articles.find((a) => a.title.includes('الترامواي'))!;

/** Visible text of a fragment: tags dropped, the few entities the renderer writes decoded. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

const marks = (html: string) => [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);

for (const kind of storeKinds) describe.skipIf(!kind.available)(`site search [${kind.name}]`, () => {
  const env = siteOnStore(kind);
  // Each request from its own address: the real per-IP search limit (60 a minute) is tested below.
  let client = 0;
  const get = (url: string) => env.site.khabar.app.inject({ method: 'GET', url, remoteAddress: `198.51.100.${(client++ % 250) + 1}` });

  it('answers /search?q= with an Arabic noindex page, the count, highlighted original words and the form in the header', async () => {
    const res = await get(`/search?q=${encodeURIComponent('الترامواي')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    expect(res.body).toMatch(/عدد النتائج: [1-9]/);
    expect(res.body).toContain('class="site-header"');
    expect(res.body).toContain('id="site-search-q"');
    // The tram article is found, its headline word highlighted as written.
    expect(res.body).toContain(tram.slug.split('-')[0]!);
    expect(marks(res.body)).toContain('الترامواي');
  });

  it('finds words through normalization and highlights them as the article writes them', async () => {
    // Typed without hamza and with a final ه; the demo writes «أسعار» (hamza on alef).
    const res = await get(`/search?q=${encodeURIComponent('اسعار الطماطم')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('عدد النتائج:');
    expect(marks(res.body)).toContain('أسعار');
    expect(marks(res.body)).toContain('الطماطم');
  });

  it('answers WordPress URLs /?s= like /search?q=', async () => {
    const res = await get(`/?s=${encodeURIComponent('الترامواي')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
    expect(marks(res.body)).toContain('الترامواي');
  });

  it('escapes what the reader typed and never shows HTML from the query', async () => {
    const res = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script> "الماء')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script>');
  });

  it('pages through results with stable, disjoint pages', async () => {
    const first = await get('/search.json?q=' + encodeURIComponent('في'));
    const word = 'في';
    const p1 = (await get(`/search.json?q=${encodeURIComponent(word)}`)).json();
    expect(first.statusCode).toBe(200);
    expect(p1.status).toBe('results');
    expect(p1.total).toBeGreaterThan(p1.perPage - 1);
    const ids: number[] = [];
    for (let page = 1; page <= p1.totalPages; page++) {
      const body = (await get(`/search.json?q=${encodeURIComponent(word)}&page=${page}`)).json();
      expect(body.page).toBe(page);
      ids.push(...body.results.map((r: { id: number }) => r.id));
    }
    expect(ids).toHaveLength(p1.total);
    expect(new Set(ids).size).toBe(ids.length);
    const html = await get(`/search?q=${encodeURIComponent(word)}&page=2`);
    expect(html.body).toContain('rel="prev"');
    expect(html.body).toContain(`href="/search?q=${encodeURIComponent(word)}"`);
    expect(html.body).toMatch(/الصفحة 2 من \d+/);
  });

  it('serves the results as JSON with marked pieces, absolute URLs and dates', async () => {
    const res = await get(`/search.json?q=${encodeURIComponent('الترامواي')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body).toMatchObject({ query: 'الترامواي', status: 'results', mode: 'all', page: 1 });
    const hit = body.results.find((r: { title: string }) => r.title === tram.title);
    expect(hit.url).toMatch(/^https:\/\/khabar\.example\/2026\//);
    expect(hit.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(hit.titleMarked.filter((p: { mark: boolean }) => p.mark).map((p: { text: string }) => p.text)).toContain('الترامواي');
    expect(hit.snippet.map((p: { text: string }) => p.text).join('')).not.toContain('<');
  });

  it('falls back to any word, and says so, when no article has every word', async () => {
    const body = (await get(`/search.json?q=${encodeURIComponent('الترامواي ماراثون')}`)).json();
    expect(body.status).toBe('results');
    expect(body.mode).toBe('any');
    const html = await get(`/search?q=${encodeURIComponent('الترامواي ماراثون')}`);
    expect(html.body).toContain('لم نجد مقالات تضم كل كلمات البحث');
  });

  it('filters by section and by date range', async () => {
    const sport = (await get(`/search.json?q=${encodeURIComponent('الرباط')}&section=${encodeURIComponent('رياضة')}`)).json();
    const all = (await get(`/search.json?q=${encodeURIComponent('الرباط')}`)).json();
    expect(sport.filters.section).toBe('رياضة');
    expect(sport.total).toBeGreaterThan(0);
    expect(sport.total).toBeLessThan(all.total);
    const day = TEST_NOW.toISOString().slice(0, 10);
    const future = (await get(`/search.json?q=${encodeURIComponent('الرباط')}&from=2030-01-01`)).json();
    expect(future.status).toBe('none');
    const upToToday = (await get(`/search.json?q=${encodeURIComponent('الرباط')}&to=${day}`)).json();
    expect(upToToday.total).toBe(all.total);
  });

  it('suggests a spelling differing by taa marbuta or alef maqsura when nothing matches (هل تقصد), as the archive writes it', async () => {
    for (const [typed, meant] of [
      ['وزارت', 'وزارة'],
      ['الكبرا', 'الكبرى'],
    ] as const) {
      const json = (await get(`/search.json?q=${encodeURIComponent(typed)}`)).json();
      expect(json, typed).toMatchObject({ status: 'none', suggestion: meant });
      const res = await get(`/search?q=${encodeURIComponent(typed)}`);
      expect(res.statusCode).toBe(200);
      expect(textOf(res.body)).toContain(`هل تقصد: ${meant}؟`);
      expect(res.body).toContain(`href="/search?q=${encodeURIComponent(meant)}"`);
      const suggested = (await get(`/search.json?q=${encodeURIComponent(meant)}`)).json();
      expect(suggested.total).toBeGreaterThan(0);
    }
    // Nothing to suggest for a word that no spelling of makes known.
    expect((await get(`/search.json?q=${encodeURIComponent('زقزقزق')}`)).json()).toMatchObject({ status: 'none', suggestion: null });
  });

  it('answers empty, junk and hostile queries with a friendly Arabic page, never an error', async () => {
    const junk = [
      '',
      '   ',
      'ً ٌ ٍ َ ُ ِ ّ ْ',
      '" * ^ : NEAR AND OR ( )',
      '"الماء',
      'الماء"',
      "x' OR '1'='1'; DROP TABLE articles; --",
      '\u200f\u202e\u2066الماء\u2069',
      'الماء -',
      '-الماء',
      'NEAR(الماء الرباط)',
      'الماء '.repeat(200),
      'a'.repeat(2000),
      'في '.repeat(300),
      '%',
      '\\',
      '<->',
      '!!!',
    ];
    for (const q of junk) {
      const page = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q).toBe(200);
      expect(page.body, q).toContain('<meta name="robots" content="noindex"/>');
      const json = await get(`/search.json?q=${encodeURIComponent(q)}`);
      expect(json.statusCode, q).toBe(200);
      expect(['empty', 'no-terms', 'results', 'none']).toContain(json.json().status);
    }
    expect((await get('/search?q=')).body).toContain('اكتب ما تبحث عنه');
    expect((await get('/search?q=' + encodeURIComponent('" * ^ :'))).body).toContain('لم نجد في بحثك كلمات يمكن البحث عنها');
    expect((await get('/search?q=a&q=b&page=abc&from=2026-13-45')).statusCode).toBe(200);
    expect((await get('/search')).statusCode).toBe(200);
    expect((await get('/?s=')).body).toContain('اكتب ما تبحث عنه');
  });
});

/** A fixed-window limiter in memory: enough to check that the route asks and obeys. */
function memoryLimiter(): RateLimiter & { keys: string[]; failing: boolean } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    failing: false,
    async hit(key, limit): Promise<RateDecision> {
      if (this.failing) throw new Error('limiter store unreachable');
      keys.push(key);
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { allowed: count <= limit, count, retryAfterMs: 42_000 };
    },
    async peek(key) {
      return counts.get(key) ?? 0;
    },
    async reset(key) {
      counts.delete(key);
    },
    async close() {},
  };
}

describe('site search rate limit', () => {
  let khabar: Khabar;
  let dataDir: string;
  const limiter = memoryLimiter();
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-search-'));
    const config = loadConfig({ env: {}, overrides: { env: 'test', dataDir, baseUrl: 'https://khabar.example', logLevel: 'silent', search: { rateLimitPerMinute: 3 } } });
    khabar = await buildKhabar({ config, logger: pino({ level: 'silent' }), now: () => TEST_NOW, demo: true, rateLimiter: limiter });
  });
  afterAll(async () => {
    await khabar?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a client past its limit with 429, Retry-After and an Arabic message, page and JSON alike', async () => {
    const get = (url: string, ip = '203.0.113.7') => khabar.app.inject({ method: 'GET', url, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await get('/search?q=%D8%A7%D9%84%D9%85%D8%A7%D8%A1')).statusCode).toBe(200);
    const page = await get('/search?q=%D8%A7%D9%84%D9%85%D8%A7%D8%A1');
    expect(page.statusCode).toBe(429);
    expect(page.headers['retry-after']).toBe('42');
    expect(page.body).toContain('طلبات بحث كثيرة');
    expect(page.body).toContain('<meta name="robots" content="noindex"/>');
    const json = await get('/search.json?q=x');
    expect(json.statusCode).toBe(429);
    expect(json.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('طلبات بحث كثيرة') } });
    // Another client is not affected; the limiter is keyed by IP.
    expect((await get('/?s=x', '198.51.100.1')).statusCode).toBe(200);
    expect(limiter.keys).toContain('search:ip:203.0.113.7');
    expect(limiter.keys).toContain('search:ip:198.51.100.1');
  });

  it('keeps search up when the limiter cannot answer', async () => {
    limiter.failing = true;
    try {
      const res = await khabar.app.inject({ method: 'GET', url: '/search?q=x', remoteAddress: '203.0.113.7' });
      expect(res.statusCode).toBe(200);
    } finally {
      limiter.failing = false;
    }
  });
});
