import type { CropRatio } from '../domain/media.js';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Width over height of a ratio such as '16:9'. */
export function ratioValue(ratio: CropRatio): number {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  return w / h;
}

/**
 * The largest box of `ratio` inside a `width` × `height` image, centred on the focal point
 * (fractions 0–1, default the centre) as far as the edges allow.
 *
 * @example cropBox(4000, 3000, '1:1', 0, 0.5) // { left: 0, top: 0, width: 3000, height: 3000 }
 */
export function cropBox(width: number, height: number, ratio: CropRatio, focalX = 0.5, focalY = 0.5): Box {
  const r = ratioValue(ratio);
  let w = width;
  let h = Math.round(width / r);
  if (h > height) {
    h = height;
    w = Math.min(width, Math.round(height * r));
  }
  const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));
  const left = clamp(Math.round(focalX * width - w / 2), width - w);
  const top = clamp(Math.round(focalY * height - h / 2), height - h);
  return { left, top, width: w, height: h };
}

/** Output size of a crop: at most `maxWidth` wide (never enlarged), height from the exact ratio. */
export function cropOutputSize(box: Box, ratio: CropRatio, maxWidth: number): { width: number; height: number } {
  const width = Math.min(maxWidth, box.width);
  return { width, height: Math.max(1, Math.round(width / ratioValue(ratio))) };
}
