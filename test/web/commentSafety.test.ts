import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../src/demo/content.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { commentClient } from '../support/commentForms.js';
import { activeContent, elementsOf, textOfClass } from '../support/inertHtml.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';

const payloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');
const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
const target = demoContent.articles[4]!;
const articleUrl = encodePath(permalink.build({ id: 0, slug: target.slug, publishedAt: new Date(TEST_NOW.getTime() - target.hoursAgo * 3_600_000), categoryPath: '', authorSlug: '' }));
/** What the comment markup itself is made of, on top of what the page had before any comment. */
const COMMENT_TAGS = ['a', 'b', 'strong', 'i', 'em', 'blockquote', 'code', 'del', 's', 'q', 'br', 'p', 'ol', 'li', 'article', 'header', 'span', 'time', 'div', 'section'];
const PRIVATE_DOMAIN = 'privacy-test.example';

describe('comments are inert and emails stay private', () => {
  let site: TestSite;
  let clock = TEST_NOW.getTime();
  const logLines: string[] = [];
  let allowed: Set<string>;
  let ip = 0;

  beforeAll(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
    site = await openTestSite({ now: () => new Date(clock), logger });
    await site.khabar.store.settings.set('site', { comments: { moderation: 'open', perPage: 500 } });
    const baseline = await site.khabar.app.inject(articleUrl);
    allowed = new Set([...elementsOf(baseline.body).map((e) => e.name), ...COMMENT_TAGS]);
  });
  afterAll(async () => {
    await site.dispose();
  });

  async function post(fields: Record<string, string>) {
    const client = commentClient(site.khabar.app);
    const form = await client.form(articleUrl);
    clock += 5000;
    ip += 1;
    return client.post({ comment_post_ID: form.articleId, khabar_token: form.token, ...fields }, { ip: `10.1.${Math.floor(ip / 250)}.${ip % 250}` });
  }

  it(`renders ${payloads.length} XSS payloads in the comment, name and website fields inert, in the page and in the form sent back`, async () => {
    expect(payloads.length).toBeGreaterThanOrEqual(200);
    let published = 0;
    for (const [i, payload] of payloads.entries()) {
      const res = await post({ author: payload.slice(0, 200), email: `reader-${i}@${PRIVATE_DOMAIN}`, comment: `${payload} (${i})` });
      expect(res.statusCode, payload).toBe(303);
      published += 1;
      const website = await post({ author: `موقع ${i}`, email: `site-${i}@${PRIVATE_DOMAIN}`, url: payload, comment: `تجربة الموقع ${i}` });
      expect([303, 400], payload).toContain(website.statusCode);
      if (website.statusCode === 400) expect(activeContent(website.body, allowed), payload).toEqual([]);
      else published += 1;
    }
    const page = await site.khabar.app.inject(articleUrl);
    expect(page.statusCode).toBe(200);
    expect(activeContent(page.body, allowed)).toEqual([]);
    expect(page.body.match(/class="comment(?: |")/g)?.length).toBe(published);
    // Every link readers wrote is an http(s) link marked as user content (or lost its href).
    const links = elementsOf(page.body).filter((e) => e.name === 'a' && (e.attribs.rel ?? '').includes('ugc'));
    expect(links.length).toBeGreaterThan(5);
    for (const el of links) if (el.attribs.href !== undefined) expect(el.attribs.href).toMatch(/^https?:\/\//);
  }, 180_000);

  it('shows what readers typed exactly once escaped', async () => {
    const typed = ['قال: "نعم" & \'لا\'', '&lt;script&gt; ليس وسماً', '5 < 7 > 3', 'سعر 100$ & 50%'];
    for (const [i, text] of typed.entries()) expect((await post({ author: `نص ${i}`, email: `text-${i}@${PRIVATE_DOMAIN}`, comment: text })).statusCode).toBe(303);
    const page = await site.khabar.app.inject(articleUrl);
    const shown = textOfClass(page.body, 'comment-content').map((t) => t.trim());
    for (const text of typed) expect(shown).toContain(text);
    // Allowed inline markup stays markup, without its attributes.
    expect((await post({ author: 'وسم', email: `tag@${PRIVATE_DOMAIN}`, comment: '<b onmouseover=alert(1)>مهم</b> و <a href="https://ok.example" onclick="x()">رابط</a>' })).statusCode).toBe(303);
    const again = await site.khabar.app.inject(articleUrl);
    expect(again.body).toContain('<b>مهم</b>');
    expect(again.body).toContain('<a href="https://ok.example" rel="nofollow ugc noopener noreferrer">رابط</a>');
  });

  it('never publishes a commenter’s email: not in any page, feed, sitemap, error page or log line', async () => {
    // Held, spam and error flows too.
    await site.khabar.store.settings.set('site', { comments: { moderation: 'hold-all', perPage: 5 } });
    expect((await post({ author: 'محجوز', email: `held@${PRIVATE_DOMAIN}`, comment: 'في الانتظار' })).statusCode).toBe(303);
    expect((await post({ author: 'خطأ', email: `broken@${PRIVATE_DOMAIN}`, url: 'javascript:x', comment: 'خطأ' })).statusCode).toBe(400);
    const app = site.khabar.app;
    const seen = new Set<string>();
    const queue = ['/', articleUrl, `${articleUrl}comment-page-2/`, '/feed/', '/feed/atom/', '/feed/json/', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt', '/no-such-page/', `${articleUrl}?replytocom=1`];
    const outputs: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await app.inject(url);
      outputs.push(`${url}\n${JSON.stringify(res.headers)}\n${res.body}`);
      // Follow every local page, feed and sitemap the site links to.
      for (const m of res.body.matchAll(/(?:href="|<loc>)(?:https:\/\/khabar\.example)?(\/[^"<#?]*)/g)) {
        const next = m[1]!.replace(/&amp;/g, '&');
        if (!next.startsWith('/assets/') && !next.startsWith('/media/') && seen.size + queue.length < 400) queue.push(next);
      }
    }
    expect(seen.size).toBeGreaterThan(60);
    for (const output of outputs) {
      expect(output.includes(PRIVATE_DOMAIN) || output.includes(encodeURIComponent(`@${PRIVATE_DOMAIN}`))).toBe(false);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(PRIVATE_DOMAIN))).toEqual([]);
  });
});
