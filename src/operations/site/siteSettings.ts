import { z } from 'zod';
import { httpUrl, imageUrl } from '../../config/urlSchemas.js';
import type { ResolvedConfig } from '../../config/loadConfig.js';
import { isValidPermalinkStructure } from '../../domain/permalink.js';
import type { SettingsRepository } from '../../store/ports.js';
import { versioned } from './versioned.js';

/** Site settings editors may change at run time (stored under the `site` key); config gives defaults. */
export interface SiteSettings {
  name: string;
  tagline: string;
  locale: string;
  timeZone: string;
  permalink: string;
  logoUrl: string | null;
  perPage: number;
  follow: { whatsapp: string | null; googleNews: string | null };
  social: Record<'facebook' | 'x' | 'instagram' | 'youtube' | 'telegram' | 'tiktok', string | null>;
  comments: CommentSettings;
}

/** How reader comments are moderated and shown (config `site.comments`, overridable in the store). */
export type CommentSettings = ResolvedConfig['site']['comments'];

const url = httpUrl.nullable();

/** An IANA zone this runtime knows (an unknown one would break every date readers see). */
const timeZone = z
  .string()
  .min(1)
  .refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone, e.g. Africa/Casablanca');

/** What the store may hold (also what the settings API accepts); anything invalid there is ignored field by field, never fatal for readers. */
export const siteSettingsSchema = z
  .object({
    name: z.string().min(1).max(120),
    tagline: z.string().max(240),
    locale: z.string().min(2),
    timeZone,
    permalink: z.string().refine(isValidPermalinkStructure),
    logoUrl: imageUrl.nullable(),
    perPage: z.number().int().min(1).max(100),
    follow: z.object({ whatsapp: url, googleNews: url }).partial(),
    social: z
      .object({ facebook: url, x: url, instagram: url, youtube: url, telegram: url, tiktok: url })
      .partial(),
    comments: z
      .object({
        moderation: z.enum(['hold-all', 'trust-returning', 'open']),
        closeAfterDays: z.number().int().min(1).max(36500).nullable(),
        maxDepth: z.number().int().min(1).max(10),
        perPage: z.number().int().min(5).max(500),
        order: z.enum(['oldest', 'newest']),
        maxLinks: z.number().int().min(0).max(100),
        disallowedWords: z.array(z.string().min(1).max(100)).max(5000),
        moderationWords: z.array(z.string().min(1).max(100)).max(5000),
      })
      .partial(),
  })
  .partial();

export const SITE_SETTINGS_KEY = 'site';

/** Merges stored settings over the configuration, keeping only valid stored fields. */
export function mergeSiteSettings(config: ResolvedConfig['site'], stored: unknown): SiteSettings {
  const base: SiteSettings = {
    name: config.name,
    tagline: config.tagline,
    locale: config.locale,
    timeZone: config.timeZone,
    permalink: config.permalink,
    logoUrl: config.logoUrl,
    perPage: config.perPage,
    follow: { ...config.follow },
    social: { ...config.social },
    comments: { ...config.comments },
  };
  if (typeof stored !== 'object' || stored === null) return base;
  const out: SiteSettings = { ...base, follow: { ...base.follow }, social: { ...base.social }, comments: { ...base.comments } };
  for (const [key, value] of Object.entries(stored)) {
    const field = siteSettingsSchema.shape[key as keyof typeof siteSettingsSchema.shape];
    if (!field) continue;
    const parsed = field.safeParse(value);
    if (!parsed.success || parsed.data === undefined) continue;
    if (key === 'follow' || key === 'social' || key === 'comments') Object.assign(out[key], parsed.data);
    else (out as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

export interface SiteSettingsSource {
  get(): Promise<SiteSettings>;
}

/** Settings as readers see them, reloaded when the store's content version moves. */
export function createSiteSettingsSource(options: {
  config: ResolvedConfig['site'];
  settings: SettingsRepository;
  contentVersion: () => Promise<number>;
}): SiteSettingsSource {
  return versioned(options.contentVersion, async () => mergeSiteSettings(options.config, await options.settings.get(SITE_SETTINGS_KEY)));
}
