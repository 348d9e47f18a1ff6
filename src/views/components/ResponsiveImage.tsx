import type { ImageView } from '../models.js';

export interface ResponsiveImageProps {
  image: ImageView;
  /** The `sizes` attribute, used only when the image has variants. */
  sizes: string;
  /** Above-the-fold images load eagerly with high priority; all others lazily. */
  eager?: boolean;
}

/** `srcset` candidates: every variant, plus the original when its width is known and not a duplicate. */
export function srcsetOf(image: ImageView): string | undefined {
  if (image.variants.length === 0) return undefined;
  const candidates = [...image.variants];
  // Library images cap their widths at 1,920: the (possibly 12-megapixel) original stays out.
  if (image.sources === undefined && image.width !== null && !candidates.some((v) => v.width === image.width)) {
    candidates.push({ url: image.url, width: image.width });
  }
  return candidates
    .sort((a, b) => a.width - b.width)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}

/**
 * An `<img>` with intrinsic dimensions (no layout shift), `srcset`/`sizes` when variants exist,
 * and lazy loading unless `eager`; inside a `<picture>` with AVIF and WebP `<source>`s (same
 * `sizes`) for media-library images.
 */
export function ResponsiveImage({ image, sizes, eager = false }: ResponsiveImageProps) {
  const srcset = srcsetOf(image);
  const img = imgOf(image, sizes, eager, srcset);
  if (!image.sources || image.sources.length === 0) return img;
  return (
    <picture>
      {image.sources.map((source) => (
        <source key={source.type} type={source.type} srcset={source.srcset} sizes={sizes} />
      ))}
      {img}
    </picture>
  );
}

function imgOf(image: ImageView, sizes: string, eager: boolean, srcset: string | undefined) {
  return (
    <img
      src={image.url}
      alt={image.alt}
      width={image.width ?? undefined}
      height={image.height ?? undefined}
      srcset={srcset}
      sizes={srcset === undefined ? undefined : sizes}
      loading={eager ? undefined : 'lazy'}
      fetchpriority={eager ? 'high' : undefined}
      decoding="async"
    />
  );
}
