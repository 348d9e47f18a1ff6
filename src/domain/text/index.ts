/**
 * Arabic-first text handling: normalization for matching, slugs, reading
 * time, dates and bidi runs. Pure functions, no I/O.
 */

export {
  collapseElongation,
  foldArabicLetters,
  foldDigits,
  foldLatin,
  normalizeForMatch,
  stripArabicMarks,
  stripInvisibles,
} from './normalize.js';
export { DEFAULT_SLUG_MAX_LENGTH, isValidSlug, slugify, uniqueSlug } from './slug.js';
export type { SlugOptions } from './slug.js';
export { ARABIC_WORDS_PER_MINUTE, countWords, readingMinutes } from './readingTime.js';
export { createDateFormatter, formatDateView } from './dates.js';
export type { DateFormatter, DateFormatterOptions } from './dates.js';
export { directionOf, hasArabic, splitBidiRuns } from './bidi.js';
export type { BidiRun } from './bidi.js';
