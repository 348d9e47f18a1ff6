import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP, MEDIA_CSP, READING_CSP } from '../../src/web/securityHeaders.js';
import { ADMIN_CSP } from '../../src/web/admin-app/registerAdminApp.js';
import { callAs, ORIGIN, signIn, type AdminSession } from '../support/adminSessions.js';
import { openTestSite, type TestSite } from '../support/khabar.js';
import { concreteUrl, registeredRoutes } from './routeWalk.js';

const CSP_OF = { reading: READING_CSP, media: MEDIA_CSP, admin: ADMIN_CSP, api: API_CSP };

/** By the path the app sees (clients and light-my-request resolve `..` segments before sending). */
function expectedArea(target: string): keyof typeof CSP_OF {
  const url = new URL(target, 'http://x').pathname;
  if (url.startsWith('/media/')) return 'media';
  if (url.startsWith('/admin/api')) return 'api';
  if (url === '/admin' || url.startsWith('/admin/')) return 'admin';
  return 'reading';
}

/** What every answer must carry, whatever its status, type or route. */
function expectSecurityHeaders(url: string, res: LightMyRequestResponse, overTls = false) {
  const what = `${url} → ${res.statusCode}`;
  const area = expectedArea(url);
  expect(res.headers['content-security-policy'], what).toBe(CSP_OF[area]);
  expect(String(res.headers['content-security-policy']), what).toMatch(/frame-ancestors '(self|none)'/);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['x-frame-options'], what).toBe(area === 'admin' || area === 'api' ? 'DENY' : 'SAMEORIGIN');
  expect(res.headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(String(res.headers['permissions-policy']), what).toContain('camera=()');
  expect(res.headers['cross-origin-opener-policy'], what).toBe('same-origin');
  if (overTls) expect(res.headers['strict-transport-security'], what).toBe('max-age=31536000');
  else expect(res.headers['strict-transport-security'], what).toBeUndefined();
}

describe('security headers on every answer', () => {
  let site: TestSite;
  let admin: AdminSession;
  let walker: AdminSession;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    site = await openTestSite({ overrides: { server: { trustProxy: ['loopback'] } } });
    ({ admin, walker } = await signIn(site.khabar, { admin: 'admin', walker: 'admin' }));
  });
  afterAll(async () => {
    await site.dispose();
  });

  async function check(options: InjectOptions & { url: string }, overTls = false) {
    const res = await site.khabar.app.inject(options);
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    expectSecurityHeaders(options.url, res, overTls);
    return res;
  }

  it('on every registered route and method, signed out and signed in', async () => {
    const routes = registeredRoutes(site.khabar.app);
    // The parse found the tree: the public catch-all, the admin API, sitemaps, search, comments.
    const paths = routes.map((r) => r.path);
    for (const known of ['/healthz', '/admin/api/articles/:id/publish', '/sitemap-:name.xml', '/search.json', '/wp-comments-post.php', '/preview/:token', '*']) expect(paths).toContain(known);
    expect(routes.length).toBeGreaterThan(50);
    let requests = 0;
    // The walker's own session routes (DELETE logs out) come last.
    const ordered = [...routes].sort((a, b) => Number(a.path.startsWith('/admin/api/session')) - Number(b.path.startsWith('/admin/api/session')));
    for (const route of ordered) {
      const url = concreteUrl(route.path);
      for (const method of route.methods as InjectOptions['method'][]) {
        await check({ method, url, headers: { origin: ORIGIN }, ...(method === 'GET' || method === 'HEAD' ? {} : { payload: {} }) });
        await check({ method, url, headers: { origin: ORIGIN, cookie: walker.cookie, 'x-csrf-token': walker.csrf }, ...(method === 'GET' || method === 'HEAD' ? {} : { payload: {} }) });
        requests += 2;
      }
    }
    expect(requests).toBeGreaterThan(150);
  });

  it('on every public page, feed and sitemap the sitemaps list, and on errors, redirects, 304s and static files', async () => {
    const index = await check({ method: 'GET', url: '/sitemap.xml' });
    const pages = new Set<string>();
    for (const sitemap of [...index.body.matchAll(/<loc>https:\/\/khabar\.example([^<]+)<\/loc>/g)].map((m) => m[1]!)) {
      const res = await check({ method: 'GET', url: sitemap });
      expect(res.statusCode, sitemap).toBe(200);
      for (const m of res.body.matchAll(/<loc>https:\/\/khabar\.example([^<]+)<\/loc>/g)) pages.add(m[1]!);
    }
    expect(pages.size).toBeGreaterThan(50);
    for (const page of pages) {
      const res = await check({ method: 'GET', url: page });
      expect(res.statusCode, page).toBe(200);
      if (page !== '/') for (const feed of ['feed/', 'feed/atom/', 'feed/json/']) await check({ method: 'GET', url: `${page}${feed}` });
    }
    const home = await check({ method: 'GET', url: '/' });
    const stylesheet = /href="(\/assets\/site\.[^"]+\.css)"/.exec(home.body)![1]!;
    const image = /src="(\/media\/[^"]+)"/.exec(home.body)![1]!;
    const sheet = await check({ method: 'GET', url: stylesheet });
    const notModified = await check({ method: 'GET', url: stylesheet, headers: { 'if-none-match': String(sheet.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    expect((await check({ method: 'GET', url: image })).statusCode).toBe(200);
    const others: [string, number][] = [
      ['/feed/', 200],
      ['/feed/atom/', 200],
      ['/feed/json/', 200],
      ['/comments/feed/', 200],
      ['/news-sitemap.xml', 200],
      ['/robots.txt', 200],
      ['/search?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8', 200],
      ['/search.json?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8', 200],
      ['/?s=x', 200],
      ['/favicon.ico', 301],
      ['/admin', 200],
      ['/admin/articles', 200],
      ['/admin/assets/none.js', 404],
      ['/no/such/page/', 404],
      ['/media/no-such-file.jpg', 404],
      ['/media/../khabar.db', 404],
      ['/%E0%A4%A', 400],
      [`/${'a'.repeat(9000)}`, 414],
      ['/preview/bad', 404],
      ['/admin/api/nothing', 404],
    ];
    for (const [url, status] of others) expect((await check({ method: 'GET', url })).statusCode, url).toBe(status);
    // A non-canonical article address answers 301.
    const article = [...pages].find((p) => /^\/\d{4}\/\d{2}\/[^/]+\/$/.test(p))!;
    expect((await check({ method: 'GET', url: article.slice(0, -1) })).statusCode).toBe(301);
    // A comment too large for the form: 413 from the body limit.
    const big = await check({ method: 'POST', url: '/wp-comments-post.php', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `comment=${'x'.repeat(300_000)}` });
    expect(big.statusCode).toBe(413);
    // The admin API's JSON, signed in.
    const list = await callAs(site.khabar, admin, 'GET', '/admin/api/articles');
    expect(list.statusCode).toBe(200);
    expectSecurityHeaders('/admin/api/articles', list);
    for (const status of [200, 301, 304, 400, 401, 404, 413, 414]) expect(statuses.has(status), `saw a ${status}`).toBe(true);
  });

  it('sends HSTS only over TLS, and believes X-Forwarded-Proto only from a trusted proxy', async () => {
    await check({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' }, true);
    await check({ method: 'GET', url: '/admin/api/session', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '::1' }, true);
    await check({ method: 'GET', url: '/no/such/', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' }, true);
    // From anywhere else the header is someone's claim, not the scheme.
    await check({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '203.0.113.9' }, false);
    await check({ method: 'GET', url: '/', remoteAddress: '127.0.0.1' }, false);
  });
});

describe('without a trusted proxy (the default)', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await openTestSite({ overrides: { search: { rateLimitPerMinute: 2 } } });
  });
  afterAll(async () => {
    await site.dispose();
  });

  it('ignores X-Forwarded-Proto (no HSTS) and X-Forwarded-For (a forged address earns no fresh rate limit)', async () => {
    const res = await site.khabar.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expectSecurityHeaders('/', res, false);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const search = await site.khabar.app.inject({ method: 'GET', url: '/search?q=x', remoteAddress: '203.0.113.50', headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } });
      expectSecurityHeaders('/search', search, false);
      codes.push(search.statusCode);
    }
    expect(codes).toEqual([200, 200, 429, 429]);
  });
});
