/**
 * URL slugs that keep Arabic as typed.
 *
 * Arabic is never transliterated: readers search and share Arabic URLs, and
 * any transliteration scheme is both lossy and disputed. Browsers show the
 * decoded form in the address bar; on the wire it is percent-encoded UTF-8.
 */

import { stripArabicMarks, stripInvisibles } from './normalize.js';

/**
 * Default maximum slug length, in Unicode code points (not encoded bytes).
 * WordPress limits `post_name` to 200 *bytes of the percent-encoded form*, so an
 * Arabic slug (6 encoded bytes per letter) is cut at ~33 letters; we count characters.
 */
export const DEFAULT_SLUG_MAX_LENGTH = 200;

/** Anything that is not a letter, combining mark or number separates words in a slug. */
const SEPARATOR_RUN = /[^\p{L}\p{M}\p{N}]+/gu;
/** Combining marks with no base letter before them (e.g. right after a separator). */
const ORPHAN_MARKS = /(?<![\p{L}\p{M}\p{N}])\p{M}+/gu;

export interface SlugOptions {
  /** Maximum length in code points; default {@link DEFAULT_SLUG_MAX_LENGTH}. */
  maxLength?: number;
}

/**
 * Makes a URL slug from a title.
 *
 * NFC; removes invisible controls, harakat and tatweel (they make slugs
 * impossible to type again); lower-cases Latin; keeps Arabic letters, hamza
 * forms and Arabic-Indic digits as typed; turns every run of spaces,
 * punctuation and symbols (، ؛ ؟ ۔ « » emoji / ? # % & = + …) into one "-";
 * trims "-" at both ends; cuts to `maxLength` code points, on a "-" when one
 * lies in the second half of the allowed length. Returns '' when nothing is left.
 *
 * @example slugify('وزيرُ الخارجيـــة: «القمة» ناجحة!') // 'وزير-الخارجية-القمة-ناجحة'
 * @example slugify('قمة G20 في Rabat ٢٠٢٦') // 'قمة-g20-في-rabat-٢٠٢٦'
 */
export function slugify(title: string, options: SlugOptions = {}): string {
  const maxLength = checkedMaxLength(options.maxLength ?? DEFAULT_SLUG_MAX_LENGTH);
  // NFC before stripping marks, so that ا + U+0654 becomes أ (kept) rather than ا;
  // NFC again after, because removing an invisible between a letter and its accent
  // leaves a decomposed pair (and slugify must be idempotent).
  let s = title.normalize('NFC');
  s = stripInvisibles(s);
  s = stripArabicMarks(s);
  s = s.toLowerCase().normalize('NFC');
  s = s.replace(ORPHAN_MARKS, '');
  s = s.replace(SEPARATOR_RUN, '-');
  s = trimDashes(s);
  return truncate(s, maxLength);
}

/**
 * Whether a string is a slug that {@link slugify} could have produced:
 * non-empty, within `maxLength` code points and unchanged by slugify.
 *
 * @example isValidSlug('وزير-الخارجية') // true
 * @example isValidSlug('Rabat--2026') // false (upper case, double dash)
 */
export function isValidSlug(slug: string, options: SlugOptions = {}): boolean {
  const maxLength = checkedMaxLength(options.maxLength ?? DEFAULT_SLUG_MAX_LENGTH);
  return slug !== '' && codePointLength(slug) <= maxLength && slugify(slug, { maxLength }) === slug;
}

/**
 * Returns `base` if it is free, else the first free of `base-2`, `base-3`, …
 * When a suffix would push the slug over {@link DEFAULT_SLUG_MAX_LENGTH}, the
 * base is shortened to make room, so the result is always a valid slug.
 * Probing is sequential on purpose: `taken` usually queries the store, and
 * the lowest free number is the expected result.
 *
 * @throws RangeError if `base` is empty (fall back to an id instead).
 * @example await uniqueSlug('قمة-الرباط', (s) => s === 'قمة-الرباط') // 'قمة-الرباط-2'
 */
export async function uniqueSlug(
  base: string,
  taken: (candidate: string) => boolean | Promise<boolean>,
): Promise<string> {
  if (base === '') throw new RangeError('uniqueSlug: empty base slug');
  // A bound so that a `taken` that always answers true fails loudly instead of looping forever.
  const maxAttempts = 100_000;
  for (let n = 1; n <= maxAttempts; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const room = DEFAULT_SLUG_MAX_LENGTH - suffix.length;
    const stem = codePointLength(base) > room ? truncate(base, room) : base;
    const candidate = stem + suffix;
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`uniqueSlug: no free slug for "${base}" after ${maxAttempts} attempts`);
}

function checkedMaxLength(maxLength: number): number {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`slug maxLength must be a positive integer, got ${maxLength}`);
  }
  return maxLength;
}

/** Without a regex: `/-+$/` rescans a long run of dashes from every dash (quadratic). */
function trimDashes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '-') start++;
  while (end > start && s[end - 1] === '-') end--;
  return s.slice(start, end);
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Cuts to `max` code points, preferring the last "-" if it keeps at least half. */
function truncate(slug: string, max: number): string {
  const chars = Array.from(slug);
  if (chars.length <= max) return slug;
  // A "-" right after the cut means the cut already falls between words.
  if (chars[max] === '-') return trimDashes(chars.slice(0, max).join(''));
  const head = chars.slice(0, max);
  const lastDash = head.lastIndexOf('-');
  const cut = lastDash >= Math.ceil(max / 2) ? lastDash : max;
  // Never leave a combining mark without its base, nor a base cut from its mark mid-cluster.
  let end = cut;
  while (end > 0 && /\p{M}/u.test(chars[end] ?? '')) end--;
  return trimDashes(chars.slice(0, end).join(''));
}
