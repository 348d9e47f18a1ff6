import type { ImageView } from '../models.js';
import { Bidi } from './Bidi.js';
import { ResponsiveImage } from './ResponsiveImage.js';

export interface FigureProps {
  image: ImageView;
  /** True for the featured image at the top of an article (loaded eagerly). */
  eager?: boolean;
}

/** An image with its caption and, in a `<small>`, its credit. */
export function Figure({ image, eager = false }: FigureProps) {
  const hasCaption = image.caption !== null && image.caption !== '';
  const hasCredit = image.credit !== null && image.credit !== '';
  return (
    <figure class="figure">
      <ResponsiveImage image={image} sizes="(min-width: 1100px) 760px, 100vw" eager={eager} />
      {(hasCaption || hasCredit) && (
        <figcaption>
          {hasCaption && <Bidi text={image.caption ?? ''} />}
          {hasCaption && hasCredit && ' '}
          {hasCredit && (
            <small class="credit">
              <Bidi text={image.credit ?? ''} />
            </small>
          )}
        </figcaption>
      )}
    </figure>
  );
}
