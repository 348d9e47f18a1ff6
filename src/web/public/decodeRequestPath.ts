import { AppError } from '../../errors/AppError.js';

/** Longest request URL we answer; longer ones get 414 (WordPress hosts typically allow 8 KB). */
export const MAX_URL_LENGTH = 8192;

/**
 * The Unicode path of a request URL: percent-decoded, NFC. Clients that send raw UTF-8 bytes
 * (curl, some crawlers) reach Node as one char per byte; those are re-read as UTF-8, so the raw
 * and the percent-encoded forms of an Arabic slug resolve alike.
 *
 * @throws AppError BAD_REQUEST on malformed percent-encoding or a NUL byte.
 */
export function decodeRequestPath(url: string): string {
  const q = url.indexOf('?');
  let raw = q === -1 ? url : url.slice(0, q);
  if (/[^\x00-\x7f]/.test(raw)) raw = Buffer.from(raw, 'latin1').toString('utf8');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new AppError('BAD_REQUEST', 'malformed percent-encoding in the path');
  }
  if (decoded.includes('\0') || decoded.includes('\uFFFD')) throw new AppError('BAD_REQUEST', 'invalid characters in the path');
  // Collapse duplicate slashes so '//category//x/' is not a second address of the same page.
  return decoded.normalize('NFC').replace(/\/{2,}/g, '/');
}
