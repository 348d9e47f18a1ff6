import type { Media, MediaVariant } from '../../domain/media.js';
import { encodeAvifVariants } from '../../media/encodeAvifVariants.js';
import type { MediaDeps } from './MediaDeps.js';
import { removeFiles, storeFiles } from './storeFiles.js';

/**
 * Adds AVIF copies of an item's responsive widths, after the upload answered (a job's work: it
 * takes no actor and checks nothing but the item). Animated GIFs get none; an item that already
 * has them, or was deleted meanwhile, is left alone. Returns the updated item, or null when there
 * was nothing to do.
 */
export async function generateAvifVariants(deps: Pick<MediaDeps, 'store' | 'storage' | 'limits' | 'imageGate'>, input: { mediaId: number }): Promise<Media | null> {
  const media = await deps.store.media.findById(input.mediaId);
  if (!media || media.mimeType === 'image/gif' || media.variants.some((v) => v.format === 'avif')) return null;
  const widths = [...new Set(media.variants.filter((v) => !v.crop && v.format === 'webp').map((v) => v.width))].sort((a, b) => a - b);
  if (widths.length === 0) return null;
  const original = await deps.storage.read(media.key);
  const encode = () => encodeAvifVariants(original, widths, deps.limits.maxPixels);
  const encoded = await (deps.imageGate ? deps.imageGate(encode) : encode());
  const folder = media.key.slice(0, media.key.lastIndexOf('/'));
  const avif: MediaVariant[] = encoded.map((e) => ({ key: `${folder}/w${e.width}.avif`, width: e.width, height: e.height, format: 'avif' }));
  const written = await storeFiles(deps.storage, encoded.map((e, i) => ({ key: avif[i]!.key, data: e.data })));
  try {
    // A function of the row written over: a recrop that landed meanwhile keeps its crops.
    const updated = await deps.store.media.update(input.mediaId, { variants: (current) => [...current.filter((v) => v.format !== 'avif'), ...avif] });
    if (!updated) await removeFiles(deps.storage, written);
    return updated;
  } catch (error) {
    await removeFiles(deps.storage, written);
    throw error;
  }
}
