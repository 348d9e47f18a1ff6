import type { Role } from '../../domain/user.js';
import type { MailMessage } from '../../mail/Mailer.js';
import { invitationEmailText, mailLanguageOf } from './invitationEmailText.js';

export interface InvitationEmailInput {
  to: { name: string; address: string };
  role: Role;
  /** Display name of the admin who invited; null for the operator (CLI). */
  invitedBy: string | null;
  link: string;
  expiresAt: Date;
  site: { name: string; locale: string; timeZone: string };
}

/** First strong isolate … pop: a name of the other direction cannot reorder the plain-text sentence. */
const isolate = (text: string) => `\u2068${text}\u2069`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** In the site's locale and time zone, with the zone named; a stored setting Intl refuses falls back to UTC. */
function formatExpiry(at: Date, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone };
  try {
    return new Intl.DateTimeFormat(locale, options).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(at);
  }
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match);
}

/**
 * The invitation email in the site's language (Arabic unless the site's locale is French or
 * English): a right-to-left HTML part and a plain text part with the one-time link, who invited,
 * the site's name and the link's expiry. Every value is escaped; no image, no remote resource, no
 * tracking parameter — the only link is the invitation.
 *
 * @example renderInvitationEmail({ to: { name: 'سلمى', address: 'salma@example.ma' }, role: 'author', invitedBy: 'ليلى', link, expiresAt, site })
 */
export function renderInvitationEmail(input: InvitationEmailInput): MailMessage {
  const lang = mailLanguageOf(input.site.locale);
  const t = invitationEmailText[lang];
  const date = formatExpiry(input.expiresAt, input.site.locale.toLowerCase().startsWith(lang) ? input.site.locale : t.locale, input.site.timeZone);
  const oneLine = (text: string) => text.replace(/[\r\n]/g, ' ');
  const raw = { site: input.site.name, name: input.to.name, inviter: input.invitedBy ?? '', role: t.roles[input.role], date };
  const text = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, k === 'date' || k === 'role' ? v : isolate(v)]));
  const html = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, k === 'date' || k === 'role' ? escapeHtml(v) : `<bdi>${escapeHtml(v)}</bdi>`]));
  const invited = input.invitedBy ? t.invitedBy : t.invited;
  const subject = oneLine(fill(t.subject, raw));
  const align = t.dir === 'rtl' ? 'right' : 'left';
  const link = escapeHtml(input.link);
  const small = 'color:#555;font-size:13px';
  return {
    to: { name: oneLine(input.to.name), address: input.to.address },
    subject,
    language: lang,
    text: [fill(t.greeting, text), '', fill(invited, text), '', fill(t.action, text), '', input.link, '', fill(t.ignore, text), '', `— ${isolate(input.site.name)}`, ''].join('\n'),
    html: `<!doctype html>
<html lang="${lang}" dir="${t.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body dir="${t.dir}" style="margin:0;padding:24px 12px;background:#f4f4f4;color:#1a1a1a;font-family:Tahoma,Arial,sans-serif;font-size:16px;line-height:1.7;text-align:${align}">
<div dir="${t.dir}" style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">
<p>${fill(t.greeting, html)}</p>
<p>${fill(invited, html)}</p>
<p>${fill(t.action, html)}</p>
<p><a href="${link}" style="display:inline-block;padding:10px 20px;background:#0b5d3b;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(t.button)}</a></p>
<p dir="ltr" style="text-align:left;word-break:break-all;${small}"><a href="${link}" style="color:#0b5d3b">${link}</a></p>
<p style="${small}">${fill(t.ignore, html)}</p>
<p style="${small}">— ${html.site}</p>
</div>
</body>
</html>
`,
  };
}
