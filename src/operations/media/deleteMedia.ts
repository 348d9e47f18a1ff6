import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import { findMedia } from './getMedia.js';
import type { MediaDeps } from './MediaDeps.js';
import { removeFiles } from './storeFiles.js';

/**
 * Deletes a library item and its files (capability media.delete: editors and admins). Refused
 * with MEDIA_IN_USE while it is the featured image of an article that is not in the trash: a
 * published page would lose its image silently. Images placed inside article bodies are not
 * tracked yet (see decision 011).
 */
export async function deleteMedia(deps: MediaDeps, actor: Actor, id: number): Promise<{ deleted: number }> {
  authorize(actor, 'media.delete');
  const media = await findMedia(deps, id);
  const articleIds = await deps.store.media.featuredIn(id);
  if (articleIds.length > 0) {
    throw new AppError('MEDIA_IN_USE', `media item ${id} is the featured image of article(s) ${articleIds.join(', ')}`, { articleIds });
  }
  // Row first: a failure after it leaves unreachable files, never a row pointing at missing files.
  if (!(await deps.store.media.delete(id))) throw new AppError('NOT_FOUND', `no media item ${id}`);
  await removeFiles(deps.storage, [media.key, ...media.variants.map((v) => v.key)]);
  return { deleted: id };
}
