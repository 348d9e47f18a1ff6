import { describe, expect, it } from 'vitest';
import { renderInvitationEmail, type InvitationEmailInput } from '../../../src/operations/accounts/renderInvitationEmail.js';

const link = 'https://khabar.example/admin/invitation#tok_EN-123';
const base: InvitationEmailInput = {
  to: { name: 'سلمى <b>&"', address: 'salma@khabar.example' },
  role: 'author',
  invitedBy: 'ليلى <script>alert(1)</script>',
  link,
  expiresAt: new Date('2026-12-02T10:00:00.000Z'),
  site: { name: 'خبر & <شركاه>', locale: 'ar-MA', timeZone: 'Africa/Casablanca' },
};

describe('renderInvitationEmail', () => {
  it('writes Arabic, right to left, by default, with the link, the inviter, the site and the expiry', () => {
    const mail = renderInvitationEmail(base);
    expect(mail.language).toBe('ar');
    expect(mail.subject).toBe('دعوة للانضمام إلى فريق خبر & <شركاه>');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(mail.html).toContain('<body dir="rtl"');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.text).toContain('دعاك \u2068ليلى <script>alert(1)</script>\u2069 إلى الانضمام إلى فريق \u2068خبر & <شركاه>\u2069 بدور «كاتب».');
    // 10:00 UTC is 11:00 in Casablanca (UTC+1).
    expect(mail.text).toMatch(/2026/);
    expect(mail.text).toMatch(/11:00/);
  });

  it('escapes every value in the HTML part and loads nothing from elsewhere', () => {
    const { html } = renderInvitationEmail(base);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<bdi>ليلى &lt;script&gt;alert(1)&lt;/script&gt;</bdi>');
    expect(html).toContain('<bdi>سلمى &lt;b&gt;&amp;&quot;</bdi>');
    expect(html).toContain('<title>دعوة للانضمام إلى فريق خبر &amp; &lt;شركاه&gt;</title>');
    expect(html).not.toMatch(/<img|<link|<script|src=|url\(/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(hrefs)).toEqual(new Set([link]));
  });

  it('writes French or English when the site locale says so, left to right', () => {
    const fr = renderInvitationEmail({ ...base, site: { ...base.site, locale: 'fr-MA' } });
    expect(fr.language).toBe('fr');
    expect(fr.subject).toBe('Invitation à rejoindre l’équipe de خبر & <شركاه>');
    expect(fr.html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(fr.text).toContain('en tant que auteur');
    expect(fr.text).toMatch(/décembre 2026/);
    const en = renderInvitationEmail({ ...base, invitedBy: null, site: { ...base.site, locale: 'en-GB' } });
    expect(en.language).toBe('en');
    expect(en.text).toContain('You are invited to join the \u2068خبر & <شركاه>\u2069 team as an author.');
    expect(en.text).toMatch(/2 December 2026/);
    // Any other language falls back to Arabic.
    expect(renderInvitationEmail({ ...base, site: { ...base.site, locale: 'es-ES' } }).language).toBe('ar');
  });

  it('keeps the subject and the recipient name on one line', () => {
    const mail = renderInvitationEmail({ ...base, to: { name: 'x\r\nBcc: y@example.ma', address: 'x@khabar.example' }, site: { ...base.site, name: 'خبر\r\nBcc: z@example.ma' } });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.to.name).not.toMatch(/[\r\n]/);
  });
});
