import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSite, type TestSite } from '../support/khabar.js';

function directive(csp: string, name: string): string | undefined {
  return csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d === name || d.startsWith(`${name} `));
}

describe('the admin app at /admin', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await openTestSite({ demo: false });
  });
  afterAll(async () => {
    await site?.dispose();
  });

  it('serves index.html under a strict CSP, never cached, without inline script', async () => {
    const response = await site.khabar.app.inject({ url: '/admin' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'style-src')).toBe("style-src 'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(response.body).toContain('<html lang="ar" dir="rtl">');
    const scripts = [...response.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/admin\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(response.body).not.toMatch(/<style\b|\sstyle="/);
  });

  it('answers every app path with index.html (the app routes itself), but not API paths', async () => {
    const index = await site.khabar.app.inject({ url: '/admin' });
    for (const url of ['/admin/', '/admin/comments', '/admin/articles/12', '/admin/invitation']) {
      const response = await site.khabar.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(index.body);
    }
    const api = await site.khabar.app.inject({ url: '/admin/api/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('serves hashed assets for a year (immutable) with ETags, and 404 for unknown ones', async () => {
    const index = await site.khabar.app.inject({ url: '/admin' });
    const js = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(index.body)![1]!;
    const css = /href="(\/admin\/assets\/[^"]+\.css)"/.exec(index.body)![1]!;
    const script = await site.khabar.app.inject({ url: js });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await site.khabar.app.inject({ url: js, headers: { 'if-none-match': String(script.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const style = await site.khabar.app.inject({ url: css });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    // Fonts come from this origin as files (font-src 'self'), not as data: URLs.
    expect(style.body).toMatch(/url\(\/admin\/assets\/noto-[^)]+\.woff2\)/);
    expect(style.body).not.toContain('data:font');
    expect((await site.khabar.app.inject({ url: '/admin/assets/nope-123.js' })).statusCode).toBe(404);
  });

  it("keeps the public reading pages to first-party script, and the admin's out of them", async () => {
    const response = await site.khabar.app.inject({ url: '/' });
    expect(directive(String(response.headers['content-security-policy']), 'script-src')).toBe("script-src 'self'");
    expect(response.body).not.toContain('/admin/assets/');
  });
});

describe('a server whose admin app was not built', () => {
  it('still starts, and /admin says how to build it', async () => {
    const site = await openTestSite({ demo: false, adminApp: null });
    try {
      const response = await site.khabar.app.inject({ url: '/admin/comments' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
      expect((await site.khabar.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await site.dispose();
    }
  });
});
