/**
 * Comments in a real browser, without JavaScript from us (the reading pages run none): a reader
 * posts a comment, replies to it through the reply link, and sees the thread right-to-left with
 * initials avatars and indented replies. Screenshots go to test-results/screenshots/.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { browserSkipReason, fullPageScreenshot, launchBrowser, measureOverflow, openReaderPage, SCREENSHOT_DIR, serveOnLoopback } from './browser.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const article = demoContent.articles[1]!;
const articlePath = encodePath(permalink.build({ id: 0, slug: article.slug, publishedAt: new Date(TEST_NOW.getTime() - article.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));

describe.skipIf(browserSkipReason !== null)(`comments in Chromium${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`, () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;
  // The form's minimum fill time is measured on the server's clock: each read moves it on a little.
  let clock = TEST_NOW.getTime();

  beforeAll(async () => {
    site = await openTestSite({
      now: () => new Date((clock += 2000)),
      overrides: { limits: { commentMinFillSeconds: 1 }, site: { comments: { moderation: 'trust-returning' } } },
    });
    base = await serveOnLoopback(site);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.dispose();
  });

  it('posts a comment and a reply, and shows the thread right-to-left', async () => {
    const { context, page, problems } = await openReaderPage(browser);
    try {
      await page.goto(base + articlePath);
      await page.getByLabel('التعليق', { exact: false }).and(page.locator('#comment')).fill('تحليل دقيق، لكن ماذا عن Casablanca Finance City؟ الأرقام تعود إلى 2025.');
      await page.locator('#author').fill('Karim Benali');
      await page.locator('#email').fill('karim@example.ma');
      await page.locator('#url').fill('karim.example.ma');
      await page.getByLabel(/احفظ اسمي/).check();
      await page.getByRole('button', { name: 'إرسال التعليق' }).click();
      await page.waitForURL(/unapproved=/);
      await expect.poll(() => page.locator('.comment-awaiting').textContent()).toContain('تعليقك في انتظار المراجعة');
      await fullPageScreenshot(page, 'comment-held-390');

      // An editor approves it; the reader's next comment goes straight through.
      const held = await site.khabar.store.comments.list({ statuses: ['pending'] }, { limit: 1, offset: 0 });
      await site.khabar.store.comments.setStatus([held[0]!.id], 'approved');
      await page.goto(base + articlePath);
      await page.locator(`#comment-${held[0]!.id} .comment-reply-link`).click();
      await page.waitForURL(/replytocom=/);
      await expect.poll(() => page.locator('#reply-title').textContent()).toContain('الرد على Karim Benali');
      // The remembered name and email are filled in already.
      expect(await page.locator('#author').inputValue()).toBe('Karim Benali');
      await page.getByLabel('التعليق', { exact: false }).and(page.locator('#comment')).fill('أضيف: الأرقام الجديدة ستُنشر في يناير، حسب الوزارة.');
      await page.getByRole('button', { name: 'إرسال التعليق' }).click();
      await page.waitForURL(/#comment-\d+$/);
      const reply = page.locator(`#comment-${held[0]!.id} ol.children > li.comment`);
      await reply.first().waitFor();
      expect(await reply.count()).toBe(1);

      // The reply is indented on the start side (the right, in Arabic) and has an initials avatar.
      const parentBox = (await page.locator(`#comment-${held[0]!.id} > .comment-body`).boundingBox())!;
      const replyBox = (await reply.first().locator('.comment-body').boundingBox())!;
      expect(replyBox.x + replyBox.width).toBeLessThan(parentBox.x + parentBox.width - 10);
      expect(await page.locator(`#comment-${held[0]!.id} > .comment-body .avatar`).textContent()).toBe('KB');
      expect(await page.locator('#comments-title').textContent()).toBe('تعليقان');
      await fullPageScreenshot(page, 'comment-thread-390');
      // The comments block alone, large enough to look at.
      await page.locator('#comments').screenshot({ path: path.join(SCREENSHOT_DIR, 'comment-thread-block-390.png') });
      const overflow = await measureOverflow(page);
      expect(overflow.offenders, 'elements sticking out of the viewport').toEqual([]);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
