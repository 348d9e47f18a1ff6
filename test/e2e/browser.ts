/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (no bundled browser download),
 * plus page-side checks shared by the e2e suites.
 *
 * The page-side functions below are serialized by Playwright and run in the page, so they must be
 * self-contained. The project compiles without the DOM library (server code must not see
 * `window`), so the few browser globals they use are declared here, typed as narrowly as needed,
 * and scoped to this module.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { packageRoot } from '../../src/paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const inCi = process.env.CI !== undefined && process.env.CI !== '';

/**
 * Why browser suites are skipped on this machine, or null when they run. On CI a missing browser
 * is never a reason to skip: the suites run and `launchBrowser()` fails loudly.
 */
export const browserSkipReason: string | null =
  !existsSync(CHROMIUM_PATH) && !inCi
    ? `skipped: ${CHROMIUM_PATH} not found (apt-get install chromium fonts-noto-core); on CI (CI set) this fails instead`
    : null;

if (browserSkipReason !== null) console.warn(`[e2e] browser tests ${browserSkipReason}`);

/** Launches Debian's Chromium headless; throws when it is missing (CI must run browser tests). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-core); ` +
        'they are required on CI and cannot be skipped there.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Everything that went wrong while a page loaded: console errors, script errors, failed requests. */
export interface PageProblems {
  list: string[];
}

/** Starts recording problems on `page`; call before `page.goto`. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.list.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.list.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.list.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.list.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

/**
 * Problems other than the admin app's first "who is signed in?" (a 401 before logging in, reported
 * by Chromium as an HTTP problem and a console line) and those `allowed`.
 */
export function unexpectedAdminProblems(problems: PageProblems, allowed: RegExp[] = []): string[] {
  const expected401 = (p: string) => /^HTTP 401: GET .*\/admin\/api\/session$/.test(p) || (/status of 401/.test(p) && /\/admin\/api\/session\)$/.test(p));
  return problems.list.filter((p) => !expected401(p) && !allowed.some((re) => re.test(p)));
}

/** Signs in on the admin's login screen (Arabic labels) and waits for the dashboard to greet `who` by name. */
export async function signInToAdmin(page: Page, base: string, who: { email: string; password: string; name: string }): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('البريد الإلكتروني').fill(who.email);
  await page.getByLabel('كلمة المرور').fill(who.password);
  await page.getByRole('button', { name: 'دخول' }).click();
  await dashboardShown(page, who.name);
}

/**
 * Waits for the dashboard to greet `name` and for its data to come (its blocks show a .loading line
 * until then): a goto right after would otherwise abort those requests in flight (net::ERR_ABORTED
 * in the page's problems).
 */
export async function dashboardShown(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: `مرحباً، ${name}` }).waitFor();
  await page.waitForFunction(() => document.querySelector('.loading') === null);
}

/** Makes the site listen on a free loopback port; returns its base URL (`http://127.0.0.1:PORT`). */
export async function serveOnLoopback(site: { khabar: { app: FastifyInstance } }): Promise<string> {
  await site.khabar.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(site.khabar.app.server.address() as AddressInfo).port}`;
}

/** A reader in Morocco on a phone: what every browser suite opens unless it says otherwise. */
export const READER_CONTEXT: BrowserContextOptions = { viewport: { width: 390, height: 844 }, locale: 'ar-MA', timezoneId: 'Africa/Casablanca' };

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/**
 * A fresh context (READER_CONTEXT, with `options` over it: another viewport, bypassCSP…) and its
 * page, with a default timeout of `timeout` ms (8 s unless given) and its problems watched. The
 * caller closes `context`.
 */
export async function openReaderPage(browser: Browser, options: BrowserContextOptions & { timeout?: number } = {}): Promise<OpenedPage> {
  const { timeout = 8000, ...contextOptions } = options;
  const context = await browser.newContext({ ...READER_CONTEXT, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  return { context, page, problems: watchProblems(page) };
}

// ─── Page side ────────────────────────────────────────────────────────────────────────────────

interface DomRect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface DomElement {
  tagName: string;
  id: string;
  classList: Iterable<string>;
  parentElement: DomElement | null;
  children: ArrayLike<DomElement>;
  getBoundingClientRect(): DomRect;
  getClientRects(): ArrayLike<DomRect>;
  textContent: string | null;
}
interface DomImage extends DomElement {
  complete: boolean;
  naturalWidth: number;
  currentSrc: string;
  loading: string;
}
interface DomFontFace {
  family: string;
  weight: string;
  status: string;
  unicodeRange: string;
}
interface DomCanvasContext {
  font: string;
  measureText(text: string): { width: number };
}
declare const document: {
  documentElement: DomElement & { scrollWidth: number; scrollHeight: number; lang: string; dir: string };
  body: DomElement;
  images: ArrayLike<DomImage>;
  fonts: Iterable<DomFontFace> & { ready: Promise<unknown>; check(font: string, text: string): boolean };
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createElement(tag: 'canvas'): { getContext(kind: '2d'): DomCanvasContext | null };
};
declare const window: {
  innerWidth: number;
  innerHeight: number;
  scrollY: number;
  scrollTo(x: number, y: number): void;
  getComputedStyle(element: DomElement): {
    overflowX: string;
    direction: string;
    fontFamily: string;
    display: string;
    visibility: string;
    position: string;
    clipPath: string;
  };
};
declare function requestAnimationFrame(callback: () => void): number;

export interface OverflowReport {
  scrollWidth: number;
  innerWidth: number;
  /** The outermost elements sticking out of the viewport, on either side, with a CSS-like path. */
  offenders: string[];
}

/**
 * Horizontal overflow: the document's scroll width, plus the elements whose box crosses either
 * edge of the viewport (in RTL, content pushed past the right edge does not grow scrollWidth, it
 * is just cut off). Elements inside a box that clips or scrolls sideways, and visually hidden
 * ones, are ignored. Only the outermost offender of each branch is reported.
 */
export async function measureOverflow(page: Page): Promise<OverflowReport> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const slack = 0.5;
    const pathOf = (element: DomElement): string => {
      const parts: string[] = [];
      for (let el: DomElement | null = element; el !== null && parts.length < 5; el = el.parentElement) {
        const tag = el.tagName.toLowerCase();
        if (tag === 'html' || tag === 'body') break;
        const classes = [...el.classList].map((c) => `.${c}`).join('');
        const id = el.id !== '' ? `#${el.id}` : '';
        const current = el;
        const parent = current.parentElement;
        let nth = '';
        if (parent !== null && id === '') {
          const same = Array.from(parent.children).filter((c) => c.tagName === current.tagName);
          if (same.length > 1) nth = `:nth-of-type(${same.indexOf(current) + 1})`;
        }
        parts.unshift(`${tag}${id}${classes}${nth}`);
        if (id !== '') break;
      }
      return parts.join(' > ');
    };
    const clipped = (element: DomElement): boolean => {
      for (let el = element.parentElement; el !== null; el = el.parentElement) {
        const tag = el.tagName.toLowerCase();
        if (tag === 'html' || tag === 'body') return false;
        const style = window.getComputedStyle(el);
        if (style.overflowX !== 'visible') return true;
        if (style.clipPath !== 'none') return true;
      }
      return false;
    };
    const sticksOut = (element: DomElement): boolean => {
      const style = window.getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath !== 'none') return false;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      return rect.left < -slack || rect.right > width + slack;
    };
    const offenders: string[] = [];
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      if (!sticksOut(element) || clipped(element)) continue;
      const parent = element.parentElement;
      if (parent !== null && parent !== document.body && sticksOut(parent)) continue;
      const rect = element.getBoundingClientRect();
      offenders.push(`${pathOf(element)} [left ${Math.round(rect.left)}, right ${Math.round(rect.right)}]`);
      if (offenders.length >= 8) break;
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, offenders };
  });
}

/**
 * Scrolls to the bottom one screen at a time, so that every `loading="lazy"` image starts
 * loading as a reader scrolling down would trigger it, waits until all images have settled, then
 * goes back to the top. Returns the images that failed to decode (broken images).
 */
export async function loadWholePage(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    for (let y = 0; y < document.documentElement.scrollHeight; y += Math.max(200, window.innerHeight - 100)) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
    await frame();
  });
  // Only images that are laid out: a lazy image inside something hidden never loads.
  await page.waitForFunction(
    () => Array.from(document.images).every((img) => img.complete || img.getBoundingClientRect().width === 0),
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForLoadState('networkidle');
  const broken = await page.evaluate(() =>
    Array.from(document.images)
      .filter((img) => img.getBoundingClientRect().width > 0 && img.naturalWidth === 0)
      .map((img) => img.currentSrc),
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  return broken;
}

export interface FontReport {
  /** Faces of `family` whose unicode-range covers Arabic letters and that have loaded. */
  loadedArabicFaces: string[];
  /** `document.fonts.check()` for Arabic text in that family at `weight`. */
  check: boolean;
  /** Canvas widths of the same Arabic string in the family and in a family that does not exist. */
  widthInFamily: number;
  widthInMissingFamily: number;
  /** The computed font-family of the first element matching `selector`. */
  computedFamily: string;
}

/**
 * Whether Arabic text in `family` is drawn with the web font itself: a face covering the Arabic
 * block has loaded, `document.fonts.check` agrees, and glyph widths differ from those of a
 * missing family (a box/tofu fallback or the system fallback would give the same widths for both).
 */
export async function arabicFontReport(page: Page, args: { family: string; weight: number; selector: string }): Promise<FontReport> {
  return page.evaluate(async ({ family, weight, selector }) => {
    await document.fonts.ready;
    const sample = 'تابع آخر الأخبار من خبر على واتساب';
    const unquote = (name: string) => name.replace(/^["']|["']$/g, '');
    const loadedArabicFaces = [...document.fonts]
      .filter((face) => unquote(face.family) === family && face.status === 'loaded')
      .filter((face) => /U\+0*6[0-9A-F]{2}/i.test(face.unicodeRange) || face.unicodeRange.includes('U+600'))
      .map((face) => `${unquote(face.family)} ${face.weight} ${face.unicodeRange.slice(0, 24)}…`);
    const context = document.createElement('canvas').getContext('2d');
    const widthIn = (font: string) => {
      if (context === null) return -1;
      context.font = font;
      return context.measureText(sample).width;
    };
    const element = document.querySelector(selector);
    return {
      loadedArabicFaces,
      check: document.fonts.check(`${weight} 16px "${family}"`, 'خبر'),
      widthInFamily: widthIn(`${weight} 32px "${family}"`),
      widthInMissingFamily: widthIn(`${weight} 32px NoSuchFont`),
      computedFamily: element === null ? '' : window.getComputedStyle(element).fontFamily,
    };
  }, args);
}

/** Whether the document is `<html lang="ar" dir="rtl">` and the body's computed direction. */
export async function directionReport(page: Page): Promise<{ lang: string; dir: string; bodyDirection: string }> {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    bodyDirection: window.getComputedStyle(document.body).direction,
  }));
}

/** Runs the views mark as one unit (`<bdi class="num">`: scores, year ranges, dates) that the
 * browser nevertheless laid out over more than one line. */
export async function splitNumbers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('bdi.num'))
      .filter((bdi) => bdi.getClientRects().length > 1)
      .map((bdi) => bdi.textContent ?? ''),
  );
}

export const SCREENSHOT_DIR = path.join(packageRoot, 'test-results', 'screenshots');

/** A full-page screenshot at test-results/screenshots/<name>.png. */
export async function fullPageScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
