import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/config/schema.js';
import { INVITATION_EMAIL_JOB } from '../../src/operations/accounts/invitationEmailJob.js';
import { callAs, ORIGIN, signIn, type AdminSession } from '../support/adminSessions.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { storeKinds, type TestStore } from '../support/stores.js';
import { mailTo, SMTP_PASS, SMTP_USER, smtpUrlFor, startInbox, type Inbox } from '../support/smtpInbox.js';
import { waitFor } from '../support/waitFor.js';

/** A TCP server that accepts connections and never says a word (a hung mail server). */
async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A site on a fresh store of `kind`, with a clock the tests move and one signed-in admin. */
function siteWith(kind: (typeof storeKinds)[number], overrides: () => ConfigInput) {
  const clock = { ms: TEST_NOW.getTime() };
  const now = () => new Date(clock.ms);
  const env = { clock, site: undefined as unknown as TestSite, admin: undefined as unknown as AdminSession };
  let handle: TestStore | undefined;
  beforeAll(async () => {
    handle = await kind.open({ now });
    env.site = await openTestSite({ store: handle.store, now, demo: false, rateLimiter: memoryRateLimiter(now), overrides: overrides() });
    env.admin = (await signIn(env.site.khabar, { Admin: 'admin' })).Admin;
  });
  afterAll(async () => {
    await env.site?.dispose();
    await handle?.dispose();
  });
  return env;
}

const inviteOf = (env: ReturnType<typeof siteWith>, email: string, name: string) =>
  callAs(env.site.khabar, env.admin, 'POST', '/admin/api/users', { email, name, role: 'author' });

/** The one-time link in the plain text part: the only line that starts with the admin's invitation URL. */
function linkIn(mail: ParsedMail): string {
  const line = (mail.text ?? '').split('\n').find((l) => l.startsWith(`${ORIGIN}/admin/invitation#`));
  if (!line) throw new Error(`no invitation link in:\n${mail.text}`);
  return line.trim();
}

for (const kind of storeKinds) describe.skipIf(!kind.available)(`invitations by email [${kind.name}]`, () => {
  describe('with SMTP configured', () => {
    let inbox: Inbox;
    // Registered first: the site's beforeAll needs the server's port.
    beforeAll(async () => {
      inbox = await startInbox();
    });
    const env = siteWith(kind, () => ({ site: { name: 'خبر المغرب' }, mail: { smtpUrl: smtpUrlFor(inbox.port), from: 'خبر <noreply@khabar.example>' } }));
    afterAll(() => inbox?.close());

    it('emails an Arabic, right-to-left invitation whose link signs the new user in', async () => {
      const res = await inviteOf(env, 'salma@khabar.example', 'سلمى <b>العلوي</b>');
      expect(res.statusCode, res.body).toBe(201);
      const { user, invitation } = res.json();
      expect(invitation.email).toEqual({ to: 'salma@khabar.example', jobId: expect.any(Number) });
      expect(invitation.link).toBe(`${ORIGIN}/admin/invitation#${invitation.token}`);

      const mail = await mailTo(inbox, 'salma@khabar.example');
      expect(inbox.logins).toContain(SMTP_USER);
      expect(mail.from?.value).toEqual([{ name: 'خبر', address: 'noreply@khabar.example' }]);
      expect(mail.subject).toBe('دعوة للانضمام إلى فريق خبر المغرب');
      expect(mail.headers.get('content-language')).toBe('ar');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
      expect(mail.html).toContain('<body dir="rtl"');
      // The name was escaped, not taken as markup; the inviter and the site are named.
      expect(mail.html).toContain('&lt;b&gt;العلوي&lt;/b&gt;');
      expect(mail.html).not.toContain('<b>');
      expect(mail.text).toContain('دعاك \u2068Admin الاسم\u2069 إلى الانضمام إلى فريق \u2068خبر المغرب\u2069 بدور «كاتب».');
      expect(mail.text).toMatch(/صالح حتى 2 دجنبر 2026/);
      expect(mail.attachments).toEqual([]);
      expect(mail.html).not.toMatch(/<img|src=/i);

      const link = linkIn(mail);
      expect(link).toBe(invitation.link);
      const token = new URL(link).hash.slice(1);
      const password = 'كلمة-سر-الدعوة-الطويلة';
      const accepted = await env.site.khabar.app.inject({ method: 'POST', url: `/admin/api/invitations/${token}`, headers: { origin: ORIGIN }, payload: { password } });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().user).toMatchObject({ id: user.id, canLogIn: true });
      const login = await env.site.khabar.app.inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email: 'salma@khabar.example', password } });
      expect(login.statusCode, login.body).toBe(200);

      const job = await waitFor(async () => {
        const j = await env.site.khabar.store.jobs.findById(invitation.email.jobId);
        return j?.state === 'done' ? j : null;
      }, 10_000, 'the email job done');
      expect(job).toMatchObject({ kind: INVITATION_EMAIL_JOB, attempts: 1, lastError: null });
    });

    it('does not mail an invitation again once it was used (a retry that comes late)', async () => {
      const res = await inviteOf(env, 'karim@khabar.example', 'كريم');
      const { invitation } = res.json();
      await mailTo(inbox, 'karim@khabar.example');
      const accepted = await env.site.khabar.app.inject({ method: 'POST', url: `/admin/api/invitations/${invitation.token}`, headers: { origin: ORIGIN }, payload: { password: 'كلمة-سر-طويلة-جدا' } });
      expect(accepted.statusCode).toBe(200);
      const jobs = env.site.khabar.store.jobs;
      const first = await jobs.findById(invitation.email.jobId);
      const again = await jobs.enqueue({ kind: INVITATION_EMAIL_JOB, payload: first!.payload, runAt: new Date(env.clock.ms) });
      const before = inbox.mails.length;
      await env.site.khabar.jobs.runDue();
      expect((await jobs.findById(again.id))?.state).toBe('done');
      expect(inbox.mails.length).toBe(before);
    });
  });

  describe('with the SMTP server hung, then down, then back', () => {
    let silent: { port: number; close(): Promise<void> };
    let inbox: Inbox | undefined;
    beforeAll(async () => {
      silent = await startSilentServer();
    });
    const env = siteWith(kind, () => ({ mail: { smtpUrl: smtpUrlFor(silent.port), from: 'noreply@khabar.example', attempts: 5, backoffMs: 60_000, timeoutMs: 1500 } }));
    afterAll(async () => {
      await silent?.close();
      await inbox?.close();
    });

    it('answers the admin at once, retries with backoff, and mails once the server is back', async () => {
      const res = await inviteOf(env, 'nadia@khabar.example', 'نادية');
      expect(res.statusCode, res.body).toBe(201);
      const { invitation } = res.json();
      expect(invitation.email).toEqual({ to: 'nadia@khabar.example', jobId: expect.any(Number) });
      const jobs = env.site.khabar.store.jobs;
      const id = invitation.email.jobId as number;
      // The answer came while the mail server was still silent: the attempt ends only after timeoutMs.
      const atAnswer = await jobs.findById(id);
      expect(atAnswer?.lastError).toBeNull();
      expect(['pending', 'running']).toContain(atAnswer?.state);

      // Hung: the greeting never comes; the attempt ends after timeoutMs and is retried later.
      await waitFor(async () => {
        const j = await jobs.findById(id);
        return j?.attempts === 1 && j.state === 'pending';
      }, 10_000, 'the first failed attempt');
      const hung = (await jobs.findById(id))!;
      expect(hung.lastError).toMatch(/^SMTP: .*(greeting|timeout)/i);
      expect(hung.lastError).not.toContain(SMTP_PASS);
      expect(hung.runAt.getTime()).toBeGreaterThan(env.clock.ms);

      // Down: nothing listens on the port any more.
      await silent.close();
      env.clock.ms = hung.runAt.getTime();
      await env.site.khabar.jobs.runDue();
      const down = await jobs.findById(id);
      expect(down).toMatchObject({ state: 'pending', attempts: 2 });
      expect(down!.lastError).toMatch(/ECONNREFUSED/);
      expect(down!.lastError).not.toContain(SMTP_PASS);

      // Back on the same port: the next attempt delivers.
      inbox = await startInbox(silent.port);
      env.clock.ms = down!.runAt.getTime();
      await env.site.khabar.jobs.runDue();
      const mail = await mailTo(inbox, 'nadia@khabar.example');
      expect(linkIn(mail)).toBe(invitation.link);
      expect(await jobs.findById(id)).toMatchObject({ state: 'done', attempts: 3 });
    });
  });

  describe('without SMTP', () => {
    const env = siteWith(kind, () => ({}));

    it('queues nothing and answers with the link to hand over', async () => {
      const res = await inviteOf(env, 'omar@khabar.example', 'عمر');
      expect(res.statusCode, res.body).toBe(201);
      const { invitation } = res.json();
      expect(invitation.email).toBeNull();
      expect(invitation.link).toBe(`${ORIGIN}/admin/invitation#${invitation.token}`);
      expect(await env.site.khabar.store.jobs.count({ kind: INVITATION_EMAIL_JOB })).toBe(0);
    });
  });
});
