import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { TEST_NOW } from '../support/khabar.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const urls = demoContent.articles.map((a) =>
  encodePath(permalink.build({ id: 0, slug: a.slug, publishedAt: new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' })),
);

/** Page weight budgets of issue #8, checked on what the server sends for the demo site. */
describe('page weight', () => {
  const env = siteOnStore(storeKinds[0]!);
  const get = (url: string, headers: Record<string, string> = {}) => env.site.khabar.app.inject({ method: 'GET', url, headers });

  it('ships no script on reading pages and keeps every article under 60 KB of HTML', async () => {
    let largest = 0;
    for (const url of ['/', encodePath('/category/مجتمع/'), ...urls]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
      if (url.startsWith('/20')) largest = Math.max(largest, res.rawPayload.length);
    }
    expect(largest).toBeGreaterThan(10_000);
    expect(largest).toBeLessThanOrEqual(60 * 1024);
  });

  it('serves the stylesheet under 20 KB compressed', async () => {
    const home = await get('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1];
    expect(href).toBeDefined();
    const css = (await get(href!)).rawPayload;
    expect(brotliCompressSync(css).length).toBeLessThanOrEqual(20 * 1024);
    expect(gzipSync(css).length).toBeLessThanOrEqual(20 * 1024);
  });

  it('lazy-loads every image after the first, and sizes every image (no layout shift)', async () => {
    for (const url of ['/', ...urls]) {
      const images = (await get(url)).body.match(/<img [^>]*>/g) ?? [];
      images.forEach((img, i) => {
        // Inside <picture>, sizes are on the <img>; the logo keeps its height only (its width follows it).
        expect(img, url).toMatch(/ height="\d+"/);
        if (!img.includes('class="site-logo"') && !/alt="[^"]*" height="40"/.test(img)) expect(img, url).toMatch(/ width="\d+"/);
        if (i > 1) expect(img, url).toContain('loading="lazy"');
      });
    }
  });
});
