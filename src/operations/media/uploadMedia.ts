import { randomBytes } from 'node:crypto';
import type { Actor } from '../../domain/access.js';
import type { Media, MediaVariant } from '../../domain/media.js';
import { AppError } from '../../errors/AppError.js';
import { detectImageFormat, MIME_TYPES, nameMatchesFormat } from '../../media/detectImageFormat.js';
import { renderImageSet } from '../../media/renderImageSet.js';
import { authorize } from '../authorize.js';
import type { MediaDeps } from './MediaDeps.js';
import { removeFiles, storeFiles } from './storeFiles.js';
import { validateMediaFields } from './validateMediaFields.js';

export interface UploadInput {
  bytes: Uint8Array;
  /** The name on the uploader's disk: kept for display and search only, never in a storage key. */
  fileName?: string | null;
  alt?: unknown;
  caption?: unknown;
  credit?: unknown;
  focalX?: unknown;
  focalY?: unknown;
}

/** A file name safe to show: its last path segment, without control characters, at most 255 characters. */
export function cleanFileName(name: string | null | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base.normalize('NFC').replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim()].slice(0, 255).join('');
  return clean === '' ? null : clean;
}

/** A new upload's folder: year/month of upload and a random name, e.g. "2026/11/3f9c…". */
export function newMediaFolder(now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomBytes(10).toString('hex')}`;
}

/**
 * Adds an image to the library (capability media.upload: authors, editors, admins). The type is
 * read from the bytes (JPEG, PNG, WebP, GIF, AVIF); the size, then the declared pixels, are
 * checked before decoding; a file name whose extension contradicts the content is refused; the stored original is re-encoded with its orientation applied and no
 * metadata; WebP and fallback widths and the 16:9, 4:3, 1:1 crops are written with it. On any
 * refusal or failure nothing stays behind: no file, no row. AVIF comes later
 * (generateAvifVariants).
 */
export async function uploadMedia(deps: MediaDeps, actor: Actor, input: UploadInput): Promise<Media> {
  authorize(actor, 'media.upload');
  const fields = validateMediaFields({ alt: input.alt, caption: input.caption, credit: input.credit, focalX: input.focalX, focalY: input.focalY });
  if (input.bytes.length > deps.limits.maxUploadBytes) {
    throw new AppError('MEDIA_TOO_LARGE', `the file is larger than ${deps.limits.maxUploadBytes} bytes`, { maxBytes: deps.limits.maxUploadBytes });
  }
  const format = detectImageFormat(input.bytes);
  if (!format) throw new AppError('MEDIA_TYPE_UNSUPPORTED', 'only JPEG, PNG, WebP, GIF and AVIF images are accepted (the file content is none of them)');
  if (!nameMatchesFormat(input.fileName, format)) {
    throw new AppError('MEDIA_TYPE_MISMATCH', `the file is named ${JSON.stringify(cleanFileName(input.fileName))} but its content is ${format.toUpperCase()}`, { format });
  }

  const render = () => renderImageSet(input.bytes, format, { maxPixels: deps.limits.maxPixels, focalX: fields.focalX, focalY: fields.focalY });
  const image = await (deps.imageGate ? deps.imageGate(render) : render());
  const folder = newMediaFolder(deps.now());
  const key = `${folder}/${image.original.name}`;
  const variants: MediaVariant[] = image.variants.map((v) => ({
    key: `${folder}/${v.name}`,
    width: v.width,
    height: v.height,
    format: v.format,
    ...(v.crop ? { crop: v.crop } : {}),
  }));
  const written = await storeFiles(deps.storage, [{ key, data: image.original.data }, ...image.variants.map((v, i) => ({ key: variants[i]!.key, data: v.data }))]);
  try {
    return await deps.store.media.create({
      key,
      mimeType: MIME_TYPES[format],
      width: image.width,
      height: image.height,
      sizeBytes: image.original.data.length,
      alt: fields.alt ?? '',
      caption: fields.caption ?? null,
      credit: fields.credit ?? null,
      focalX: fields.focalX ?? null,
      focalY: fields.focalY ?? null,
      originalName: cleanFileName(input.fileName),
      uploadedBy: actor.kind === 'user' ? actor.userId : null,
      variants,
    });
  } catch (error) {
    await removeFiles(deps.storage, written);
    throw error;
  }
}
