/**
 * Web fonts in Chromium (issue #8, decision 019): every reading page of the demo site downloads at
 * most 100 KB of fonts, every face swaps, and the subsets shape Arabic exactly as the full
 * @fontsource files do (joining forms, lam-alef, hamza forms, harakat, both kinds of digits, a
 * Latin name), pixel for pixel. A subset cut without its shaping features must fail that check.
 * Screenshots go to test-results/screenshots/ (fonts-*.png).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_SUBSETS, type FontSubset } from '../../scripts/fonts/fontSubsets.js';
import { cutSubset } from '../../scripts/fonts/subsetFonts.js';
import { demoContent } from '../../src/demo/content.js';
import type { DemoArticle } from '../../src/demo/types.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { assetsDir } from '../../src/paths.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { browserSkipReason, fullPageScreenshot, launchBrowser, openReaderPage, SCREENSHOT_DIR, serveOnLoopback } from './browser.js';

const require = createRequire(import.meta.url);
const FONT_BUDGET = 100 * 1024;

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const urlOf = (a: DemoArticle) =>
  encodePath(permalink.build({ id: 0, slug: a.slug, publishedAt: new Date(TEST_NOW.getTime() - a.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));
const hasLatinName = (a: DemoArticle) => /[A-Za-z]{3,}/.test(a.body.replace(/<[^>]*>/g, ''));
const hasBold = (a: DemoArticle) => a.body.includes('<strong>');
/** The article that needs the most faces: bold text (Naskh 700) and a Latin name (Latin files). */
const boldLatin = demoContent.articles.find((a) => hasBold(a) && hasLatinName(a)) ?? demoContent.articles.find(hasLatinName)!;

const withLatinName = demoContent.articles.find((a) => a.body.includes('Kridi Box')) ?? boldLatin;
const withImage = demoContent.articles.find((a) => a.image) ?? boldLatin;

/**
 * One reading page of each kind: home, section, tag, search, static page, and articles with bold
 * text, a Latin name and an image. (Every article of the demo loads the same six files; that any
 * page stays under the budget whatever it holds is checked by test/unit/fonts/fontFiles.test.ts,
 * which bounds the sum of all eight files.)
 */
const readingPages: { name: string; path: string }[] = [
  { name: 'home', path: '/' },
  { name: 'section', path: encodePath(`/category/${demoContent.sections[0]!.slug}/`) },
  { name: 'tag', path: encodePath(`/tag/${demoContent.tags[0]!.slug}/`) },
  { name: 'search', path: `/search?q=${encodeURIComponent('الماء في')}` },
  { name: 'static page', path: encodePath(`/${demoContent.pages[0]!.slug}/`) },
  ...[boldLatin, withLatinName, withImage].map((a) => ({ name: `article ${a.slug.slice(0, 40)}`, path: urlOf(a) })),
];

/**
 * One line with what Arabic shaping must get right: joining letters in all positions, lam-alef
 * with and without hamza/madda, hamza on every seat, full harakat with shadda, tatweel,
 * Arabic-Indic and Latin digits, Arabic punctuation, Maghrebi letters, a presentation-form
 * lam-alef, and a Latin name with an accent.
 */
const SHAPING_SAMPLE = 'لا لأ لإ لآ الله؛ سأل، مسؤول، شيء، قرائن، إيمان، آمال — مُحَمَّدٌ وَالمَدْرَسَةُ ـ ٢٠٢٦ و2026٪ ڤ ڭ گ ﻷ «Jean-Luc Mélenchon» ؟';

interface FaceCss {
  family: string;
  weight: number;
  url: string;
  unicodeRange: string;
}

function fontFaceRule(face: FaceCss): string {
  return `@font-face { font-family: '${face.family}'; font-weight: ${face.weight}; font-display: block; src: url(${face.url}) format('woff2'); unicode-range: ${face.unicodeRange}; }`;
}

const siteCss = readFileSync(path.join(assetsDir, 'css', 'site.css'), 'utf8');
/** The unicode-range site.css gives a committed file. */
function siteUnicodeRange(file: string): string {
  const rule = (siteCss.match(/@font-face\s*{[^}]*}/g) ?? []).find((r) => r.includes(`/assets/fonts/${file})`));
  const range = rule === undefined ? undefined : /unicode-range: ([^;]+);/.exec(rule)?.[1];
  if (range === undefined) throw new Error(`site.css declares no face for ${file}`);
  return range;
}
/** The unicode-range @fontsource gives its file (in its `<weight>.css`, next to the file). */
function fontsourceUnicodeRange(subset: FontSubset): string {
  const cssFile = require.resolve(`${subset.source.package}/${subset.weight}.css`);
  const rule = (readFileSync(cssFile, 'utf8').match(/@font-face\s*{[^}]*}/g) ?? []).find((r) => r.includes(`/${path.basename(subset.source.file)})`));
  const range = rule === undefined ? undefined : /unicode-range: ([^;]+);/.exec(rule)?.[1];
  if (range === undefined) throw new Error(`no unicode-range for ${subset.source.file} in ${cssFile}`);
  return range;
}

/** Renders `text` in each family (same size, same box) and returns a PNG of each line. */
async function renderLines(page: Page, faces: FaceCss[], families: string[], weight: number, text: string): Promise<Buffer[]> {
  const lines = families
    .map((family, i) => `<p id="l${i}" style="font-family: '${family}', 'NoSuchFont'; font-weight: ${weight}">${text}</p>`)
    .join('');
  await page.setContent(
    `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><style>${faces.map(fontFaceRule).join('\n')}
      body { margin: 0; background: #fff; color: #000; } p { font-size: 28px; line-height: 64px; margin: 0; padding: 0 8px; inline-size: max-content; white-space: nowrap; }
    </style></head><body>${lines}</body></html>`,
  );
  await page.evaluate(
    async ({ families, weight, text }) => {
      const fonts = (globalThis as unknown as { document: { fonts: { load(font: string, text: string): Promise<unknown>; ready: Promise<unknown> } } }).document.fonts;
      for (const family of families) await fonts.load(`${weight} 28px '${family}'`, text);
      await fonts.ready;
    },
    { families, weight, text },
  );
  return Promise.all(families.map((_, i) => page.locator(`#l${i}`).screenshot()));
}

/** How many pixels differ between two same-sized PNGs (-1 when the sizes differ). */
async function differingPixels(a: Buffer, b: Buffer): Promise<number> {
  const [ra, rb] = await Promise.all([a, b].map((png) => sharp(png).raw().toBuffer({ resolveWithObject: true })));
  if (ra!.info.width !== rb!.info.width || ra!.info.height !== rb!.info.height) return -1;
  let differing = 0;
  const channels = ra!.info.channels;
  for (let i = 0; i < ra!.data.length; i += channels) {
    for (let c = 0; c < channels; c += 1) {
      if (ra!.data[i + c] !== rb!.data[i + c]) {
        differing += 1;
        break;
      }
    }
  }
  return differing;
}

describe.skipIf(browserSkipReason !== null)(`web fonts in Chromium${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`, () => {
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

  it(`every reading page downloads at most ${FONT_BUDGET / 1024} KB of fonts, and every face swaps`, async () => {
    expect(hasBold(boldLatin) && hasLatinName(boldLatin), 'the demo has an article with bold text and a Latin name').toBe(true);
    const report: string[] = [];
    let heaviest = 0;
    for (const { name, path: pagePath } of readingPages) {
      // A fresh context per page: an empty cache, as for a first visit.
      const { context, page, problems } = await openReaderPage(browser, { viewport: { width: 1280, height: 800 }, timeout: 30_000 });
      try {
        const fonts: Promise<{ url: string; bytes: number }>[] = [];
        page.on('response', (response) => {
          if (response.request().resourceType() === 'font') fonts.push(response.body().then((body) => ({ url: response.url(), bytes: body.length })));
        });
        const response = await page.goto(base + pagePath, { waitUntil: 'networkidle' });
        expect(response?.status(), name).toBe(200);
        const displays = await page.evaluate(async () => {
          const doc = (globalThis as unknown as { document: { fonts: Iterable<{ family: string; display: string }> & { ready: Promise<unknown> } } }).document;
          await doc.fonts.ready;
          return [...doc.fonts].map((face) => `${face.family} ${face.display}`);
        });
        expect(displays.length, `${name}: font faces`).toBe(FONT_SUBSETS.length);
        for (const display of displays) expect(display, name).toMatch(/ swap$/);
        await page.waitForLoadState('networkidle');
        const loaded = await Promise.all(fonts);
        const total = loaded.reduce((sum, f) => sum + f.bytes, 0);
        heaviest = Math.max(heaviest, total);
        report.push(`${String(total).padStart(6)} B  ${loaded.length} files  ${name}: ${loaded.map((f) => path.basename(f.url).replace(/\.v\d+\.woff2$/, '')).sort().join(' ')}`);
        expect.soft(total, `${name}: font bytes (${loaded.map((f) => `${path.basename(f.url)} ${f.bytes}`).join(', ')})`).toBeLessThanOrEqual(FONT_BUDGET);
        expect.soft(loaded.length, `${name}: fonts loaded`).toBeGreaterThan(0);
        expect.soft(problems.list, name).toEqual([]);
      } finally {
        await context.close();
      }
    }
    console.log(`font bytes per reading page (budget ${FONT_BUDGET}):\n${report.join('\n')}\nheaviest: ${heaviest} B`);
  }, 120_000);

  it('the subsets shape Arabic exactly as the full fonts do, and a subset without shaping features does not', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 400 }, deviceScaleFactor: 1 });
    try {
      const page = await context.newPage();
      // The subsets as the site serves them, the full @fontsource files, and a broken control.
      const routes = new Map<string, Buffer>();
      await page.route('http://fonts.test/**', (route) => route.fulfill({ body: routes.get(route.request().url()) ?? Buffer.alloc(0), contentType: 'font/woff2' }));
      for (const family of ['Noto Naskh Arabic', 'Noto Kufi Arabic']) {
        for (const weight of [400, 700] as const) {
          const subsets = FONT_SUBSETS.filter((s) => s.family === family && s.weight === weight);
          const faces: FaceCss[] = [];
          for (const subset of subsets) {
            const sub = `http://fonts.test/sub/${subset.file}`;
            const full = `http://fonts.test/full/${subset.file}`;
            routes.set(sub, readFileSync(path.join(assetsDir, 'fonts', subset.file)));
            routes.set(full, readFileSync(require.resolve(`${subset.source.package}/${subset.source.file}`)));
            faces.push({ family: 'Sub', weight, url: sub, unicodeRange: siteUnicodeRange(subset.file) });
            faces.push({ family: 'Full', weight, url: full, unicodeRange: fontsourceUnicodeRange(subset) });
            const broken = `http://fonts.test/broken/${subset.file}`;
            // No substitution features (init/medi/fina, rlig, liga) and no presentation forms either:
            // with those in the cmap, HarfBuzz's fallback shaper would still join the letters.
            const withoutPresentationForms = { ...subset, ranges: subset.ranges.filter(([first]) => first < 0xfb50) };
            routes.set(broken, (await cutSubset(withoutPresentationForms, { keepFeatures: ['kern', 'mark', 'mkmk'] })).woff2);
            faces.push({ family: 'Broken', weight, url: broken, unicodeRange: siteUnicodeRange(subset.file) });
          }
          const [sub, full, broken, fallback] = await renderLines(page, faces, ['Sub', 'Full', 'Broken', 'NoSuchFont'], weight, SHAPING_SAMPLE);
          const label = `${family} ${weight}`;
          expect(await differingPixels(sub!, full!), `${label}: subset vs full font, differing pixels`).toBe(0);
          expect(await differingPixels(broken!, full!), `${label}: a subset without shaping features must differ`).not.toBe(0);
          expect(await differingPixels(sub!, fallback!), `${label}: the web font is used, not the fallback`).not.toBe(0);
          if (family === 'Noto Naskh Arabic' && weight === 400) {
            mkdirSync(SCREENSHOT_DIR, { recursive: true });
            for (const [name, png] of Object.entries({ sub, full, broken })) writeFileSync(path.join(SCREENSHOT_DIR, `fonts-shaping-naskh-400-${name}.png`), png!);
          }
        }
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a letter the subsets leave out falls back to a system font, character by character', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(base + '/', { waitUntil: 'networkidle' });
      const widths = await page.evaluate(async () => {
        const doc = (globalThis as unknown as {
          document: { fonts: { ready: Promise<unknown>; load(font: string, text: string): Promise<unknown> }; createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(t: string): { width: number } } } };
        }).document;
        await doc.fonts.load("400 32px 'Noto Naskh Arabic'", 'خبر ٹ');
        const context2d = doc.createElement('canvas').getContext('2d');
        const width = (font: string, text: string) => {
          context2d.font = font;
          return context2d.measureText(text).width;
        };
        // Urdu ٹ is not in the subset: in the site's stack it must take the width the fallback gives it.
        return {
          urduInStack: width("400 32px 'Noto Naskh Arabic', serif", 'ٹ'),
          urduInFallback: width('400 32px serif', 'ٹ'),
          arabicInStack: width("400 32px 'Noto Naskh Arabic', serif", 'ت'),
          arabicInFallback: width('400 32px serif', 'ت'),
        };
      });
      expect(widths.urduInStack).toBeGreaterThan(0);
      expect(widths.urduInStack).toBe(widths.urduInFallback);
      expect(widths.arabicInStack).not.toBe(widths.arabicInFallback);
    } finally {
      await context.close();
    }
  });

  it('screenshots an article with bold text and a Latin name, at 390 px and 1280 px', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const { context, page } = await openReaderPage(browser, { viewport, timeout: 30_000 });
      try {
        await page.goto(base + urlOf(boldLatin), { waitUntil: 'networkidle' });
        await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
        await fullPageScreenshot(page, `fonts-article-${viewport.width}`);
      } finally {
        await context.close();
      }
    }
  });
});
