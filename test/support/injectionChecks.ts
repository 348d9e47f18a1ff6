import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { elementsOf } from './inertHtml.js';

/** The XSS payload list (test/fixtures/xss-payloads.txt), one per line. */
export const payloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');

/** The sanitizer's article allow-list: what a stored body may add to a page. */
export const ARTICLE_TAGS = ['p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'a', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'hr', 'code', 'pre', 'bdi', 'span', 'small', 'cite', 'q', 'abbr', 'mark'];

/** Elements of an XML document (feeds, sitemaps); an injected element would show up here. */
export function xmlElements(xml: string): Set<string> {
  const names = new Set<string>();
  const parser = new Parser({ onopentag: (name) => names.add(name) }, { xmlMode: true });
  parser.write(xml);
  parser.end();
  return names;
}

/** The text of every `tag` element, entities decoded once (what a browser shows). */
export function textOfTag(html: string, tag: string): string {
  let depth = 0;
  let text = '';
  const parser = new Parser(
    {
      onopentag: (name) => void (name === tag && depth++),
      ontext: (t) => void (depth > 0 && (text += t)),
      onclosetag: (name) => void (name === tag && depth--),
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text;
}

export function wellFormedXml(xml: string): void {
  execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** The JSON-LD blocks of a page: each must parse, and none may close its script element early. */
export function jsonLdBlocks(html: string): unknown[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  for (const block of blocks) expect(block).not.toMatch(/<\/script|<!--/i);
  return blocks.map((b) => JSON.parse(b) as unknown);
}

/** Sitemap files the sitemap index lists (paths). */
export async function sitemapFiles(get: (url: string) => Promise<{ body: string }>): Promise<string[]> {
  return [...(await get('/sitemap.xml')).body.matchAll(/<loc>https:\/\/khabar\.example(\/sitemap-[^<]+)<\/loc>/g)].map((m) => m[1]!);
}

/**
 * What the site's pages and feeds are made of before any payload went in: the elements of every
 * page the sitemaps list (plus home, search and a 404) and of every feed and sitemap.
 */
export async function baselineOf(get: (url: string) => Promise<{ body: string }>): Promise<{ tags: Set<string>; feedElements: Set<string> }> {
  const sitemaps = await sitemapFiles(get);
  const pages = new Set(['/', '/search?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8', '/?s=x', '/no/such/page/']);
  for (const sitemap of sitemaps) for (const m of (await get(sitemap)).body.matchAll(/<loc>https:\/\/khabar\.example([^<]+)<\/loc>/g)) pages.add(m[1]!);
  // picture/source: the featured image's responsive markup (demo images are SVG and have none).
  const tags = new Set([...ARTICLE_TAGS, 'picture', 'source']);
  for (const url of pages) for (const e of elementsOf((await get(url)).body)) tags.add(e.name);
  const feedElements = new Set<string>();
  for (const feed of ['/feed/', '/feed/atom/', '/sitemap.xml', '/news-sitemap.xml', '/comments/feed/', ...sitemaps]) for (const name of xmlElements((await get(feed)).body)) feedElements.add(name);
  return { tags, feedElements };
}

/**
 * Opens each page in Chromium with the CSP bypassed (so the escaping itself is what is checked),
 * moves the mouse and tabs (what autofocus/onmouseover payloads need), and expects no dialog and no
 * `window.__xss`. Returns how many pages were checked. Closes the browser.
 */
export async function expectNoScriptRuns(browser: Browser, baseUrl: string, paths: readonly string[]): Promise<number> {
  try {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const path of paths) {
      await page.goto(baseUrl + path, { waitUntil: 'load' });
      await page.mouse.move(200, 200);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('typeof window.__xss'), path).toBe('undefined');
    }
    expect(dialogs).toEqual([]);
    await context.close();
    return paths.length;
  } finally {
    await browser.close();
  }
}
