import type { Media, MediaVariant } from '../../domain/media.js';
import type { MediaStorage } from '../../media/MediaStorage.js';

export interface MediaVariantItem extends MediaVariant {
  /** Public URL path, e.g. "/media/2026/11/…/w640.webp". */
  url: string;
}

/** A library item as the admin API returns it: the stored fields plus URLs. */
export interface MediaItem {
  id: number;
  url: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  sizeBytes: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  focalX: number;
  focalY: number;
  originalName: string | null;
  uploadedBy: number | null;
  createdAt: string;
  /** Responsive widths (same aspect as the original), narrowest first. */
  variants: MediaVariantItem[];
  /** The focal-point crops, by ratio. */
  crops: MediaVariantItem[];
}

export function toMediaItem(media: Media, storage: MediaStorage): MediaItem {
  const withUrl = (v: MediaVariant): MediaVariantItem => ({ ...v, url: storage.urlPath(v.key) });
  const byWidth = (a: MediaVariant, b: MediaVariant) => a.width - b.width || a.format.localeCompare(b.format);
  return {
    id: media.id,
    url: storage.urlPath(media.key),
    mimeType: media.mimeType,
    width: media.width,
    height: media.height,
    sizeBytes: media.sizeBytes,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
    focalX: media.focalX ?? 0.5,
    focalY: media.focalY ?? 0.5,
    originalName: media.originalName,
    uploadedBy: media.uploadedBy,
    createdAt: media.createdAt.toISOString(),
    variants: media.variants.filter((v) => !v.crop).sort(byWidth).map(withUrl),
    crops: media.variants.filter((v) => v.crop).map(withUrl),
  };
}
