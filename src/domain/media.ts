/** The aspect ratios the library crops every image to (Google's NewsArticle image set). */
export const CROP_RATIOS = ['16:9', '4:3', '1:1'] as const;
export type CropRatio = (typeof CROP_RATIOS)[number];

/** Image formats the library accepts (checked by content) and writes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export interface MediaVariant {
  /** Storage key relative to the media root. */
  key: string;
  width: number;
  height: number;
  /** 'webp', 'jpeg', 'png', 'gif' or 'avif' (older rows may hold other strings). */
  format: string;
  /** Set on the focal-point crops; absent on the responsive (same aspect) variants. */
  crop?: CropRatio;
}

/** An uploaded (or imported) file and what readers need to show it. */
export interface Media {
  id: number;
  /** Storage key relative to the media root, e.g. "2026/11/tramway.svg". */
  key: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  sizeBytes: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  /** Focal point as fractions of width and height (0–1); null means the centre. */
  focalX: number | null;
  focalY: number | null;
  /** The file name on the uploader's disk, for display and search only (never a storage key). */
  originalName: string | null;
  uploadedBy: number | null;
  variants: MediaVariant[];
  createdAt: Date;
}

export interface NewMedia {
  key: string;
  mimeType: string;
  width?: number | null;
  height?: number | null;
  sizeBytes: number;
  alt?: string;
  caption?: string | null;
  credit?: string | null;
  focalX?: number | null;
  focalY?: number | null;
  originalName?: string | null;
  uploadedBy?: number | null;
  variants?: MediaVariant[];
}

/** What may change on a stored media item. */
export interface MediaEdit {
  alt?: string;
  caption?: string | null;
  credit?: string | null;
  focalX?: number | null;
  focalY?: number | null;
  /**
   * The new list, or a function of the stored one. The function form is how writers that
   * derive variants from the row (the AVIF job, a recrop) avoid losing each other's work: the
   * store applies it to the row it writes over.
   */
  variants?: MediaVariant[] | ((current: MediaVariant[]) => MediaVariant[]);
}

/** The crop of `ratio` among an image's variants, preferring `format`, else any format. */
export function cropOf(media: Pick<Media, 'variants'>, ratio: CropRatio, format?: string): MediaVariant | undefined {
  const crops = media.variants.filter((v) => v.crop === ratio);
  return crops.find((v) => v.format === format) ?? crops.find((v) => v.format !== 'webp' && v.format !== 'avif') ?? crops[0];
}
