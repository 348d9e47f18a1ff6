import type { ImageFormat } from '../domain/media.js';

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** AVIF is an ISO-BMFF file whose `ftyp` box names `avif` or `avis` as major or compatible brand. */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(boxSize, bytes.length, 4096);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands.includes('avif') || brands.includes('avis');
}

/**
 * The image format of a file, read from its first bytes (magic numbers), never from its name or
 * the client's content type; null for anything else (SVG, HEIC, PDF, HTML, text, …).
 *
 * @example detectImageFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // 'jpeg'
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (isAvif(bytes)) return 'avif';
  return null;
}

export const MIME_TYPES: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

export const EXTENSIONS: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
};

/** The format of a stored MIME type, or null. */
export function formatOfMime(mime: string): ImageFormat | null {
  const entry = Object.entries(MIME_TYPES).find(([, m]) => m === mime);
  return entry ? (entry[0] as ImageFormat) : null;
}

/** File-name extensions that may carry each format (lower case, without the dot). */
const NAME_EXTENSIONS: Readonly<Record<ImageFormat, readonly string[]>> = {
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'],
  png: ['png', 'apng'],
  webp: ['webp'],
  gif: ['gif'],
  avif: ['avif', 'avifs'],
};

/**
 * Whether a file name agrees with its content: true without an extension, otherwise only when the
 * extension is one of the format's (so "photo.png" holding a JPEG, or "shell.php", is refused).
 *
 * @example nameMatchesFormat('IMG_0001.JPG', 'jpeg') // true
 * @example nameMatchesFormat('photo.png', 'jpeg') // false
 */
export function nameMatchesFormat(name: string | null | undefined, format: ImageFormat): boolean {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return true;
  return NAME_EXTENSIONS[format].includes(base.slice(dot + 1).toLowerCase());
}
