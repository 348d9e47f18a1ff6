import { api, queryString } from './client.js';
import type { Page } from './articles.js';

/** The media library routes the admin expects (issue #4, helper ME); shapes in README.md here. */
export interface MediaItem {
  id: number;
  /** URL of a small variant for the library grid. */
  thumbUrl: string;
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  createdAt: string;
}

export async function listMedia(filter: { q?: string; page?: number }): Promise<Page<MediaItem>> {
  return api('GET', `/media${queryString(filter)}`);
}

/** POST /media multipart (`file`); answers the stored item. */
export async function uploadMedia(file: File): Promise<MediaItem> {
  const form = new FormData();
  form.append('file', file);
  return (await api<{ media: MediaItem }>('POST', '/media', form)).media;
}
