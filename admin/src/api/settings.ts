import type { SiteBasics } from '../../../src/domain/siteBasics.js';
import { api } from './client.js';

export const SOCIAL_NETWORKS = ['facebook', 'x', 'instagram', 'youtube', 'telegram', 'tiktok'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const MODERATION_MODES = ['trust-returning', 'hold-all', 'open'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

/** How reader comments are moderated and shown (the server's `site.comments`). */
export interface CommentSettings {
  moderation: ModerationMode;
  /** Comments close this many days after publication; null: never. */
  closeAfterDays: number | null;
  maxDepth: number;
  perPage: number;
  order: 'oldest' | 'newest';
  maxLinks: number;
  disallowedWords: string[];
  moderationWords: string[];
}

/** Site settings as the admin edits them (GET/PATCH /settings, admins; README "Newsroom workflow"). */
export interface SiteSettings {
  name: string;
  tagline: string;
  timeZone: string;
  permalink: string;
  logoUrl: string | null;
  follow: { whatsapp: string | null; googleNews: string | null };
  social: Record<SocialNetwork, string | null>;
  comments: CommentSettings;
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

const TOP_LEVEL = ['name', 'tagline', 'timeZone', 'permalink', 'logoUrl', 'follow', 'social', 'comments'] as const;

/**
 * PATCH /settings with the fields given (the server merges `follow`, `social` and `comments` field
 * by field). Values are sent as they are: the server validates and answers INVALID_INPUT with
 * `field` the setting's path (`follow.whatsapp`), which the screen shows next to that input.
 */
export async function saveSettings(settings: { [K in keyof SiteSettings]?: unknown }): Promise<SiteSettings> {
  const body: Record<string, unknown> = {};
  for (const key of TOP_LEVEL) if (settings[key] !== undefined) body[key] = settings[key];
  return (await api<{ settings: SiteSettings }>('PATCH', '/settings', body)).settings;
}
