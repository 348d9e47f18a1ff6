/**
 * The admin's Import screen in Chromium (issue #7), against a real server on a real SQLite store:
 * an admin uploads a small real WordPress export from ../shared/data/wxr/, the job runs, the
 * report appears (counts per kind, the URL list to download), then a malformed export shows its
 * error in Arabic with the line, the column and the stable code. Screenshots at 1280 px go to
 * test-results/screenshots/admin-import-*.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/access.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { openTestSite, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { browserSkipReason, fullPageScreenshot, launchBrowser, measureOverflow, openReaderPage, serveOnLoopback, signInToAdmin, unexpectedAdminProblems, type PageProblems } from './browser.js';

const EMAIL = 'salma@example.ma';
const PASSWORD = 'كلمة-سر-طويلة-2026';
const phpunit = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'wxr', 'wordpress-importer', 'phpunit', 'data');
const SMALL = path.join(phpunit, 'small-export.xml');
const MALFORMED = path.join(phpunit, 'malformed-simple.xml');
const haveData = existsSync(SMALL) && existsSync(MALFORMED);

describe.skipIf(browserSkipReason !== null || !haveData)('the Import screen in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    const now = () => new Date();
    site = await openTestSite({ now, demo: false, rateLimiter: memoryRateLimiter(now) });
    await createUser({ store: site.khabar.store, passwords: createArgon2PasswordHasher() }, systemActor('test'), { email: EMAIL, displayName: 'سلمى بناني', role: 'admin', password: PASSWORD });
    base = await serveOnLoopback(site);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.dispose();
  });
  beforeEach(async () => {
    ({ context, page, problems } = await openReaderPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true, timeout: 15_000 }));
  });
  afterEach(async () => {
    await context?.close();
  });

  async function openImportScreen() {
    await signInToAdmin(page, base, { email: EMAIL, password: PASSWORD, name: 'سلمى بناني' });
    await page.getByRole('navigation').getByRole('link', { name: 'الاستيراد' }).click();
    await page.getByRole('heading', { name: 'الاستيراد من ووردبريس' }).waitFor();
  }
  const unexpected = () => unexpectedAdminProblems(problems);

  it('uploads a real export, shows the report with counts per kind, and downloads the old → new URL list', async () => {
    await openImportScreen();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await page.getByLabel('ملف التصدير (WXR)').setInputFiles(SMALL);
    await page.getByRole('button', { name: 'ابدأ الاستيراد' }).click();
    await page.getByText('انتهى الاستيراد.').waitFor({ timeout: 60_000 });
    const articlesRow = page.getByRole('row', { name: /المقالات/ });
    expect(await articlesRow.locator('td').allInnerTexts()).toEqual(['6', '0', '0', '0']);
    expect(await page.getByRole('row', { name: /الصفحات/ }).locator('td').first().innerText()).toBe('5');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /نزّل قائمة الروابط/ }).click()]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { urls: Array<{ from: string; to: string | null; status: number }>; urlCount: number };
    expect(report.urls.length).toBe(report.urlCount);
    expect(report.urls.length).toBeGreaterThan(6);
    expect(await site.khabar.store.articles.countForAdmin({})).toBe(6);
    expect(await measureOverflow(page)).toMatchObject({ offenders: [] });
    await fullPageScreenshot(page, 'admin-import-1280');
    expect(unexpected()).toEqual([]);
  });

  it('cancels an import that has not started yet: the run shows as cancelled, with what it means', async () => {
    // A run whose job has not started (none is queued for it): it stays queued until cancelled.
    const run = await site.khabar.store.importRuns.create(
      { sourceKind: 'wordpress', fileName: 'أرشيف-2019.xml', uploadPath: path.join(site.dataDir, 'imports', 'upload-never.xml'), sizeBytes: 1, dryRun: false, requestedBy: null },
      { phase: 'waiting', done: 0, total: null, counts: {} },
    );
    await openImportScreen();
    await page.getByRole('heading', { name: new RegExp(`الاستيراد رقم ${run.id}`) }).first().waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'إلغاء الاستيراد' }).click();
    await page.getByText('أُلغي الاستيراد قبل أن يُكتب أي شيء.').waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('أُلغي');
    expect(await page.getByRole('button', { name: 'إلغاء الاستيراد' }).count()).toBe(0);
    expect((await site.khabar.store.importRuns.findById(run.id))?.state).toBe('cancelled');
    await fullPageScreenshot(page, 'admin-import-cancelled-1280');
    expect(unexpected()).toEqual([]);
  });

  it('at 390 px, a running import asked to stop shows it, and its counts table scrolls inside its box (the page does not)', async () => {
    // A run shown as another node would leave it: running, asked to stop, counts so far (no job here).
    const run = await site.khabar.store.importRuns.create(
      { sourceKind: 'wordpress', fileName: 'أرشيف-2018.xml', uploadPath: path.join(site.dataDir, 'imports', 'upload-never.xml'), sizeBytes: 1, dryRun: false, requestedBy: null },
      { phase: 'waiting', done: 0, total: null, counts: {} },
    );
    const counts = { articles: { created: 1100, updated: 0, skipped: 0, failed: 0 }, comments: { created: 640, updated: 0, skipped: 12, failed: 0 } };
    await site.khabar.store.importRuns.update(run.id, { state: 'running', cancelRequestedAt: new Date(), progress: { phase: 'import', done: 1200, total: 5000, counts } });
    await page.setViewportSize({ width: 390, height: 844 });
    await openImportScreen();
    await page.getByText('يتوقف بعد الدفعة الجارية').waitFor();
    expect(await page.getByRole('button', { name: 'إلغاء الاستيراد' }).count()).toBe(0);
    expect(await page.getByRole('row', { name: /المقالات/ }).locator('td').allInnerTexts()).toEqual(['1100', '0', '0', '0']);
    expect(await measureOverflow(page)).toMatchObject({ offenders: [] });
    // The file name reads as typed, left to right: the bidi algorithm must not move ".xml" before the Arabic word.
    const order = await page.locator('.import-run h2 bdi').evaluate((el) => {
      const text = el.firstChild as Text;
      const rectOf = (part: string): DOMRect => {
        const range = document.createRange();
        const at = text.data.indexOf(part);
        range.setStart(text, at);
        range.setEnd(text, at + part.length);
        return range.getBoundingClientRect();
      };
      const word = rectOf('أرشيف');
      const extension = rectOf('.xml');
      return { text: text.data, extensionAfterWord: extension.left >= word.right - 1 };
    });
    expect(order).toEqual({ text: 'أرشيف-2018.xml', extensionAfterWord: true });
    await fullPageScreenshot(page, 'admin-import-stopping-390');
    await site.khabar.store.importRuns.update(run.id, { state: 'cancelled', finishedAt: new Date() });
    expect(unexpected()).toEqual([]);
  });

  it('shows a malformed export\'s error in Arabic with its line, column and stable code', async () => {
    await openImportScreen();
    await page.getByLabel('ملف التصدير (WXR)').setInputFiles(MALFORMED);
    await page.getByRole('button', { name: 'ابدأ الاستيراد' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'WXR_MALFORMED' });
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.innerText();
    expect(text).toContain('ملف التصدير ليس XML سليماً');
    expect(text).toMatch(/السطر \d+، العمود \d+/);
    await fullPageScreenshot(page, 'admin-import-malformed-1280');
    expect(unexpected()).toEqual([]);
  });
});
