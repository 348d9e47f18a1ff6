/**
 * The newsroom's settings, audit log and "someone else is editing" warning in Chromium, against a
 * real server on a real SQLite store: settings saved through the screen (logo from the library,
 * follow links, permalink structure, comment moderation) show on the public site; a refused value is
 * shown under its input; two signed-in users on one article see each other; a publish done through
 * the API is listed on the audit screen. Screenshots at 1280 and 390 px go to
 * test-results/screenshots/admin-{settings,audit}-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatOnClock } from '../../admin/src/ui/formatDate.js';
import { siteClock } from '../../admin/src/ui/zonedInput.js';
import { systemActor } from '../../src/domain/access.js';
import { createPermalink, encodePath } from '../../src/domain/permalink.js';
import type { Role } from '../../src/domain/user.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { callAs, signIn } from '../support/adminSessions.js';
import { openTestSite, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { browserSkipReason, dashboardShown, fullPageScreenshot, launchBrowser, measureOverflow, openReaderPage, serveOnLoopback, signInToAdmin, unexpectedAdminProblems, type PageProblems } from './browser.js';

const PASSWORD = 'كلمة-سر-طويلة-2026';
const ADMIN = { email: 'salma@example.ma', name: 'سلمى بناني' };
const EDITOR = { email: 'omar@example.ma', name: 'عمر الإدريسي' };

const unexpected = unexpectedAdminProblems;

/** Makes the page's tab hidden then visible again, as switching tabs does (the editor beats again at once). */
async function switchAwayAndBack(page: Page): Promise<void> {
  for (const state of ['hidden', 'visible']) {
    await page.evaluate((value) => {
      const doc = (globalThis as unknown as { document: object & { dispatchEvent(event: unknown): boolean } }).document;
      Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => value });
      doc.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('visibilitychange'));
    }, state);
  }
}

describe.skipIf(browserSkipReason !== null)(`the newsroom's settings, audit log and presence in Chromium${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`, () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    const now = () => new Date();
    site = await openTestSite({ now, rateLimiter: memoryRateLimiter(now) });
    const passwords = createArgon2PasswordHasher();
    for (const [who, role] of [[ADMIN, 'admin'], [EDITOR, 'editor']] as const satisfies readonly (readonly [typeof ADMIN, Role])[]) {
      await createUser({ store: site.khabar.store, passwords }, systemActor('test'), { email: who.email, displayName: who.name, role, password: PASSWORD });
    }
    base = await serveOnLoopback(site);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.dispose();
  });
  beforeEach(async () => {
    ({ context, page, problems } = await openReaderPage(browser, { viewport: { width: 1280, height: 900 } }));
  });
  afterEach(async () => {
    await context?.close();
  });

  const logIn = (on: Page, who: { email: string; name: string }) => signInToAdmin(on, base, { ...who, password: PASSWORD });

  it('saves the logo from the library, follow links, the permalink structure and comment moderation, and the public site shows them', async () => {
    const store = site.khabar.store;
    await logIn(page, ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    await page.getByRole('heading', { name: 'الإعدادات', exact: true }).waitFor();
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['ar', 'rtl']);
    for (const legend of ['الموقع', 'شعار الموقع (صورة)', 'روابط المتابعة', 'حسابات التواصل الاجتماعي', 'روابط المقالات', 'تعليقات القراء']) {
      await page.locator('legend', { hasText: legend }).first().waitFor();
    }

    // A follow link that is not a URL: refused by the server, shown under its input, nothing stored.
    const followBefore = (await store.settings.get<Record<string, unknown>>('site'))?.follow;
    const whatsapp = page.getByLabel('قناة واتساب');
    await whatsapp.fill('واتساب خبر');
    await page.getByRole('button', { name: 'حفظ', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'لم يُحفظ شيء: صحّح الحقل المعلَّم.' }).waitFor();
    await expect.poll(() => whatsapp.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await whatsapp.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('أدخل رابطاً كاملاً يبدأ بـ https://');
    expect(await page.evaluate('document.activeElement?.id')).toBe(await whatsapp.getAttribute('id'));
    expect((await store.settings.get<Record<string, unknown>>('site'))?.follow).toEqual(followBefore);

    // The logo: uploaded into the library from the picker, then chosen there; the preview shows it.
    await page.getByRole('button', { name: 'اختر من المكتبة' }).click();
    const png = await sharp({ create: { width: 480, height: 120, channels: 3, background: { r: 164, g: 22, b: 26 } } }).png().toBuffer();
    await page.locator('.settings-form input[type=file]').setInputFiles({ name: 'khabar-logo.png', mimeType: 'image/png', buffer: png });
    const uploaded = async () => (await store.media.list({}, { limit: 10, offset: 0 })).find((m) => m.originalName === 'khabar-logo.png');
    await expect.poll(uploaded).toBeDefined();
    const logo = await uploaded();
    const tile = page.locator('.settings-form .media-tile', { has: page.locator(`img[src*="${logo!.key.split('/').slice(0, -1).join('/')}/"]`) });
    await tile.click();
    const logoUrl = page.getByLabel('رابط صورة الشعار');
    await expect.poll(() => logoUrl.inputValue()).toMatch(new RegExp(`^/.*${logo!.key}$`));
    const chosenLogo = await logoUrl.inputValue();
    const preview = page.locator('.logo-preview img');
    await expect.poll(() => preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);

    await whatsapp.fill('https://whatsapp.com/channel/0029VaKhabar');
    // Editing the refused input takes its error away.
    expect(await whatsapp.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByText('لم يُحفظ شيء').count()).toBe(0);
    await page.getByLabel('أخبار Google').fill('https://news.google.com/publications/CAAqKhabar');
    await page.getByLabel('إكس').fill('https://x.com/khabar_ma');
    // An emptied account is removed (sent as null), not kept.
    expect(await page.getByLabel('فيسبوك').inputValue()).not.toBe('');
    await page.getByLabel('فيسبوك').fill('');

    // The permalink structure, with the example following every change.
    const example = page.getByTestId('permalink-example');
    await page.getByLabel('بنية جاهزة').selectOption('/%year%/%monthnum%/%day%/%postname%/');
    await expect.poll(() => example.textContent()).toMatch(new RegExp(`^${base}/\\d{4}/\\d{2}/\\d{2}/افتتاح-مهرجان-الرباط/$`));
    await page.getByLabel('بنية الروابط').fill('/%post_id%/%postname%');
    await expect.poll(() => example.textContent()).toBe(`${base}/1234/افتتاح-مهرجان-الرباط`);
    await page.getByLabel('بنية الروابط').fill('/news/');
    await page.getByText('بنية غير صالحة').first().waitFor();
    expect(await example.count()).toBe(0);
    await page.getByLabel('بنية جاهزة').selectOption('/%year%/%monthnum%/%day%/%postname%/');

    // Comment moderation options.
    await page.getByLabel('راجع كل تعليق قبل نشره').check();
    await page.getByLabel('أغلق التعليقات بعد (أيام من النشر)').fill('30');
    await page.getByLabel('عدد التعليقات في الصفحة').fill('20');
    await page.getByLabel('ترتيب التعليقات').selectOption('newest');
    await page.getByLabel('كلمات تُحيل التعليق إلى المراجعة').fill('كازينو\nربح سريع');
    await fullPageScreenshot(page, 'admin-settings-1280');

    await page.getByRole('button', { name: 'حفظ', exact: true }).click();
    await page.getByText('حُفظت الإعدادات.').waitFor();
    expect(await whatsapp.getAttribute('aria-invalid')).toBeNull();
    const stored = (await store.settings.get<Record<string, Record<string, unknown>>>('site'))!;
    expect(stored).toMatchObject({
      logoUrl: chosenLogo,
      permalink: '/%year%/%monthnum%/%day%/%postname%/',
      follow: { whatsapp: 'https://whatsapp.com/channel/0029VaKhabar', googleNews: 'https://news.google.com/publications/CAAqKhabar' },
      comments: { moderation: 'hold-all', closeAfterDays: 30, perPage: 20, order: 'newest', moderationWords: ['كازينو', 'ربح سريع'] },
    });
    expect(stored.social).toMatchObject({ x: 'https://x.com/khabar_ma', facebook: null });

    // The public site: the logo in the header, the follow-us links on an article at its new address.
    const [card] = await store.articles.listPublished({}, { limit: 1, offset: 0 });
    const permalink = createPermalink('/%year%/%monthnum%/%day%/%postname%/', 'Africa/Casablanca');
    const articlePath = encodePath(permalink.build({ id: card!.id, slug: card!.slug, publishedAt: card!.publishedAt!, categoryPath: '', authorSlug: '' }));
    const reader = await context.newPage();
    const response = await reader.goto(`${base}${articlePath}`);
    expect(response?.status()).toBe(200);
    const headerLogo = reader.locator('header img').first();
    expect(await headerLogo.getAttribute('src')).toBe(chosenLogo);
    await expect.poll(() => headerLogo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await reader.locator('a.follow-whatsapp').first().getAttribute('href')).toBe('https://whatsapp.com/channel/0029VaKhabar');
    expect(await reader.locator('a.follow-google-news').first().getAttribute('href')).toBe('https://news.google.com/publications/CAAqKhabar');
    await reader.close();

    // The same screen on a phone: nothing sticks out sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByLabel('قناة واتساب').waitFor();
    const overflow = await measureOverflow(page);
    expect(overflow.offenders).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(390);
    await fullPageScreenshot(page, 'admin-settings-390');
    // In French: left-to-right, every section and option translated, still no sideways scrolling.
    await page.getByLabel('اللغة').selectOption('fr');
    await page.getByRole('heading', { name: 'Réglages', exact: true }).waitFor();
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['fr', 'ltr']);
    expect(await page.getByLabel('Modérer chaque commentaire avant publication').isChecked()).toBe(true);
    expect(await page.getByLabel('Chaîne WhatsApp').inputValue()).toBe('https://whatsapp.com/channel/0029VaKhabar');
    const french = await measureOverflow(page);
    expect(french.offenders).toEqual([]);
    await fullPageScreenshot(page, 'admin-settings-fr-390');
    expect(unexpected(problems, [/HTTP 400: PATCH .*\/admin\/api\/settings$/, /status of 400 .*\/admin\/api\/settings\)$/])).toEqual([]);
  });

  it('warns a second editor, by name, that someone else has the article open — and stops once they leave', async () => {
    const sessions = await signIn(site.khabar, { writer: 'editor' });
    const created = await callAs(site.khabar, sessions.writer, 'POST', '/admin/api/articles', { title: 'مقال يحرره اثنان' });
    const articleId = created.json().article.id as number;
    await logIn(page, ADMIN);
    await page.goto(`${base}/admin/articles/${articleId}`);
    await page.getByRole('heading', { name: /تحرير المقال/ }).waitFor();
    await page.getByLabel('العنوان').waitFor();
    // Alone on it: no warning.
    expect(await page.locator('.others-editing').count()).toBe(0);

    const omarContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar-MA', timezoneId: 'Africa/Casablanca' });
    try {
      const omar = await omarContext.newPage();
      omar.setDefaultTimeout(8000);
      await logIn(omar, EDITOR);
      await omar.goto(`${base}/admin/articles/${articleId}`);
      const warning = omar.getByRole('alert').filter({ hasText: 'تنبيه: هذا المقال مفتوح للتحرير الآن عند:' });
      await warning.waitFor();
      expect(await warning.textContent()).toContain(ADMIN.name);
      await fullPageScreenshot(omar, 'admin-editor-someone-else-1280');

      // Salma's editor beats again when her tab comes back to the front, and names Omar.
      await switchAwayAndBack(page);
      await expect.poll(() => page.locator('.others-editing').textContent()).toContain(EDITOR.name);

      // Omar closes the editor: Salma's next beat no longer names him.
      // The dashboard's data is awaited too: the goto below would otherwise abort its requests in flight.
      await omar.getByRole('navigation').getByRole('link', { name: 'لوحة القيادة' }).click();
      await dashboardShown(omar, EDITOR.name);
      await expect.poll(async () => (await site.khabar.store.presence.list(articleId)).map((p) => p.userId).length).toBe(1);
      await switchAwayAndBack(page);
      await expect.poll(() => page.locator('.others-editing').count()).toBe(0);

      // Omar opens it again, then closes the tab (the page goes away without leaving the editor first).
      await omar.goto(`${base}/admin/articles/${articleId}`);
      await warning.waitFor();
      await expect.poll(async () => (await site.khabar.store.presence.list(articleId)).length).toBe(2);
      await omar.close({ runBeforeUnload: true });
      await expect.poll(async () => (await site.khabar.store.presence.list(articleId)).map((p) => p.userId).length).toBe(1);
      await switchAwayAndBack(page);
      await expect.poll(() => page.locator('.others-editing').count()).toBe(0);
    } finally {
      await omarContext.close();
    }
    expect(unexpected(problems)).toEqual([]);
  });

  it('lists a publish done through the API on the audit screen: who, what, a link to the article, when in the site zone', async () => {
    const sessions = await signIn(site.khabar, { reporter: 'editor' });
    const created = await callAs(site.khabar, sessions.reporter, 'POST', '/admin/api/articles', { title: 'مقال للتدقيق في السجل' });
    const article = created.json().article as { id: number; version: number };
    const published = await callAs(site.khabar, sessions.reporter, 'POST', `/admin/api/articles/${article.id}/publish`, { version: article.version });
    expect(published.statusCode).toBe(200);
    const [entry] = await site.khabar.store.audit.list({ action: 'article.publish', targetId: String(article.id) }, { limit: 1, offset: 0 });

    await logIn(page, ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'سجل التدقيق' }).click();
    await page.getByRole('heading', { name: 'سجل التدقيق' }).waitFor();
    await page.getByLabel('الإجراء').selectOption('article.publish');
    await page.getByLabel(/^المستخدم/).selectOption({ label: 'reporter الاسم' });
    await page.getByRole('button', { name: 'اعرض' }).click();
    // The entry is also on the unfiltered first page: wait for the filtered list (one row), not for
    // the entry alone, which the table shows before and empties while it reloads.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    const row = page.locator(`tr[data-audit-id="${entry!.id}"]`);
    await row.waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    const basics = (await callAs(site.khabar, sessions.reporter, 'GET', '/admin/api/site')).json().site;
    expect(cells.slice(1, 4)).toEqual(['reporter الاسم', 'نشر مقال', 'مقال للتدقيق في السجل']);
    expect(cells[0]).toBe(formatOnClock(entry!.at.toISOString(), 'ar-MA', siteClock(basics.timeZone, basics.offsets)));
    await page.getByText('الأوقات بتوقيت Africa/Casablanca.').waitFor();
    await fullPageScreenshot(page, 'admin-audit-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await measureOverflow(page);
    expect(overflow.offenders).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(390);
    await fullPageScreenshot(page, 'admin-audit-390');

    // The item links to the article's editor.
    await row.getByRole('link', { name: 'مقال للتدقيق في السجل' }).click();
    await expect.poll(() => page.evaluate('location.pathname')).toBe(`/admin/articles/${article.id}`);
    await page.getByRole('heading', { name: /تحرير المقال/ }).waitFor();
    expect(unexpected(problems)).toEqual([]);
  });
});
