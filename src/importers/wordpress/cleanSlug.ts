import { stripInvisibles } from '../../domain/text/normalize.js';
import { slugify } from '../../domain/text/slug.js';

/** Percent-decoding that keeps what cannot be decoded (a stray `%` in a WordPress slug) as it is. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * A WordPress slug (`post_name`, `category_nicename`, `tag_slug`) as we store it: percent-decoded
 * (WordPress stores Arabic slugs encoded), NFC, bidi controls, zero-width characters and BOMs
 * removed, otherwise as WordPress had it so paths stay the same. Falls back to a slug of
 * `fallback` when nothing usable is left (or the slug holds characters a path segment cannot).
 *
 * @example cleanSlug('%d8%ae%d8%a8%d8%b1', 'x') // 'خبر'
 */
export function cleanSlug(raw: string, fallback: string): string {
  const s = stripInvisibles(safeDecode(raw.trim()).normalize('NFC')).trim();
  if (s !== '' && !/[/?#\s\u0000-\u001f\u007f]/.test(s) && s.length <= 400) return s;
  return slugify(s || fallback);
}
