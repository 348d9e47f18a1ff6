/**
 * Issue #10, the admin half of the injection suite: every payload of test/fixtures/xss-payloads.txt
 * stored through the admin API (articles: title, lede, body, slug, SEO fields, tags, sections, guest
 * bylines; a second save for the revisions diff; media alt, caption, credit and file name; invited
 * users' display names; the site's name and tagline; the signed-in admin's own name) and through
 * the public comment form (names, addresses, texts), then every admin screen opened in Chromium,
 * signed in as an admin (and the article screens as an editor too). On every screen: no dialog,
 * `window.__xss` never set (the marker test/support/injectionChecks.ts's expectNoScriptRuns looks
 * for), no request for anything but the app, its API and the library's own images, and every stored
 * text shown exactly as stored (once escaped: `&lt;` where `<` was typed means double escaping).
 * Screens are batched: one page load per screen, in-app navigation between records.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/access.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { browserSkipReason, launchBrowser, openReaderPage, serveOnLoopback } from '../e2e/browser.js';
import { callAs, ORIGIN, type AdminSession } from '../support/adminSessions.js';
import { commentClient } from '../support/commentForms.js';
import { multipart, photoJpeg } from '../support/images.js';
import { payloads } from '../support/injectionChecks.js';
import { openTestSite, type TestSite } from '../support/khabar.js';

const permalink = createPermalink('/%year%/%monthnum%/%postname%/', 'Africa/Casablanca');
/** NUL is refused by the admin API outright (controlCharacters.test.ts); every other payload goes in. */
const usable = payloads.filter((p) => !p.includes('\u0000'));
const PASSWORD = 'كلمة-سر-طويلة-للتحرير';
/** Media items the library screen shows at once (its API's default page). */
const MEDIA_ITEMS = 40;
/** Articles that are published and take the readers' comments. */
const COMMENTED = 12;

/** As the browser shows text: runs of white space as one space, trimmed. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A payload cut to a field's length, as stored (JSON text fields are trimmed by the API). */
const cut = (p: string, max: number) => [...p].slice(0, max).join('').trim();

interface Stored {
  id: number;
  payload: string;
  title: string;
  lede: string;
  slug: string;
  seoTitle: string;
  seoDescription: string;
  section: string;
  tag: string;
  guest: string;
  /** The second save (what the diff is to). */
  title2: string;
  lede2: string;
  payload2: string;
}

/** Everything that went wrong on a page, as the checks see it. */
interface Watch {
  dialogs: string[];
  requests: string[];
  errors: string[];
}

describe.skipIf(browserSkipReason !== null)(`admin screens in Chromium with every XSS payload stored${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`, () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;
  let admin: AdminSession & { token: string; displayName: string };
  let editor: AdminSession & { token: string; displayName: string };
  const articles: Stored[] = [];
  const mediaUrls = new Set<string>();
  const figures = { payloads: usable.length, stored: 0, screensOpened: 0, recordsChecked: 0, textsCompared: 0, refusedAtInput: 0 };

  async function account(role: 'admin' | 'editor', email: string, displayName: string) {
    const passwords = createArgon2PasswordHasher();
    const user = await createUser({ store: site.khabar.store, passwords }, systemActor('test'), { email, displayName, role, password: PASSWORD });
    const res = await site.khabar.app.inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const token = res.cookies.find((c) => c.name === 'khabar_session')!.value;
    return { cookie: `khabar_session=${token}`, csrf: res.json().csrfToken as string, userId: user.id, token, displayName: user.displayName };
  }

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => callAs(site.khabar, admin, method, url, payload);
  async function created<T>(method: 'POST' | 'PATCH', url: string, payload: object, key: string): Promise<T> {
    const res = await call(method, url, payload);
    expect([200, 201], `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toContain(res.statusCode);
    figures.stored += 1;
    return res.json()[key] as T;
  }

  beforeAll(async () => {
    site = await openTestSite({
      overrides: {
        media: { avif: false },
        limits: { commentMinFillSeconds: 0, commentsPerIpPerMinute: 10_000, commentsPerIpPerHour: 100_000 },
        site: { comments: { moderation: 'hold-all' } },
      },
    });
    // The signed-in people's own names are payloads too: the header and the dashboard show them.
    admin = await account('admin', 'admin-xss@khabar.example', '<img src=x onerror=window.__xss=1> مدير');
    editor = await account('editor', 'editor-xss@khabar.example', '"><svg onload=window.__xss=1> محرر');

    for (const [i, payload] of usable.entries()) {
      const section = await created<{ id: number; name: string }>('POST', '/admin/api/sections', { name: cut(payload, 250), slug: `xss-section-${i}` }, 'section');
      const tag = await created<{ id: number; name: string }>('POST', '/admin/api/tags', { name: cut(payload, 250), slug: `xss-tag-${i}` }, 'tag');
      const guest = await created<{ id: number; name: string }>('POST', '/admin/api/authors', { name: `${cut(payload, 110)} ${i}` }, 'author');
      const fields = {
        title: `${cut(payload, 490)} ${i}`,
        lede: payload,
        // The payload typed into the editor (text), then the same as markup (what a paste or an import brings).
        body: `<p>${escapeText(payload)}</p>${payload}<p>نص ${i}</p>`,
        slug: `${cut(payload, 300)} ${i}`,
        seoTitle: cut(payload, 300),
        seoDescription: payload,
        sectionIds: [section.id],
        tagIds: [tag.id],
        authorIds: [guest.id],
      };
      let res = await call('POST', '/admin/api/articles', fields);
      if (res.statusCode === 400 && res.json().error.field === 'slug') {
        // A slug nothing can be made of is refused at input: the article goes in without it.
        figures.refusedAtInput += 1;
        const { slug: _slug, ...rest } = fields;
        res = await call('POST', '/admin/api/articles', rest);
      }
      expect(res.statusCode, `${payload}: ${res.body}`).toBe(201);
      figures.stored += 7;
      const first = res.json().article as { id: number; version: number; title: string; lede: string; slug: string; seoTitle: string; seoDescription: string };
      // A second save with the next payload: the revisions panel diffs the two.
      const payload2 = usable[(i + 1) % usable.length]!;
      const saved = await created<{ title: string; lede: string }>(
        'PATCH',
        `/admin/api/articles/${first.id}`,
        { version: first.version, title: `${cut(payload2, 490)} ${i}b`, lede: payload2, body: `<p>${escapeText(payload2)}</p>${payload2}<p>نص ${i}</p>` },
        'article',
      );
      articles.push({ id: first.id, payload, title: first.title, lede: first.lede, slug: first.slug, seoTitle: first.seoTitle, seoDescription: first.seoDescription, section: section.name, tag: tag.name, guest: guest.name, title2: saved.title, lede2: saved.lede, payload2 });
    }

    // Readers' comments through the public form, on the first articles once published.
    const client = commentClient(site.khabar.app);
    const pages: Array<{ url: string }> = [];
    for (const a of articles.slice(0, COMMENTED)) {
      const current = await call('GET', `/admin/api/articles/${a.id}`);
      const done = await call('POST', `/admin/api/articles/${a.id}/publish`, { version: current.json().article.version as number });
      expect(done.statusCode, done.body).toBe(200);
      const live = done.json().article as { id: number; slug: string; publishedAt: string };
      pages.push({ url: encodePath(permalink.build({ id: live.id, slug: live.slug, publishedAt: new Date(live.publishedAt), categoryPath: '', authorSlug: '' })) });
    }
    for (const [i, payload] of usable.entries()) {
      const form = await client.form(pages[i % pages.length]!.url);
      const url = /^(javascript|data|https?):/i.test(payload) ? payload.slice(0, 190) : `https://reader.example/${encodeURIComponent(payload.slice(0, 40))}`;
      const fields = { comment_post_ID: form.articleId, khabar_token: form.token, author: cut(payload, 200), email: `r${i}@readers.example`, url, comment: `${payload} (${i})` };
      let res = await client.post(fields, { ip: `198.51.${Math.floor(i / 200)}.${i % 200}` });
      if (res.statusCode === 400 && url === payload.slice(0, 190)) {
        // A website that is not an http(s) address is refused at input: the comment goes in without it.
        figures.refusedAtInput += 1;
        res = await client.post({ ...fields, url: '', khabar_token: (await client.form(pages[i % pages.length]!.url)).token }, { ip: `198.51.${Math.floor(i / 200)}.${i % 200}` });
      }
      expect([302, 303], `${payload}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      figures.stored += 4;
    }

    // The library: one item per payload slot, alt/caption/credit rewritten in rounds (see the media test).
    const jpeg = await photoJpeg(64, 48);
    for (let i = 0; i < MEDIA_ITEMS; i++) {
      const body = multipart([
        { name: 'file', filename: `${usable[i]!.replace(/["\\\r\n]/g, '_').slice(0, 100)}.jpg`, contentType: 'image/jpeg', data: jpeg },
        { name: 'alt', value: 'بديل' },
      ]);
      const res = await site.khabar.app.inject({ method: 'POST', url: '/admin/api/media', payload: body.payload, headers: { ...body.headers, origin: ORIGIN, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      expect(res.statusCode, res.body).toBe(201);
      figures.stored += 1;
      const media = res.json().media as { url: string; variants: Array<{ url: string }> };
      mediaUrls.add(media.url);
      for (const v of media.variants) mediaUrls.add(v.url);
    }
    // Invitations: one account per payload, named with it.
    for (const [i, payload] of usable.entries()) {
      await created('POST', '/admin/api/users', { email: `invited${i}@khabar.example`, name: cut(payload, 250), role: 'author' }, 'user');
    }

    base = await serveOnLoopback(site);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    console.log(`[injection-admin] ${JSON.stringify(figures)}`);
    await browser?.close();
    await site?.dispose();
  });

  /**
   * A fresh context signed in as `who` (the session cookie set directly), watching for dialogs,
   * script errors and requests for anything but the app (its documents, assets and API) and the
   * library's own images: a request for `x`, `/nothing` or evil.example is a payload's URL.
   */
  async function signedInPage(who: { token: string }): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
    // The admin's CSP (script-src 'self') would stop an injected handler anyway: bypassed, as
    // expectNoScriptRuns does, so that the escaping beneath it is what is checked.
    const { context, page } = await openReaderPage(browser, { viewport: { width: 1280, height: 900 }, bypassCSP: true, timeout: 15_000 });
    await context.addCookies([{ name: 'khabar_session', value: who.token, url: base }]);
    const watch: Watch = { dialogs: [], requests: [], errors: [] };
    page.on('dialog', (dialog) => {
      watch.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => watch.errors.push(error.message));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${base}/`)) return void watch.requests.push(url);
      const path = url.slice(base.length);
      const app = request.resourceType() === 'document' ? /^\/admin\/[\w/-]*$/.test(path) : /^\/admin\/(assets|api)\//.test(path) || path === '/assets/favicon.svg';
      if (!app && !mediaUrls.has(path.split('?')[0]!)) watch.requests.push(url);
    });
    return { context, page, watch };
  }

  /** Moves the mouse over the page and tabs through it (what onmouseover/onfocus payloads need), then checks the marker. */
  async function expectNothingRan(page: Page, watch: Watch, where: string): Promise<void> {
    for (const [x, y] of [
      [200, 200],
      [640, 300],
      [1000, 500],
      [400, 700],
    ] as const) await page.mouse.move(x, y);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('typeof window.__xss'), where).toBe('undefined');
    expect(watch.dialogs, where).toEqual([]);
    expect(watch.requests, where).toEqual([]);
    expect(watch.errors, where).toEqual([]);
  }

  /** In-app navigation, as a click on a `Link` does (no page load). */
  async function goInApp(page: Page, path: string): Promise<void> {
    await page.evaluate(`history.pushState(null, '', ${JSON.stringify(`/admin${path}`)}); dispatchEvent(new PopStateEvent('popstate'))`);
  }

  /** Runs `fn` on a signed-in page and checks it after; closes the context. */
  async function onScreen(who: { token: string }, path: string, fn: (page: Page, watch: Watch) => Promise<void>): Promise<void> {
    const { context, page, watch } = await signedInPage(who);
    try {
      await page.goto(`${base}/admin${path}`);
      figures.screensOpened += 1;
      await fn(page, watch);
      await expectNothingRan(page, watch, path);
    } finally {
      await context.close();
    }
  }

  /** Compares what a screen shows with what was stored, exactly; returns the mismatches (`where: shown ≠ stored`). */
  function mismatches(pairs: Array<[where: string, shown: string | null | undefined, stored: string]>): string[] {
    figures.textsCompared += pairs.length;
    return pairs.filter(([, shown, stored]) => shown !== stored).map(([where, shown, stored]) => `${where}: ${JSON.stringify(shown)} ≠ ${JSON.stringify(stored)}`);
  }

  it('stores every payload as typed (the API answers are the reference the screens are held to)', () => {
    for (const [i, a] of articles.entries()) {
      expect(a.lede).toBe(usable[i]);
      expect(a.seoDescription).toBe(usable[i]);
      expect(a.title).toBe(`${cut(usable[i]!, 490)} ${i}`);
      expect(a.section).toBe(cut(usable[i]!, 250));
      expect(a.tag).toBe(cut(usable[i]!, 250));
    }
  });

  it('shows the dashboard and the article list with every title, byline, section and author literally', async () => {
    await onScreen(admin, '/', async (page) => {
      await page.locator('.cards .plain-list').first().waitFor();
      const shown = (await page.evaluate(`({
        heading: document.querySelector('main h1').textContent,
        who: document.querySelector('.who').textContent,
        titles: [...document.querySelectorAll('.cards .plain-list a bdi')].map((b) => b.textContent),
      })`)) as { heading: string; who: string; titles: string[] };
      expect(shown.who).toBe(admin.displayName);
      expect(shown.heading).toContain(admin.displayName);
      // Every title shown is one the API has, as it has it (the dashboard mixes demo and payload articles).
      const known = new Set<string>();
      for (let n = 1; ; n++) {
        const list = (await call('GET', `/admin/api/articles?perPage=100&page=${n}`)).json() as { items: Array<{ title: string }>; pages: number };
        for (const item of list.items) known.add(item.title);
        if (n >= list.pages) break;
      }
      expect(shown.titles.length).toBeGreaterThan(0);
      expect(shown.titles.filter((t) => !known.has(t))).toEqual([]);
      figures.textsCompared += shown.titles.length + 2;
    });

    await onScreen(admin, '/articles', async (page) => {
      const byTitle = new Map(articles.map((a) => [a.title2, a]));
      const seen = new Set<number>();
      for (let n = 1; ; n++) {
        await page.locator('.data-table tbody tr').first().waitFor();
        // The first number of "صفحة n من N" (not any digit in it: page 11 of 12 also contains "12").
        await page.waitForFunction(`((document.querySelector('.pager span')?.textContent ?? '').match(/\\d+/)?.[0] ?? '1') === '${n}'`);
        const rows = (await page.evaluate(`[...document.querySelectorAll('.data-table tbody tr')].map((tr) => ({ href: tr.querySelector('a').getAttribute('href'), title: tr.querySelector('bdi').textContent, authors: tr.children[2].textContent }))`)) as Array<{ href: string; title: string; authors: string }>;
        const problems: string[] = [];
        for (const row of rows) {
          const id = Number(/\/articles\/(\d+)$/.exec(row.href)?.[1]);
          const a = articles.find((x) => x.id === id);
          if (!a) continue;
          seen.add(id);
          problems.push(...mismatches([[`title of ${id}`, row.title, a.title2], [`byline of ${id}`, row.authors, a.guest]]));
          expect(byTitle.get(row.title)?.id, row.title).toBe(id);
        }
        expect(problems).toEqual([]);
        const next = page.locator('.pager button').last();
        if (!(await next.isEnabled())) break;
        await next.click();
      }
      figures.recordsChecked += seen.size;
      expect(seen.size).toBe(articles.length);
      // The filters list every section and author by name.
      const options = (await page.evaluate(`[...document.querySelectorAll('.filters select')].map((s) => [...s.options].map((o) => o.textContent))`)) as string[][];
      const sectionNames = new Set(options[1]);
      const authorNames = new Set(options[2]);
      expect(articles.filter((a) => !sectionNames.has(a.section)).map((a) => a.section)).toEqual([]);
      expect(articles.filter((a) => !authorNames.has(a.guest)).map((a) => a.guest)).toEqual([]);
      figures.textsCompared += 2 * articles.length;
    });
  }, 300_000);

  /** The editor for every article, in-app: fields, chips, body, then the revisions diff (first save → last). */
  async function checkEditors(who: { token: string }, list: Stored[]): Promise<void> {
    await onScreen(who, '/articles', async (page) => {
      await page.locator('.data-table').waitFor();
      for (const a of list) {
        await goInApp(page, `/articles/${a.id}`);
        // Loaded: the form is there and the section and author lists have come (chips show names, not #ids).
        await page.waitForFunction(`document.querySelector('.field-title input') !== null && document.querySelectorAll('.edit-side select')[0]?.options.length > 1 && document.querySelectorAll('.edit-side select')[1]?.options.length > 1 && document.querySelector('.ProseMirror') !== null`);
        const shown = (await page.evaluate(`(() => {
          const inputs = [...document.querySelectorAll('.edit-main input, .edit-main textarea')].map((e) => e.value);
          const seo = [...document.querySelectorAll('.edit-side fieldset:last-of-type input, .edit-side fieldset:last-of-type textarea')].map((e) => e.value);
          const chips = [...document.querySelectorAll('.edit-side fieldset')].map((f) => [...f.querySelectorAll('.chips > li')].map((li) => li.querySelector('bdi')?.textContent ?? li.firstChild.textContent));
          return { inputs, seo, chips, firstParagraph: document.querySelector('.ProseMirror p')?.textContent ?? null };
        })()`)) as { inputs: string[]; seo: string[]; chips: string[][]; firstParagraph: string | null };
        const problems = mismatches([
          [`title ${a.id}`, shown.inputs[0], a.title2],
          [`slug ${a.id}`, shown.inputs[1], a.slug],
          [`lede ${a.id}`, shown.inputs[2], a.lede2],
          [`seo title ${a.id}`, shown.seo[0], a.seoTitle],
          [`seo description ${a.id}`, shown.seo[1], a.seoDescription],
          [`section ${a.id}`, shown.chips[0]?.[0], a.section],
          [`tag ${a.id}`, shown.chips[1]?.[0], a.tag],
          [`byline ${a.id}`, shown.chips[2]?.[0], a.guest],
          // ProseMirror collapses white space as a browser shows it.
          [`body ${a.id}`, squash(shown.firstParagraph ?? ''), squash(a.payload2)],
        ]);
        expect(problems).toEqual([]);

        // The revisions: from the first save to the latest.
        await page.locator('.revisions-panel button[aria-expanded]').click();
        const items = page.locator('.revision-list button');
        await items.nth(1).waitFor();
        await items.last().click();
        await page.locator('.revision-diff').waitFor();
        const diff = (await page.evaluate(`[...document.querySelectorAll('.revision-diff p.diff')].map((p) => [...p.childNodes].map((n) => [n.nodeName, n.textContent]))`)) as Array<Array<[string, string]>>;
        const side = (runs: Array<[string, string]>, drop: string) => runs.filter(([name]) => name !== drop).map(([, text]) => text).join('');
        const [title, lede, body] = diff;
        expect(diff).toHaveLength(3);
        expect(
          mismatches([
            [`diff title from ${a.id}`, side(title!, 'INS'), a.title],
            [`diff title to ${a.id}`, side(title!, 'DEL'), a.title2],
            [`diff lede from ${a.id}`, side(lede!, 'INS'), a.lede],
            [`diff lede to ${a.id}`, side(lede!, 'DEL'), a.lede2],
            [`diff body from ${a.id}`, side(body!, 'INS').split('\n')[0], a.payload.trim()],
            [`diff body to ${a.id}`, side(body!, 'DEL').split('\n')[0], a.payload2.trim()],
          ]),
        ).toEqual([]);
        figures.recordsChecked += 1;
        expect(await page.evaluate('typeof window.__xss'), `article ${a.id}`).toBe('undefined');
      }
    });
  }

  it('shows every article in the editor (fields, sections, tags, bylines, body) and its revisions diff literally, nothing run', async () => {
    await checkEditors(admin, articles);
  }, 600_000);

  it('shows the same to an editor', async () => {
    await checkEditors(editor, articles.filter((_, i) => i % 8 === 0));
  }, 300_000);

  it('shows every held comment in moderation with its name and article literally, its text and edit form unescaped once', async () => {
    // What the server stored (names lose invisible format characters such as U+FEFF on the way in).
    const storedNames = new Map<number, string>();
    const payloadOf = new Map<number, number>();
    for (let n = 1; ; n++) {
      const res = await call('GET', `/admin/api/comments?status=all&perPage=100&page=${n}`);
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json() as { items: Array<{ id: number; authorName: string; authorEmail: string; body: string }>; pages: number };
      for (const c of list.items) {
        storedNames.set(c.id, c.authorName);
        const i = /^r(\d+)@readers\.example$/.exec(c.authorEmail)?.[1];
        if (i !== undefined) payloadOf.set(c.id, Number(i));
      }
      if (n >= list.pages) break;
    }
    const titles = new Map(articles.map((a) => [a.title2, a]));
    await onScreen(admin, '/comments', async (page) => {
      await page.getByRole('tab').first().click();
      const seen = new Set<number>();
      const textProblems: string[] = [];
      for (let n = 1; ; n++) {
        await page.locator('.comment-item').first().waitFor();
        // The first number of "صفحة n من N" (not any digit in it: page 11 of 12 also contains "12").
        await page.waitForFunction(`((document.querySelector('.pager span')?.textContent ?? '').match(/\\d+/)?.[0] ?? '1') === '${n}'`);
        const items = (await page.evaluate(`[...document.querySelectorAll('.comment-item')].map((li) => ({
          id: Number(li.dataset.commentId),
          name: li.querySelector('.comment-head strong bdi').textContent,
          article: li.querySelector('.on-article bdi')?.textContent ?? null,
          text: li.querySelector('.comment-body').textContent,
          entities: (li.querySelector('.comment-body').textContent.match(/&(amp|lt|gt|quot|#\\d+|#x[0-9a-f]+);/gi) ?? []).length,
        }))`)) as Array<{ id: number; name: string; article: string | null; text: string; entities: number }>;
        for (const [index, item] of items.entries()) {
          const payload = usable[payloadOf.get(item.id)!]!;
          // Readers type text, not entities (sanitizeCommentHtml): an "&lt;" typed is shown as typed, so
          // the entities shown are at most the ones typed; one more is an escape applied twice.
          const typed = (payload.match(/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi) ?? []).length;
          expect(item.entities, `${payload} shown as ${item.text}`).toBeLessThanOrEqual(typed);
          // Without markup every character typed is shown as typed. (A tag the comment list does not
          // allow is shown as text without its attributes: sanitize-html's escape mode.)
          if (!payload.includes('<')) textProblems.push(...mismatches([[`text of comment ${item.id}`, squash(item.text), squash(`${payload} (${payloadOf.get(item.id)})`)]]));
          const storedName = storedNames.get(item.id)!;
          expect(mismatches([[`name of comment ${item.id}`, item.name, storedName]])).toEqual([]);
          const visible = (t: string) => t.replace(/[\p{Cf}\p{Cc}\s]/gu, '');
          expect(visible(storedName), 'only control, format and space characters change').toBe(visible(cut(payload, 200)));
          expect(titles.has(item.article ?? ''), `${item.article}`).toBe(true);
          seen.add(item.id);
          // The edit form (every fourth comment: each is a click): the name as stored, the text as shown.
          if (index % 4 !== 0) continue;
          const li = page.locator('.comment-item').nth(index);
          await li.locator('.actions .button-quiet').first().click();
          const form = (await page.evaluate(`(() => { const f = document.querySelectorAll('.comment-item')[${index}].querySelector('.inline-form'); return { name: f.querySelector('input').value, text: f.querySelector('textarea').value }; })()`)) as { name: string; text: string };
          expect(mismatches([[`edit name ${item.id}`, form.name, item.name], [`edit text ${item.id}`, squash(form.text), squash(item.text)]])).toEqual([]);
          await li.locator('.inline-form button[type=button]').click();
        }
        const next = page.locator('.pager button').last();
        if ((await page.locator('.pager').count()) === 0 || !(await next.isEnabled())) break;
        await next.click();
      }
      expect(textProblems).toEqual([]);
      figures.recordsChecked += seen.size;
      expect(seen.size).toBe(usable.length);
    });
  }, 600_000);

  it('shows every payload as a media alt text, caption and credit literally (rounds of 40 items)', async () => {
    const items = ((await call('GET', `/admin/api/media?perPage=${MEDIA_ITEMS}`)).json().items as Array<{ id: number }>).map((m) => m.id);
    expect(items).toHaveLength(MEDIA_ITEMS);
    await onScreen(admin, '/media', async (page, watch) => {
      for (let round = 0; round * MEDIA_ITEMS < usable.length; round++) {
        const expected = new Map<number, { alt: string; caption: string }>();
        for (const [k, id] of items.entries()) {
          const i = (round * MEDIA_ITEMS + k) % usable.length;
          const p = usable[i]!;
          // Every other item without a caption: the tile then shows the alt text.
          const caption = k % 2 === 0 ? cut(`${p} ${i}`, 2000) : '';
          const media = await created<{ alt: string; caption: string | null }>('PATCH', `/admin/api/media/${id}`, { alt: cut(`${p} ${i}`, 1000), caption, credit: cut(p, 300) }, 'media');
          expected.set(id, { alt: media.alt, caption: media.caption ?? '' });
          expect(media.alt).toBe(cut(`${p} ${i}`, 1000).normalize('NFC'));
        }
        await goInApp(page, '/');
        await goInApp(page, '/media');
        await page.waitForFunction(`[...document.querySelectorAll('.media-grid img')].some((img) => img.alt === ${JSON.stringify(expected.get(items[0]!)!.alt)})`);
        const tiles = (await page.evaluate(`[...document.querySelectorAll('.media-grid img')].map((img) => ({ src: img.getAttribute('src'), alt: img.alt, text: img.nextElementSibling.textContent }))`)) as Array<{ src: string; alt: string; text: string }>;
        const pairs: Array<[string, string, string]> = [];
        for (const tile of tiles) {
          const id = [...expected.keys()].find((k) => expected.get(k)!.alt === tile.alt);
          expect(id, tile.alt).toBeDefined();
          const e = expected.get(id!)!;
          pairs.push([`alt ${id}`, tile.alt, e.alt], [`tile text ${id}`, tile.text, e.caption || e.alt]);
        }
        expect(tiles).toHaveLength(MEDIA_ITEMS);
        expect(mismatches(pairs)).toEqual([]);
        figures.recordsChecked += tiles.length;
        await expectNothingRan(page, watch, `/media round ${round}`);
      }
    });
  }, 300_000);

  it('lists every invited user by name literally', async () => {
    const names = new Set(usable.map((p) => cut(p, 250)));
    await onScreen(admin, '/users', async (page) => {
      await page.locator('.data-table tbody tr').first().waitFor();
      const rows = (await page.evaluate(`[...document.querySelectorAll('.data-table tbody tr')].map((tr) => ({ name: tr.querySelector('bdi').textContent, label: tr.querySelector('select').getAttribute('aria-label') }))`)) as Array<{ name: string; label: string }>;
      const shown = new Set(rows.map((r) => r.name));
      expect([...names].filter((n) => !shown.has(n))).toEqual([]);
      for (const row of rows) expect(row.label.endsWith(`: ${row.name}`), row.label).toBe(true);
      figures.recordsChecked += rows.length;
      figures.textsCompared += names.size;
    });
  }, 120_000);

  it('shows every payload as the site name and tagline in the settings form literally', async () => {
    await onScreen(admin, '/settings', async (page, watch) => {
      for (let i = 0; i < usable.length; i += 2) {
        const name = cut(usable[i]!, 120);
        const tagline = cut(usable[i + 1] ?? usable[0]!, 240);
        const saved = await created<{ name: string; tagline: string }>('PATCH', '/admin/api/settings', { name, tagline }, 'settings');
        await goInApp(page, '/account');
        await goInApp(page, '/settings');
        await page.getByLabel('اسم الموقع', { exact: true }).waitFor();
        const shown = [await page.getByLabel('اسم الموقع', { exact: true }).inputValue(), await page.getByLabel('الشعار النصي', { exact: true }).inputValue()];
        expect(mismatches([[`site name ${i}`, shown[0], saved.name], [`tagline ${i}`, shown[1], saved.tagline]])).toEqual([]);
        expect(saved.name).toBe(name);
        figures.recordsChecked += 1;
        if (i % 40 === 0) await expectNothingRan(page, watch, `/settings ${i}`);
      }
    });
  }, 300_000);
});
