import { api } from './client.js';

/** Site settings as the admin edits them (issue #4, helper W); shapes in README.md here. */
export interface SiteSettings {
  name: string;
  tagline: string;
  timeZone: string;
  permalink: string;
  comments: { moderation: 'trust-returning' | 'hold-all' | 'open'; closeAfterDays: number | null };
}

export async function getSettings(): Promise<SiteSettings> {
  return (await api<{ settings: SiteSettings }>('GET', '/settings')).settings;
}

export async function saveSettings(settings: Partial<SiteSettings>): Promise<SiteSettings> {
  return (await api<{ settings: SiteSettings }>('PATCH', '/settings', settings)).settings;
}
