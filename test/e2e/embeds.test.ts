/**
 * Click-to-load embeds in a real browser: an article with a YouTube block asks nothing of YouTube
 * until the reader clicks; then the player's frame replaces the block. The provider is stubbed with
 * page.route (these machines have no outside network), which also records every request to it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../src/domain/html/sanitizeArticleHtml.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { browserSkipReason, fullPageScreenshot, launchBrowser, openReaderPage, serveOnLoopback } from './browser.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const VIDEO = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

describe.skipIf(browserSkipReason !== null)(`click-to-load embeds in Chromium${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`, () => {
  let site: TestSite;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    site = await openTestSite();
    const publishedAt = new Date(TEST_NOW.getTime() - 3_600_000);
    await site.khabar.store.articles.create({
      slug: 'أهداف-المباراة',
      title: 'أهداف المباراة بالفيديو',
      body: sanitizeArticleHtml(`<p>شاهدوا أهداف الوداد في الدقيقة 90:</p><figure class="embed" data-embed="youtube" data-url="${VIDEO}"><a href="${VIDEO}">${VIDEO}</a></figure><p>نهاية الخبر.</p>`),
      status: 'published',
      publishedAt,
      readingMinutes: 1,
    });
    const base = await serveOnLoopback(site);
    url = base + encodePath(permalink.build({ id: 0, slug: 'أهداف-المباراة', publishedAt, categoryPath: '', authorSlug: '' }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.dispose();
  });

  it('requests nothing from the provider before the click, and shows its player after', async () => {
    const { context, page, problems } = await openReaderPage(browser);
    try {
      const external: string[] = [];
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, async (route) => {
        external.push(route.request().url());
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' });
      });
      await page.goto(url);
      await page.waitForLoadState('load');
      expect(external).toEqual([]);
      const block = page.locator('figure.embed-youtube');
      expect(await block.locator('.embed-action').textContent()).toContain('يوتيوب');
      await fullPageScreenshot(page, 'embed-before-click-390');

      await block.locator('a.embed-load').click();
      const frame = block.locator('iframe.embed-frame');
      await frame.waitFor();
      expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
      await expect.poll(() => external).toEqual(['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1']);
      // The page did not navigate away, and the frame loaded under the page's CSP.
      expect(page.url()).toBe(url);
      await expect.poll(async () => (await frame.elementHandle())?.contentFrame().then((f) => f?.textContent('p'))).toBe('player');
      const box = (await frame.boundingBox())!;
      expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
