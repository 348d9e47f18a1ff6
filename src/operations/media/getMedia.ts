import type { Actor } from '../../domain/access.js';
import type { Media } from '../../domain/media.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import type { MediaDeps } from './MediaDeps.js';

/** One library item (capability media.upload); NOT_FOUND when there is none. */
export async function getMedia(deps: MediaDeps, actor: Actor, id: number): Promise<Media> {
  authorize(actor, 'media.upload');
  return findMedia(deps, id);
}

export async function findMedia(deps: Pick<MediaDeps, 'store'>, id: number): Promise<Media> {
  const media = await deps.store.media.findById(id);
  if (!media) throw new AppError('NOT_FOUND', `no media item ${id}`);
  return media;
}
