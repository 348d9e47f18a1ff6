import type { ResolvedConfig } from '../../config/loadConfig.js';
import type { Actor } from '../../domain/access.js';
import { offsetTransitions, type OffsetTransition } from '../../domain/text/offsetTransitions.js';
import type { SiteBasics } from '../../domain/siteBasics.js';
import { AppError } from '../../errors/AppError.js';
import type { Store } from '../../store/ports.js';
import { actorLabel } from '../articles/articleAccess.js';
import { authorize } from '../authorize.js';
import { mergeSiteSettings, SITE_SETTINGS_KEY, siteSettingsSchema, type SiteSettings } from './siteSettings.js';

export interface SiteSettingsDeps {
  store: Store;
  config: ResolvedConfig['site'];
}

export interface SiteSettingsView {
  /** What readers get: the stored values over the configuration's defaults. */
  effective: SiteSettings;
  /** The same as `effective` (the name the admin app reads). */
  settings: SiteSettings;
  /** Only what was set at run time (the rest comes from the configuration). */
  stored: Record<string, unknown>;
}

async function view(deps: SiteSettingsDeps): Promise<SiteSettingsView> {
  const stored = (await deps.store.settings.get<Record<string, unknown>>(SITE_SETTINGS_KEY)) ?? {};
  const effective = mergeSiteSettings(deps.config, stored);
  return { effective, settings: effective, stored };
}

const offsetCache = new Map<string, OffsetTransition[]>();

/** The zone's offsets around `now`, computed once per zone and UTC day (a few hundred milliseconds of Intl calls). */
function offsetsAround(timeZone: string, now: Date): OffsetTransition[] {
  const day = now.toISOString().slice(0, 10);
  const key = `${timeZone}\u0000${day}`;
  let found = offsetCache.get(key);
  if (!found) {
    const start = Date.parse(day);
    found = offsetTransitions(timeZone, new Date(start - 365 * 86_400_000), new Date(start + 2 * 366 * 86_400_000));
    if (offsetCache.size > 16) offsetCache.clear();
    offsetCache.set(key, found);
  }
  return found;
}

/** The site's basics for the editor (every newsroom role: articles.create). */
export type { SiteBasics };

export async function getSiteBasics(deps: SiteSettingsDeps, actor: Actor): Promise<SiteBasics> {
  authorize(actor, 'articles.create');
  const { effective } = await view(deps);
  return { name: effective.name, locale: effective.locale, timeZone: effective.timeZone, permalink: effective.permalink, offsets: offsetsAround(effective.timeZone, new Date()) };
}

/** The site's settings (settings.manage: admins). */
export async function getSiteSettings(deps: SiteSettingsDeps, actor: Actor): Promise<SiteSettingsView> {
  authorize(actor, 'settings.manage');
  return view(deps);
}

/**
 * Changes site settings (admins): fields are validated by the schema readers' settings are read
 * with, merged over what is stored (`follow`, `social` and `comments` field by field; `null` at the
 * top level clears a stored field back to the configuration's value) and audited with the keys changed.
 * An invalid value is refused as INVALID_INPUT whose `field` is its path (`name`, `follow.whatsapp`).
 */
export async function updateSiteSettings(deps: SiteSettingsDeps, actor: Actor, input: unknown): Promise<SiteSettingsView> {
  authorize(actor, 'settings.manage');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AppError('INVALID_INPUT', 'send an object of settings', { field: 'settings' });
  const shape = siteSettingsSchema.shape;
  const changes: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = shape[key as keyof typeof shape];
    if (!field) throw new AppError('INVALID_INPUT', `${key}: not a site setting`, { field: key });
    if (value === null && key !== 'logoUrl') {
      cleared.push(key);
      continue;
    }
    const parsed = field.safeParse(value);
    if (!parsed.success) {
      // The field names the nested setting that failed (`follow.whatsapp`, `comments.perPage`), so a form can show it there.
      const issue = parsed.error.issues[0];
      const field = [key, ...(issue?.path ?? []).filter((part) => typeof part === 'string' || typeof part === 'number')].join('.');
      throw new AppError('INVALID_INPUT', `${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    changes[key] = parsed.data;
  }
  await deps.store.transaction(async (repos) => {
    const stored = { ...((await repos.settings.get<Record<string, unknown>>(SITE_SETTINGS_KEY)) ?? {}) };
    for (const [key, value] of Object.entries(changes)) {
      const old = stored[key];
      stored[key] = (key === 'follow' || key === 'social' || key === 'comments') && typeof old === 'object' && old !== null ? { ...old, ...(value as object) } : value;
    }
    for (const key of cleared) delete stored[key];
    await repos.settings.set(SITE_SETTINGS_KEY, stored);
    await repos.audit.record({ ...actorLabel(actor), action: 'settings.update', targetType: 'settings', targetId: SITE_SETTINGS_KEY, details: { changed: Object.keys(changes), cleared } });
  });
  return view(deps);
}
