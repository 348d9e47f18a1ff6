import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../../admin/src/api/settings.js';
import { settingsFieldError } from '../../../admin/src/screens/settingsErrors.js';
import { changedSettings, formValueAt, permalinkExample, settingsForm, settingsPatch, wholeNumberOf } from '../../../admin/src/screens/settingsForm.js';
import { siteSettingsSchema } from '../../../src/operations/site/siteSettings.js';

const settings: SiteSettings = {
  name: 'خبر',
  tagline: 'أخبار المغرب',
  timeZone: 'Africa/Casablanca',
  permalink: '/%year%/%monthnum%/%postname%/',
  logoUrl: null,
  follow: { whatsapp: 'https://whatsapp.com/channel/khabar', googleNews: null },
  social: { facebook: null, x: 'https://x.com/khabar', instagram: null, youtube: null, telegram: null, tiktok: null },
  comments: { moderation: 'trust-returning', closeAfterDays: null, maxDepth: 5, perPage: 50, order: 'oldest', maxLinks: 2, disallowedWords: [], moderationWords: ['كازينو', 'ربح سريع'] },
};

describe('the settings form', () => {
  it('round-trips the settings, sending empty links and logo as null and an empty closing delay as never', () => {
    const patch = settingsPatch(settingsForm(settings));
    expect(patch).toEqual({ ...settings });
    // What the screen sends is what the server's schema accepts.
    expect(siteSettingsSchema.safeParse(patch).success).toBe(true);
  });

  it('reads numbers typed in Arabic-Indic digits and sends anything else as typed, for the server to refuse', () => {
    const form = { ...settingsForm(settings), closeAfterDays: '٣٠', perPage: ' 25 ', maxLinks: 'ثلاثة', moderationWords: 'كازينو\n\n  ربح سريع \nكازينو', whatsapp: '  ', logoUrl: ' /media/logo.png ' };
    const patch = settingsPatch(form) as { comments: Record<string, unknown>; follow: Record<string, unknown>; logoUrl: unknown };
    expect(patch.comments).toMatchObject({ closeAfterDays: 30, perPage: 25, maxLinks: 'ثلاثة', moderationWords: ['كازينو', 'ربح سريع'] });
    expect(patch.follow.whatsapp).toBeNull();
    expect(patch.logoUrl).toBe('/media/logo.png');
    expect(wholeNumberOf('12a')).toBe('12a');
    expect(wholeNumberOf('۷')).toBe(7);
  });

  it('sends only the settings that changed, nested ones key by key', () => {
    const before = settingsForm(settings);
    const after = { ...before, tagline: 'جديد', whatsapp: '', social: { ...before.social, tiktok: 'https://tiktok.com/@khabar' }, perPage: '20' };
    expect(changedSettings(settingsPatch(after), settingsPatch(before))).toEqual({
      tagline: 'جديد',
      follow: { whatsapp: null },
      social: { tiktok: 'https://tiktok.com/@khabar' },
      comments: { perPage: 20 },
    });
    expect(changedSettings(settingsPatch(before), settingsPatch(before))).toEqual({});
  });

  it('shows an example article URL for a valid structure only', () => {
    const example = { id: 1234, slug: 'افتتاح-مهرجان-الرباط', publishedAt: new Date('2026-11-29T23:30:00Z'), categoryPath: 'ثقافة', authorSlug: 'salma' };
    // 23:30 UTC is already 30 November in Casablanca (UTC+1).
    expect(permalinkExample('/%year%/%monthnum%/%day%/%postname%/', 'Africa/Casablanca', example)).toBe('/2026/11/30/افتتاح-مهرجان-الرباط/');
    expect(permalinkExample('/%category%/%post_id%.html', 'Africa/Casablanca', example)).toBe('/ثقافة/1234.html');
    expect(permalinkExample('/news/%year%/', 'Africa/Casablanca', example)).toBeNull();
    expect(permalinkExample('/%postname%/', 'Mars/Olympus_Mons', example)).toBeNull();
  });

  it("puts the API's INVALID_INPUT field under the right input, with a message about that kind of value", () => {
    expect(settingsFieldError('follow.whatsapp')).toEqual({ field: 'follow.whatsapp', key: 'settings.error.url' });
    expect(settingsFieldError('social.tiktok')).toEqual({ field: 'social.tiktok', key: 'settings.error.url' });
    expect(settingsFieldError('comments.perPage')).toEqual({ field: 'comments.perPage', key: 'settings.error.number', vars: { min: 5, max: 500 } });
    expect(settingsFieldError('comments.moderationWords.3')).toEqual({ field: 'comments.moderationWords', key: 'settings.error.words' });
    expect(settingsFieldError('permalink')?.key).toBe('settings.permalinkInvalid');
    expect(settingsFieldError('timeZone')?.key).toBe('settings.error.timeZone');
    expect(settingsFieldError('colour')).toBeNull();
    expect(settingsFieldError(undefined)).toBeNull();
    // The screen keeps the error until the input at that path changes.
    const form = settingsForm(settings);
    expect(['follow.whatsapp', 'social.x', 'comments.perPage', 'comments.moderationWords', 'name', 'colour'].map((path) => formValueAt(form, path))).toEqual([
      'https://whatsapp.com/channel/khabar',
      'https://x.com/khabar',
      '50',
      'كازينو\nربح سريع',
      'خبر',
      undefined,
    ]);
  });
});
