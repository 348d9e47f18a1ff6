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
  if (image.width !== null && !candidates.some((v) => v.width === image.width)) {
    candidates.push({ url: image.url, width: image.width });
  }
  return candidates
    .sort((a, b) => a.width - b.width)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}

/**
 * An `<img>` with intrinsic dimensions (no layout shift), `srcset`/`sizes` when variants exist,
 * and lazy loading unless `eager`.
 */
export function ResponsiveImage({ image, sizes, eager = false }: ResponsiveImageProps) {
  const srcset = srcsetOf(image);
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
