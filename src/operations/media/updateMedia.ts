import { can, type Actor } from '../../domain/access.js';
import type { Media, MediaVariant } from '../../domain/media.js';
import { AppError } from '../../errors/AppError.js';
import { formatOfMime } from '../../media/detectImageFormat.js';
import { cropFallback, imageError, loadSharp, renderCrops } from '../../media/renderImageSet.js';
import { authorize } from '../authorize.js';
import { findMedia } from './getMedia.js';
import type { MediaDeps } from './MediaDeps.js';
import { removeFiles, storeFiles } from './storeFiles.js';
import { validateMediaFields } from './validateMediaFields.js';

/** Authors change their own uploads; editors and admins (media.editAny) anyone's. */
export function authorizeMediaEdit(actor: Actor, media: Media): void {
  authorize(actor, 'media.upload');
  if (actor.kind === 'user' && media.uploadedBy !== actor.userId && can(actor, 'media.editAny').effect !== 'allow') {
    throw new AppError('FORBIDDEN', 'this role may change only its own uploads', { capability: 'media.editAny' });
  }
}

const folderOf = (key: string) => key.slice(0, key.lastIndexOf('/'));

/**
 * Changes alt text, caption, credit or focal point. A new focal point recrops the 16:9, 4:3 and
 * 1:1 images from the stored original under new keys (caches never serve the old crop), then
 * removes the old crop files once the row points at the new ones.
 */
export async function updateMedia(deps: MediaDeps, actor: Actor, id: number, input: Record<string, unknown>): Promise<Media> {
  authorize(actor, 'media.upload');
  const media = await findMedia(deps, id);
  authorizeMediaEdit(actor, media);
  const edit = validateMediaFields(input);
  const focalX = edit.focalX === undefined ? media.focalX : edit.focalX;
  const focalY = edit.focalY === undefined ? media.focalY : edit.focalY;
  const refocus = focalX !== media.focalX || focalY !== media.focalY;
  const format = formatOfMime(media.mimeType);
  if (!refocus || !format || media.width === null || media.height === null) {
    const updated = await deps.store.media.update(id, edit);
    if (!updated) throw new AppError('NOT_FOUND', `no media item ${id}`);
    return updated;
  }

  const original = await deps.storage.read(media.key);
  const hasAlpha = (await loadSharp()(original).metadata().catch((error: unknown) => Promise.reject(imageError(error)))).hasAlpha === true;
  const tag = `-${Date.now().toString(36)}`;
  const source = { pixels: () => loadSharp()(original, { limitInputPixels: deps.limits.maxPixels }), width: media.width, height: media.height };
  const recrop = () => renderCrops([source], cropFallback(format, hasAlpha), { x: focalX, y: focalY }, tag);
  const crops = await (deps.imageGate ? deps.imageGate(recrop) : recrop()).catch((error: unknown) => Promise.reject(imageError(error)));
  const folder = folderOf(media.key);
  const newCrops: MediaVariant[] = crops.map((c) => ({ key: `${folder}/${c.name}`, width: c.width, height: c.height, format: c.format, crop: c.crop! }));
  const written = await storeFiles(deps.storage, crops.map((c, i) => ({ key: newCrops[i]!.key, data: c.data })));
  let updated: Media | null;
  try {
    // A function of the row written over: AVIF widths added meanwhile are kept.
    updated = await deps.store.media.update(id, { ...edit, variants: (current) => [...current.filter((v) => !v.crop), ...newCrops] });
  } catch (error) {
    await removeFiles(deps.storage, written);
    throw error;
  }
  if (!updated) {
    await removeFiles(deps.storage, written);
    throw new AppError('NOT_FOUND', `no media item ${id}`);
  }
  await removeFiles(
    deps.storage,
    media.variants.filter((v) => v.crop).map((v) => v.key),
  );
  return updated;
}
