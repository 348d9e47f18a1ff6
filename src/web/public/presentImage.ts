import type { Media, MediaVariant } from '../../domain/media.js';
import type { MediaStorage } from '../../media/MediaStorage.js';
import type { ImageView, ImageVariantView } from '../../views/models.js';

/** Modern formats offered as `<source>`s, best first; the `<img>` keeps the fallback format. */
const SOURCE_FORMATS = ['avif', 'webp'] as const;
/** The `src` of a library image: its widest fallback variant up to this width. */
const SRC_MAX_WIDTH = 1280;

/**
 * The view of an image. Media-library items (they have WebP width variants) become a `<picture>`:
 * AVIF and WebP sources and an `<img>` whose srcset holds the fallback format (JPEG, PNG, GIF; WebP
 * for a WebP upload); crops never join a srcset (another aspect ratio). Older items (demo, imports)
 * keep their variants and original as before.
 */
export function presentImage(m: Media, storage: MediaStorage): ImageView {
  const widths = m.variants.filter((v) => !v.crop);
  const view = (v: MediaVariant): ImageVariantView => ({ url: storage.urlPath(v.key), width: v.width });
  const byWidth = (a: ImageVariantView, b: ImageVariantView) => a.width - b.width;
  const base = { width: m.width, height: m.height, alt: m.alt, caption: m.caption, credit: m.credit };
  if (!widths.some((v) => v.format === 'webp')) {
    return { ...base, url: storage.urlPath(m.key), variants: widths.map(view).sort(byWidth) };
  }
  const fallback = widths.filter((v) => v.format !== 'avif' && v.format !== 'webp');
  const imgVariants = (fallback.length > 0 ? fallback : widths.filter((v) => v.format === 'webp')).map(view).sort(byWidth);
  const src = [...imgVariants].reverse().find((v) => v.width <= SRC_MAX_WIDTH) ?? imgVariants[0]!;
  const sources = SOURCE_FORMATS.filter((format) => fallback.length > 0 || format !== 'webp')
    .map((format) => ({
      type: `image/${format}`,
      srcset: widths
        .filter((v) => v.format === format)
        .map(view)
        .sort(byWidth)
        .map((v) => `${v.url} ${v.width}w`)
        .join(', '),
    }))
    .filter((source) => source.srcset !== '');
  return { ...base, url: src.url, variants: imgVariants, sources };
}
