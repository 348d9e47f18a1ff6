import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../admin/src/api/audit.js';
import { translate } from '../../../admin/src/i18n/catalogue.js';
import { auditLine } from '../../../admin/src/screens/auditText.js';
import { formatOnClock } from '../../../admin/src/ui/formatDate.js';
import { siteClock } from '../../../admin/src/ui/zonedInput.js';

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('ar', key, vars);
const list = (items: string[]) => new Intl.ListFormat('ar', { type: 'conjunction' }).format(items);
const labels = { users: { '7': 'سلمى بناني', '9': 'عمر' }, articles: { '12': 'افتتاح مهرجان الرباط' } };
const at = '2026-11-29T10:00:00.000Z';
const entry = (patch: Partial<AuditEntry>): AuditEntry => ({ id: 1, at, actorUserId: 7, actorLabel: 'user:7', action: 'article.publish', targetType: 'article', targetId: '12', details: {}, ...patch });

describe('audit log lines', () => {
  it('names the actor, translates the action and links the article while it exists', () => {
    expect(auditLine(entry({}), labels, t, (iso) => iso, list)).toEqual({ who: 'سلمى بناني', what: 'نشر مقال', item: { text: 'افتتاح مهرجان الرباط', to: '/articles/12' }, details: '' });
    const gone = auditLine(entry({ targetId: '40', actorUserId: 3, actorLabel: 'user:3', action: 'article.trash' }), labels, t, (iso) => iso, list);
    expect(gone).toMatchObject({ who: 'مستخدم محذوف (#3)', what: 'نقل مقال إلى المهملات', item: { text: '#40 (لم يعد موجوداً)', to: null } });
  });

  it('says what a role change, a settings change and the scheduler did', () => {
    const role = auditLine(entry({ action: 'user.role', targetType: 'user', targetId: '9', details: { from: 'author', to: 'editor' } }), labels, t, (iso) => iso, list);
    expect(role).toMatchObject({ what: 'تغيير دور مستخدم', item: { text: 'عمر', to: '/users' }, details: 'من «كاتب» إلى «محرر»' });
    const settings = auditLine(entry({ action: 'settings.update', targetType: 'settings', targetId: 'site', details: { changed: ['logoUrl', 'follow'], cleared: [] } }), labels, t, (iso) => iso, list);
    expect(settings).toMatchObject({ item: { to: '/settings' }, details: 'غُيّر: شعار الموقع (صورة) وروابط المتابعة' });
    const scheduler = auditLine(entry({ actorUserId: null, actorLabel: 'system:scheduler', details: { scheduled: true } }), labels, t, (iso) => iso, list);
    expect(scheduler).toMatchObject({ who: 'النظام (scheduler)', details: 'نُشر آلياً في موعده' });
    const scheduled = auditLine(entry({ action: 'article.schedule', details: { publishAt: '2026-12-01T08:00:00.000Z' } }), labels, t, (iso) => `<${iso}>`, list);
    expect(scheduled.details).toBe('موعد النشر: <2026-12-01T08:00:00.000Z>');
    const unknown = auditLine(entry({ action: 'media.purge', targetType: 'tag', targetId: '5', details: { name: 'رياضة' } }), labels, t, (iso) => iso, list);
    expect(unknown).toMatchObject({ what: 'media.purge', item: { text: 'وسم: رياضة', to: null } });
  });

  it("formats times on the site's clock from the server's offsets, not the browser's tz data", () => {
    const clock = siteClock('Africa/Casablanca', [{ at: '2026-01-01T00:00:00.000Z', minutes: 60 }]);
    expect(formatOnClock('2026-11-29T10:00:00.000Z', 'en-GB', clock)).toBe('29 Nov 2026, 11:00');
    expect(formatOnClock('not a date', 'en-GB', clock)).toBe('not a date');
  });
});
