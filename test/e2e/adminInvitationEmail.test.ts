import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/access.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { openTestSite, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { mailTo, smtpUrlFor, startInbox, type Inbox } from '../support/smtpInbox.js';
import { browserSkipReason, launchBrowser, measureOverflow, openReaderPage, serveOnLoopback } from './browser.js';

const EMAIL = 'salma@example.ma';
const PASSWORD = 'كلمة-سر-طويلة-2026';

describe.skipIf(browserSkipReason !== null)(`the admin app invites by email when SMTP is configured${browserSkipReason !== null ? ` (${browserSkipReason})` : ''}`, () => {
  let inbox: Inbox;
  let site: TestSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    inbox = await startInbox();
    const now = () => new Date();
    site = await openTestSite({ now, demo: false, rateLimiter: memoryRateLimiter(now), overrides: { mail: { smtpUrl: smtpUrlFor(inbox.port), from: 'خبر <noreply@example.ma>' } } });
    await createUser({ store: site.khabar.store, passwords: createArgon2PasswordHasher() }, systemActor('test'), { email: EMAIL, displayName: 'سلمى بناني', role: 'admin', password: PASSWORD });
    base = await serveOnLoopback(site);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.dispose();
    await inbox?.close();
  });

  it('says to whom the invitation is being emailed, in Arabic, and keeps the link behind a disclosure', async () => {
    const { context, page, problems } = await openReaderPage(browser);
    try {
      await page.goto(`${base}/admin/`);
      await page.getByLabel('البريد الإلكتروني').fill(EMAIL);
      await page.getByLabel('كلمة المرور').fill(PASSWORD);
      await page.getByRole('button', { name: 'دخول' }).click();
      await page.getByRole('heading', { name: 'مرحباً، سلمى بناني' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'المستخدمون' }).click();
      await page.getByRole('heading', { name: 'المستخدمون' }).waitFor();
      await page.getByLabel('الاسم', { exact: true }).fill('عمر الإدريسي');
      await page.getByLabel('البريد الإلكتروني', { exact: true }).fill('omar@example.ma');
      await page.getByRole('button', { name: 'أنشئ الدعوة' }).click();

      const panel = page.locator('.invitation-link');
      await panel.getByText('تُرسَل دعوة عمر الإدريسي').waitFor();
      const address = panel.locator('bdi[dir="ltr"]');
      expect(await address.textContent()).toBe('omar@example.ma');
      const link = panel.locator('input');
      expect(await link.isVisible()).toBe(false);
      await panel.getByText('أو انسخ الرابط وسلّمه بنفسك').click();
      await link.waitFor({ state: 'visible' });

      const mail = await mailTo(inbox, 'omar@example.ma');
      expect(mail.subject).toBe('دعوة للانضمام إلى فريق خبر');
      expect(mail.text).toContain(await link.inputValue());
      expect(mail.text).toContain('دعاك \u2068سلمى بناني\u2069');
      expect(await measureOverflow(page)).toMatchObject({ offenders: [] });
      expect(problems.list.filter((p) => !(/401/.test(p) && /\/admin\/api\/session/.test(p)))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
