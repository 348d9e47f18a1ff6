import type sharpModule from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import { CROP_RATIOS, type CropRatio, type ImageFormat } from '../domain/media.js';
import { AppError } from '../errors/AppError.js';
import { cropBox, cropOutputSize } from './cropBox.js';
import { EXTENSIONS } from './detectImageFormat.js';
import { loadOnFirstUse } from '../lib/loadOnFirstUse.js';

/** sharp is loaded by the first image operation, not at start-up (reading nodes never need it). */
export const loadSharp = loadOnFirstUse<typeof sharpModule>('sharp');

/** Widths of the responsive variants; none above the original (docs/decisions/011-media-library.md). */
export const VARIANT_WIDTHS = [320, 480, 640, 768, 960, 1280, 1600, 1920] as const;
/** Widest crop written: Google asks for ≥ 1,200 px images; og:image wants 1,200 wide. */
export const CROP_WIDTH = 1200;

export interface RenderedFile {
  /** Last segment of the storage key, e.g. "w640.webp". */
  name: string;
  data: Buffer;
  width: number;
  height: number;
  format: ImageFormat;
  crop?: CropRatio;
}

export interface RenderedImage {
  format: ImageFormat;
  width: number;
  height: number;
  /** The upload re-encoded: orientation applied, EXIF/XMP/ICC/comments gone, same format. */
  original: RenderedFile;
  /** WebP and fallback-format widths, then the crops. */
  variants: RenderedFile[];
}

export interface RenderOptions {
  maxPixels: number;
  focalX?: number | null;
  focalY?: number | null;
}

/** effort 1: a fifth of effort 4's time here for files about 3% larger (decision 011). */
const WEBP = { quality: 80, effort: 1 } as const;

/** The format older browsers get next to WebP; null when WebP is the upload's own format. */
export function fallbackFormat(format: ImageFormat, hasAlpha: boolean): Exclude<ImageFormat, 'avif'> | null {
  if (format === 'webp') return null;
  if (format === 'avif') return hasAlpha ? 'png' : 'jpeg';
  return format;
}

/**
 * Encodes a pipeline in `format` with the library's settings; the kept original gets a higher
 * JPEG quality (it is the source of later crops and AVIF copies).
 */
export function encode(pipeline: Sharp, format: ImageFormat, use: 'original' | 'variant' = 'variant'): Sharp {
  switch (format) {
    case 'webp':
      return pipeline.webp(use === 'original' ? { quality: 90, effort: 1 } : WEBP);
    case 'jpeg':
      // Baseline: progressive costs 2–2.5× the encode time here, and the JPEG widths only reach
      // browsers without WebP (and crawlers, for the crops).
      return pipeline.jpeg({ quality: use === 'original' ? 90 : 82, mozjpeg: false });
    case 'png':
      return pipeline.png({ compressionLevel: 6 });
    case 'gif':
      return pipeline.gif();
    case 'avif':
      return pipeline.avif({ quality: 55, effort: 2 });
  }
}

/** Widths to write for an image `width` wide: the standard ones below it, plus its own up to 1,920. */
export function variantWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  const top = Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!);
  if (!widths.includes(top)) widths.push(top);
  return widths;
}

/** Turns libvips' refusals into the library's error codes. */
export function imageError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new AppError('MEDIA_TOO_MANY_PIXELS', 'the image has more pixels than allowed');
  return new AppError('MEDIA_CORRUPT', 'the image cannot be decoded: it is damaged or truncated', { reason: message.slice(0, 200) });
}

interface Header {
  width: number;
  height: number;
  pages: number;
  hasAlpha: boolean;
}

/** Reads only the header and refuses too many pixels before anything is decoded. */
async function readHeader(bytes: Uint8Array, format: ImageFormat, maxPixels: number): Promise<Header> {
  let meta: Metadata;
  try {
    // `limitInputPixels: false` here: the header is only parsed, and we want our own clear refusal.
    meta = await loadSharp()(bytes, { limitInputPixels: false, animated: format === 'gif' }).metadata();
  } catch (error) {
    throw imageError(error);
  }
  const expected = format === 'avif' ? 'heif' : format;
  if (meta.format !== expected) throw new AppError('MEDIA_CORRUPT', `the file starts like ${format} but decodes as ${meta.format ?? 'nothing'}`);
  const pages = meta.pages ?? 1;
  const width = meta.width;
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!width || !frameHeight) throw new AppError('MEDIA_CORRUPT', 'the image header has no size');
  if (width * frameHeight * pages > maxPixels) {
    throw new AppError('MEDIA_TOO_MANY_PIXELS', `the image declares ${width} × ${frameHeight}${pages > 1 ? ` × ${pages} frames` : ''} pixels; at most ${maxPixels} are allowed`, {
      width,
      height: frameHeight,
      maxPixels,
    });
  }
  // EXIF orientations 5–8 turn the picture a quarter: width and height swap once applied.
  const swapped = (meta.orientation ?? 1) >= 5;
  return { width: swapped ? frameHeight : width, height: swapped ? width : frameHeight, pages, hasAlpha: meta.hasAlpha === true };
}

async function toFile(pipeline: Sharp, format: ImageFormat, name: string, crop?: CropRatio, use: 'original' | 'variant' = 'variant'): Promise<RenderedFile> {
  const { data, info } = await encode(pipeline, format, use).toBuffer({ resolveWithObject: true });
  // Animated output reports the whole strip's height; a frame's height is what a page shows.
  const height = info.pageHeight ?? info.height;
  return { name, data, width: info.width, height, format, ...(crop ? { crop } : {}) };
}

interface Raw {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

async function toRaw(pipeline: Sharp): Promise<Raw> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

function fromRaw(raw: Raw): Sharp {
  return loadSharp()(raw.data, { raw: raw.info });
}

const cropName = (ratio: CropRatio, format: ImageFormat, tag: string) => `crop-${ratio.replace(':', 'x')}${tag}.${EXTENSIONS[format]}`;

/** Pixels a crop can be cut from: a fresh pipeline and its size. */
export interface CropSource {
  pixels: () => Sharp;
  width: number;
  height: number;
}

/**
 * The 16:9, 4:3 and 1:1 crops around the focal point, in WebP and the fallback format, at most
 * 1,200 wide. `sources` hold the same still, oriented image, smallest first: each crop is cut from
 * the smallest that still gives it its full output width (cutting from a 1,920 copy instead of
 * 12 MP saves most of the work), the last one otherwise.
 */
export async function renderCrops(
  sources: readonly CropSource[],
  fallback: ImageFormat | null,
  focal: { x?: number | null; y?: number | null },
  tag = '',
): Promise<RenderedFile[]> {
  const largest = sources[sources.length - 1]!;
  const jobs: Array<Promise<RenderedFile>> = [];
  for (const ratio of CROP_RATIOS) {
    const fx = focal.x ?? 0.5;
    const fy = focal.y ?? 0.5;
    const out = cropOutputSize(cropBox(largest.width, largest.height, ratio, fx, fy), ratio, CROP_WIDTH);
    const source = sources.find((s) => cropBox(s.width, s.height, ratio, fx, fy).width >= out.width) ?? largest;
    const box = cropBox(source.width, source.height, ratio, fx, fy);
    const crop = () => source.pixels().extract(box).resize({ width: out.width, height: out.height, fit: 'fill' });
    for (const format of new Set<ImageFormat>(['webp', ...(fallback ? [fallback] : [])])) {
      jobs.push(toFile(crop(), format, cropName(ratio, format, tag), ratio));
    }
  }
  return Promise.all(jobs);
}

/** Crop fallback: a still format (an animated GIF's crops are its first frame, as PNG). */
export function cropFallback(format: ImageFormat, hasAlpha: boolean): ImageFormat | null {
  const fallback = fallbackFormat(format, hasAlpha);
  return fallback === 'gif' ? 'png' : fallback;
}

/**
 * Everything the library stores for one upload: the re-encoded original, WebP and fallback
 * widths, and the three crops. Refuses too many pixels from the header alone (MEDIA_TOO_MANY_PIXELS)
 * and damaged files (MEDIA_CORRUPT). Still images are decoded once; GIFs keep their animation.
 */
export async function renderImageSet(bytes: Uint8Array, format: ImageFormat, options: RenderOptions): Promise<RenderedImage> {
  const header = await readHeader(bytes, format, options.maxPixels);
  const input = { limitInputPixels: options.maxPixels, failOn: 'error' as const };
  try {
    if (format === 'gif') {
      const animated = () => loadSharp()(bytes, { ...input, animated: true });
      const [original, ...variants] = await Promise.all([
        toFile(animated(), 'gif', 'original.gif', undefined, 'original'),
        ...variantWidths(header.width).flatMap((w) => [
          toFile(animated().resize({ width: w }), 'webp', `w${w}.webp`),
          toFile(animated().resize({ width: w }), 'gif', `w${w}.gif`),
        ]),
      ]);
      const still = { pixels: () => loadSharp()(bytes, input), width: header.width, height: header.height };
      const crops = await renderCrops([still], cropFallback(format, header.hasAlpha), { x: options.focalX, y: options.focalY });
      return { format, width: original!.width, height: original!.height, original: original!, variants: [...variants, ...crops] };
    }

    // One decode: orientation applied, 8-bit sRGB, alpha kept; every output starts from these pixels.
    const full = await toRaw(loadSharp()(bytes, input).rotate().toColourspace('srgb'));
    const fallback = fallbackFormat(format, header.hasAlpha);
    const widths = variantWidths(full.info.width);
    // Widths cascade from the widest variant: resizing 12 MP eight times costs more than encoding.
    const topWidth = widths[widths.length - 1]!;
    const top = topWidth === full.info.width ? full : await toRaw(fromRaw(full).resize({ width: topWidth }));
    const encodeWidth = async (w: number): Promise<RenderedFile[]> => {
      const pixels = w === topWidth ? top : await toRaw(fromRaw(top).resize({ width: w }));
      return Promise.all([
        toFile(fromRaw(pixels), 'webp', `w${w}.webp`),
        ...(fallback ? [toFile(fromRaw(pixels), fallback, `w${w}.${EXTENSIONS[fallback]}`)] : []),
      ]);
    };
    const [original, sized, crops] = await Promise.all([
      toFile(fromRaw(full), format, `original.${EXTENSIONS[format]}`, undefined, 'original'),
      Promise.all(widths.map(encodeWidth)),
      renderCrops(
        [top, full].map((r) => ({ pixels: () => fromRaw(r), width: r.info.width, height: r.info.height })),
        cropFallback(format, header.hasAlpha),
        { x: options.focalX, y: options.focalY },
      ),
    ]);
    return { format, width: full.info.width, height: full.info.height, original, variants: [...sized.flat(), ...crops] };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw imageError(error);
  }
}
