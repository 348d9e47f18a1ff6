import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import type { MediaDeps } from './MediaDeps.js';
import { toMediaItem, type MediaItem } from './toMediaItem.js';

export interface MediaListInput {
  /** Words to find in alt text, caption, credit or file name (Arabic folded as in search). */
  q?: unknown;
  /** Only this user's uploads ("mine" in the library). */
  uploadedBy?: unknown;
  page?: unknown;
  perPage?: unknown;
}

export interface MediaList {
  items: MediaItem[];
  total: number;
  page: number;
  perPage: number;
}

function positive(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError('INVALID_INPUT', `${field} must be a whole number from 1 to ${max}`, { field });
  return n;
}

/** The library, newest first, searchable and paged (capability media.upload). */
export async function listMedia(deps: MediaDeps, actor: Actor, input: MediaListInput = {}): Promise<MediaList> {
  authorize(actor, 'media.upload');
  const page = positive(input.page, 'page', 1, 100_000);
  const perPage = positive(input.perPage, 'perPage', 40, 100);
  if (input.q !== undefined && typeof input.q !== 'string') throw new AppError('INVALID_INPUT', 'q must be text', { field: 'q' });
  const search = typeof input.q === 'string' ? input.q.slice(0, 200) : undefined;
  const filter = {
    ...(search ? { search } : {}),
    ...(input.uploadedBy !== undefined && input.uploadedBy !== '' ? { uploadedBy: positive(input.uploadedBy, 'uploadedBy', 1, Number.MAX_SAFE_INTEGER) } : {}),
  };
  const [items, total] = await Promise.all([
    deps.store.media.list(filter, { limit: perPage, offset: (page - 1) * perPage }),
    deps.store.media.count(filter),
  ]);
  return { items: items.map((m) => toMediaItem(m, deps.storage)), total, page, perPage };
}
