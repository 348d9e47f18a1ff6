import { api, queryString } from './client.js';
import type { Page } from './articles.js';

/** A library item as the screens use it; `thumbUrl` is picked from the server's variants. */
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

/** The item as the server sends it (README "Media library"). */
interface ServerMedia {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  createdAt: string;
  variants?: { url: string; width: number; format: string }[];
  crops?: { url: string; width: number; crop: string }[];
}

/** The smallest variant at least 320 px wide (WebP first), else the original. */
function thumbOf(item: ServerMedia): string {
  const variants = [...(item.variants ?? [])].sort((a, b) => a.width - b.width || (a.format === 'webp' ? -1 : 1));
  return variants[0]?.url ?? item.url;
}

export function fromServerMedia(item: ServerMedia): MediaItem {
  return {
    id: item.id,
    thumbUrl: thumbOf(item),
    url: item.url,
    width: item.width,
    height: item.height,
    alt: item.alt ?? '',
    caption: item.caption ?? '',
    credit: item.credit ?? '',
    createdAt: item.createdAt,
  };
}

/** GET /media?q=&page= → `{ items, total, page, perPage }` (pages computed here). */
export async function listMedia(filter: { q?: string; page?: number }): Promise<Page<MediaItem>> {
  const answer = await api<{ items: ServerMedia[]; total: number; page: number; perPage: number }>('GET', `/media${queryString(filter)}`);
  return { items: answer.items.map(fromServerMedia), total: answer.total, page: answer.page, pages: Math.max(1, Math.ceil(answer.total / Math.max(1, answer.perPage))) };
}

/** One item (GET /media/:id), e.g. an article's featured image. */
export async function getMedia(id: number): Promise<MediaItem> {
  return fromServerMedia((await api<{ media: ServerMedia }>('GET', `/media/${id}`)).media);
}

/** POST /media multipart (`file`); answers the stored item. */
export async function uploadMedia(file: File): Promise<MediaItem> {
  const form = new FormData();
  form.append('file', file);
  return fromServerMedia((await api<{ media: ServerMedia }>('POST', '/media', form)).media);
}
