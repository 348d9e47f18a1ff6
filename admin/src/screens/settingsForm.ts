import { createPermalink, isValidPermalinkStructure } from '../../../src/domain/permalink.js';
import { SOCIAL_NETWORKS, type ModerationMode, type SiteSettings, type SocialNetwork } from '../api/settings.js';

/**
 * The settings screen's form: every input as the text typed (numbers and word lists too), so a
 * half-typed value never jumps; `settingsPatch` turns it into the PATCH body. The server is the one
 * judge of validity: what cannot be read as a number is sent as typed and refused there, with the
 * field's path, like any other invalid value.
 */
export interface SettingsForm {
  name: string;
  tagline: string;
  timeZone: string;
  permalink: string;
  logoUrl: string;
  whatsapp: string;
  googleNews: string;
  social: Record<SocialNetwork, string>;
  moderation: ModerationMode;
  /** Empty: comments never close. */
  closeAfterDays: string;
  maxDepth: string;
  perPage: string;
  order: 'oldest' | 'newest';
  maxLinks: string;
  /** One word or phrase per line. */
  moderationWords: string;
  disallowedWords: string;
}

export function settingsForm(settings: SiteSettings): SettingsForm {
  const social = {} as Record<SocialNetwork, string>;
  for (const network of SOCIAL_NETWORKS) social[network] = settings.social[network] ?? '';
  const c = settings.comments;
  return {
    name: settings.name,
    tagline: settings.tagline,
    timeZone: settings.timeZone,
    permalink: settings.permalink,
    logoUrl: settings.logoUrl ?? '',
    whatsapp: settings.follow.whatsapp ?? '',
    googleNews: settings.follow.googleNews ?? '',
    social,
    moderation: c.moderation,
    closeAfterDays: c.closeAfterDays === null ? '' : String(c.closeAfterDays),
    maxDepth: String(c.maxDepth),
    perPage: String(c.perPage),
    order: c.order,
    maxLinks: String(c.maxLinks),
    moderationWords: c.moderationWords.join('\n'),
    disallowedWords: c.disallowedWords.join('\n'),
  };
}

/** A whole number when the text is one (Latin or Arabic-Indic digits), else the text itself for the server to refuse. */
export function wholeNumberOf(text: string): number | string {
  const latin = text.trim().replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return /^\d{1,9}$/.test(latin) ? Number(latin) : text;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
const lines = (text: string): string[] => [...new Set(text.split('\n').map((line) => line.trim()).filter((line) => line !== ''))];

/** The PATCH body for the whole form: empty links and logo are null (not shown), empty closing delay is "never". */
export function settingsPatch(form: SettingsForm): Record<string, unknown> {
  const social: Record<string, string | null> = {};
  for (const network of SOCIAL_NETWORKS) social[network] = orNull(form.social[network]);
  return {
    name: form.name.trim(),
    tagline: form.tagline.trim(),
    timeZone: form.timeZone.trim(),
    permalink: form.permalink.trim(),
    logoUrl: orNull(form.logoUrl),
    follow: { whatsapp: orNull(form.whatsapp), googleNews: orNull(form.googleNews) },
    social,
    comments: {
      moderation: form.moderation,
      closeAfterDays: form.closeAfterDays.trim() === '' ? null : wholeNumberOf(form.closeAfterDays),
      maxDepth: wholeNumberOf(form.maxDepth),
      perPage: wholeNumberOf(form.perPage),
      order: form.order,
      maxLinks: wholeNumberOf(form.maxLinks),
      moderationWords: lines(form.moderationWords),
      disallowedWords: lines(form.disallowedWords),
    },
  };
}

/** WordPress's usual structures, offered as presets (any valid structure may be typed). */
export const PERMALINK_PRESETS = ['/%year%/%monthnum%/%day%/%postname%/', '/%year%/%monthnum%/%postname%/', '/%postname%/', '/%category%/%postname%/', '/%post_id%/'] as const;

/** What an example article looks like under `structure` (its path, decoded), or null for an invalid structure. */
export function permalinkExample(
  structure: string,
  timeZone: string,
  example: { id: number; slug: string; publishedAt: Date; categoryPath: string; authorSlug: string },
): string | null {
  if (!isValidPermalinkStructure(structure.trim())) return null;
  try {
    return createPermalink(structure.trim(), timeZone).build(example);
  } catch {
    // An unknown time zone: the example waits until the zone is valid.
    return null;
  }
}

/** The text of the input at an API field path (`follow.whatsapp` → the WhatsApp input), or undefined for no such input. */
export function formValueAt(form: SettingsForm, path: string): string | undefined {
  const [head, sub] = path.split('.');
  if (head === 'follow' && (sub === 'whatsapp' || sub === 'googleNews')) return form[sub];
  if (head === 'social' && sub && sub in form.social) return form.social[sub as keyof SettingsForm['social']];
  if (head === 'comments' && sub) {
    const value = (form as unknown as Record<string, unknown>)[sub];
    return typeof value === 'string' ? value : undefined;
  }
  const value = (form as unknown as Record<string, unknown>)[path];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Only what differs between two PATCH bodies (`follow`, `social` and `comments` key by key, which
 * the server merges): settings nobody touched stay unstored, so they keep following the
 * configuration's defaults.
 */
export function changedSettings(next: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = before[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof old === 'object' && old !== null) {
      const changed = Object.fromEntries(Object.entries(value).filter(([sub, v]) => !same(v, (old as Record<string, unknown>)[sub])));
      if (Object.keys(changed).length > 0) out[key] = changed;
    } else if (!same(value, old)) out[key] = value;
  }
  return out;
}
