/**
 * The reading site in a real browser: home, a section and two articles at phone (390 px) and
 * desktop (1280 px) widths. Checks what only a browser can: no errors or failed requests, no
 * sideways scrolling, Arabic drawn with the self-hosted web fonts, right-to-left layout, the
 * article's key elements on screen, and reading without JavaScript. Full-page screenshots go to
 * test-results/screenshots/ for a human look.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import type { DemoArticle } from '../../src/demo/types.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { assetsDir } from '../../src/paths.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import {
  arabicFontReport,
  browserSkipReason,
  directionReport,
  fullPageScreenshot,
  launchBrowser,
  loadWholePage,
  measureOverflow,
  openReaderPage,
  serveOnLoopback,
  splitNumbers,
} from './browser.js';
import { MOROCCAN_MONTHS } from '../support/moroccanMonths.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const publishedAt = (a: DemoArticle) => new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000);
const urlOf = (a: DemoArticle) =>
  encodePath(permalink.build({ id: 0, slug: a.slug, publishedAt: publishedAt(a), categoryPath: '', authorSlug: '' }));

const withImage = demoContent.articles.find((a) => a.image)!;
const longestSlug = demoContent.articles.reduce((a, b) => (b.slug.length > a.slug.length ? b : a));
const sectionName = (slug: string) => demoContent.sections.find((s) => s.slug === slug)?.name ?? slug;

/** The families the stylesheet gives body text and headings: the first name of each stack. */
const css = readFileSync(path.join(assetsDir, 'css', 'site.css'), 'utf8');
const firstFamily = (property: string) => {
  const match = new RegExp(`${property}:\\s*['"]([^'"]+)['"]`).exec(css);
  if (match?.[1] === undefined) throw new Error(`site.css declares no ${property}`);
  return match[1];
};
const textFamily = firstFamily('--font-text');
const headFamily = firstFamily('--font-head');

interface PageCase {
  name: string;
  path: string;
  article?: DemoArticle;
}
const pages: PageCase[] = [
  { name: 'home', path: '/' },
  { name: 'section', path: encodePath('/category/مجتمع/') },
  { name: 'article-image', path: urlOf(withImage), article: withImage },
  { name: 'article-long-slug', path: urlOf(longestSlug), article: longestSlug },
  { name: 'search', path: `/search?q=${encodeURIComponent('الماء في')}` },
];
const viewports = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

/** Asserts that `selector` is rendered with a box lying within the viewport's width. */
async function expectOnScreen(page: Page, selector: string, width: number) {
  const locator = page.locator(selector).first();
  await locator.waitFor({ state: 'visible' });
  const box = await locator.boundingBox();
  expect.soft(box, `${selector} has a box`).not.toBeNull();
  if (box === null) return;
  expect.soft(box.width * box.height, `${selector} has an area`).toBeGreaterThan(0);
  expect.soft(box.x, `${selector} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect.soft(box.x + box.width, `${selector} ends inside the viewport`).toBeLessThanOrEqual(width);
}

describe.skipIf(browserSkipReason !== null)(
  `reading pages in Chromium${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`,
  () => {
    let site: TestSite;
    let browser: Browser;
    let base: string;

    beforeAll(async () => {
      site = await openTestSite();
      base = await serveOnLoopback(site);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await site?.dispose();
    });

    for (const viewport of viewports) {
      for (const pageCase of pages) {
        it(`${pageCase.name} at ${viewport.width}px`, async () => {
          const { context, page, problems } = await openReaderPage(browser, { viewport, timeout: 30_000 });
          try {
            const response = await page.goto(base + pageCase.path, { waitUntil: 'networkidle' });
            expect(response?.status(), 'HTTP status').toBe(200);

            // Scroll through so lazy images load, then screenshot before asserting, so a failing
            // page still leaves a picture to look at.
            const brokenImages = await loadWholePage(page);
            await fullPageScreenshot(page, `${pageCase.name}-${viewport.width}`);

            expect.soft(brokenImages, 'broken images').toEqual([]);

            const overflow = await measureOverflow(page);
            expect
              .soft(overflow.scrollWidth, `horizontal overflow; elements sticking out:\n  ${overflow.offenders.join('\n  ') || '(none found)'}`)
              .toBeLessThanOrEqual(overflow.innerWidth);
            expect.soft(overflow.offenders, 'elements sticking out of the viewport').toEqual([]);

            expect.soft(await splitNumbers(page), 'scores and number ranges split over two lines').toEqual([]);

            const direction = await directionReport(page);
            expect.soft(direction).toEqual({ lang: 'ar', dir: 'rtl', bodyDirection: 'rtl' });

            // `document.fonts.check` alone also answers true when a face failed to load, and a
            // system copy of Noto (fonts-noto-core) would pass the canvas test: the loaded
            // FontFace covering the Arabic block is what proves the web font itself is in use.
            for (const { family, weight, selector } of [
              { family: textFamily, weight: 400, selector: 'body' },
              { family: headFamily, weight: 700, selector: 'h1' },
            ]) {
              const fonts = await arabicFontReport(page, { family, weight, selector });
              expect.soft(fonts.computedFamily, `${selector} font-family`).toMatch(new RegExp(`^["']?${family}["']?,`));
              expect.soft(fonts.loadedArabicFaces, `loaded Arabic faces of ${family}`).not.toEqual([]);
              expect.soft(fonts.check, `document.fonts.check("${weight} 16px ${family}", Arabic)`).toBe(true);
              expect.soft(fonts.widthInFamily, `canvas width in ${family}`).toBeGreaterThan(0);
              expect.soft(fonts.widthInFamily, `${family} draws Arabic differently from a missing font`).not.toBe(fonts.widthInMissingFamily);
            }

            const article = pageCase.article;
            if (article !== undefined) {
              await expectOnScreen(page, '.article-kicker a.section-label', viewport.width);
              expect.soft(await page.locator('.article-kicker a.section-label').textContent()).toBe(sectionName(article.sections[0]!));
              await expectOnScreen(page, 'h1.article-title', viewport.width);
              expect.soft(await page.locator('h1.article-title').textContent()).toBe(article.title);
              await expectOnScreen(page, '.article-meta .published time', viewport.width);
              const published = (await page.locator('.article-meta .published time').textContent()) ?? '';
              expect.soft(MOROCCAN_MONTHS.some((m) => published.includes(m)), `Moroccan month in "${published}"`).toBe(true);
              await expectOnScreen(page, '.article-footer .follow a.follow-whatsapp', viewport.width);
              await expectOnScreen(page, '.article-footer .follow a.follow-google-news', viewport.width);
            }

            expect(problems.list, 'console errors and failed requests').toEqual([]);
          } finally {
            await context.close();
          }
        });
      }
    }

    it('an article is readable with JavaScript disabled', async () => {
      const { context, page, problems } = await openReaderPage(browser, { viewport: viewports[0]!, javaScriptEnabled: false, timeout: 30_000 });
      try {
        const response = await page.goto(base + urlOf(withImage), { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        const title = page.locator('h1.article-title');
        await title.waitFor({ state: 'visible' });
        expect(await title.textContent()).toBe(withImage.title);
        const paragraphs = page.locator('.article-body p');
        expect(await paragraphs.count()).toBeGreaterThan(3);
        await paragraphs.first().waitFor({ state: 'visible' });
        expect(((await paragraphs.first().textContent()) ?? '').length).toBeGreaterThan(100);
        expect(problems.list).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
);
