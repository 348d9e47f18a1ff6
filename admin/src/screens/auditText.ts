import type { AuditEntry, AuditPage } from '../api/audit.js';
import type { MessageKey } from '../i18n/catalogue.js';
import type { I18n } from '../i18n/I18n.js';

/** One audit line as the screen says it: who, what, which item (with an in-app link when it still exists), details. */
export interface AuditLine {
  who: string;
  what: string;
  item: { text: string; to: string | null };
  details: string;
}

/** The settings' names as the settings screen labels them (what a `settings.update` line changed). */
const SETTING_LABELS: Record<string, MessageKey> = {
  name: 'settings.siteName',
  tagline: 'settings.tagline',
  timeZone: 'settings.timeZone',
  permalink: 'settings.permalink',
  logoUrl: 'settings.logo',
  follow: 'settings.section.follow',
  social: 'settings.section.social',
  comments: 'settings.section.comments',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What `key` says in this language, or `fallback` when the catalogue has no such key. */
function known(t: I18n['t'], key: string, fallback: string): string {
  const said = t(key as MessageKey);
  return said === key ? fallback : said;
}

export function auditLine(entry: AuditEntry, labels: AuditPage['labels'], t: I18n['t'], formatTime: (iso: string) => string, listFormat: (items: string[]) => string): AuditLine {
  let who: string;
  if (entry.actorUserId !== null) who = labels.users[String(entry.actorUserId)] ?? t('audit.goneUser', { id: entry.actorUserId });
  else who = t('audit.system', { name: entry.actorLabel.replace(/^system:/, '') });

  const what = known(t, `audit.action.${entry.action}`, entry.action);
  const kind = known(t, `audit.target.${entry.targetType}`, entry.targetType);
  const id = entry.targetId;
  const named = text(entry.details.name);
  let item: AuditLine['item'];
  if (entry.targetType === 'article' && id !== null) {
    const title = labels.articles[id];
    item = title !== undefined ? { text: title || `#${id}`, to: `/articles/${id}` } : { text: t('audit.gone', { id }), to: null };
  } else if (entry.targetType === 'user' && id !== null) {
    const name = labels.users[id];
    item = name !== undefined ? { text: name, to: '/users' } : { text: t('audit.gone', { id }), to: null };
  } else if (entry.targetType === 'settings') {
    item = { text: kind, to: '/settings' };
  } else {
    item = { text: `${kind}: ${named ?? (id !== null ? `#${id}` : '')}`, to: null };
  }

  const details: string[] = [];
  const d = entry.details;
  if (entry.action === 'user.role' && text(d.from) && text(d.to)) {
    details.push(t('audit.detail.role', { from: known(t, `role.${String(d.from)}`, String(d.from)), to: known(t, `role.${String(d.to)}`, String(d.to)) }));
  }
  const settingNames = (value: unknown) => (Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string').map((k) => (SETTING_LABELS[k] ? t(SETTING_LABELS[k]) : k)) : []);
  const changed = settingNames(d.changed);
  if (changed.length > 0) details.push(t('audit.detail.changed', { fields: listFormat(changed) }));
  const cleared = settingNames(d.cleared);
  if (cleared.length > 0) details.push(t('audit.detail.cleared', { fields: listFormat(cleared) }));
  if (text(d.publishAt)) details.push(t('audit.detail.publishAt', { date: formatTime(String(d.publishAt)) }));
  if (d.scheduled === true) details.push(t('audit.detail.scheduled'));
  return { who, what, item, details: details.join(' · ') };
}
