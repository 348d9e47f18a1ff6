import type { SiteBasics } from '../../../src/domain/siteBasics.js';
import { api } from './client.js';

/** Site settings as the admin edits them (GET/PATCH /settings, admins; README "Newsroom workflow"). */
export interface SiteSettings {
  name: string;
  tagline: string;
  timeZone: string;
  permalink: string;
  comments: { moderation: 'trust-returning' | 'hold-all' | 'open'; closeAfterDays: number | null };
}

export type { SiteBasics };

/** The site's basics every role may read (GET /site): publish times are typed in its time zone. */
export async function getSiteBasics(): Promise<SiteBasics> {
  return (await api<{ site: SiteBasics }>('GET', '/site')).site;
}

/** GET /settings answers `{ effective, settings, stored }` (`settings` = `effective`: stored values over the configuration). */
export async function getSettings(): Promise<SiteSettings> {
  return (await api<{ settings: SiteSettings }>('GET', '/settings')).settings;
}

/** PATCH /settings with only the fields this screen edits (the server merges `comments` field by field). */
export async function saveSettings(settings: Partial<SiteSettings>): Promise<SiteSettings> {
  const body: Record<string, unknown> = {};
  for (const key of ['name', 'tagline', 'timeZone', 'permalink'] as const) if (settings[key] !== undefined) body[key] = settings[key];
  if (settings.comments) body.comments = { moderation: settings.comments.moderation, closeAfterDays: settings.comments.closeAfterDays };
  return (await api<{ settings: SiteSettings }>('PATCH', '/settings', body)).settings;
}
