import { encode, imageError, loadSharp } from './renderImageSet.js';

export interface EncodedVariant {
  width: number;
  height: number;
  data: Buffer;
}

/**
 * AVIF copies of a still image at `widths` (effort 2: AVIF costs several times WebP, which is why
 * it runs after the upload answered). `original` is the stored, already oriented original.
 */
export async function encodeAvifVariants(original: Uint8Array, widths: readonly number[], maxPixels: number): Promise<EncodedVariant[]> {
  const out: EncodedVariant[] = [];
  try {
    // One at a time: this runs beside request handling and must not take both cores.
    for (const width of widths) {
      const { data, info } = await encode(loadSharp()(original, { limitInputPixels: maxPixels }).resize({ width }), 'avif').toBuffer({ resolveWithObject: true });
      out.push({ width: info.width, height: info.height, data });
    }
  } catch (error) {
    throw imageError(error);
  }
  return out;
}
