import { describe, expect, it } from 'vitest';
import * as text from '../../../src/domain/text/index.js';

describe('src/domain/text/index', () => {
  it('re-exports the public API', () => {
    const names = [
      'normalizeForMatch',
      'foldArabicLetters',
      'foldDigits',
      'foldLatin',
      'stripArabicMarks',
      'stripInvisibles',
      'collapseElongation',
      'slugify',
      'uniqueSlug',
      'isValidSlug',
      'countWords',
      'readingMinutes',
      'createDateFormatter',
      'formatDateView',
      'splitBidiRuns',
      'hasArabic',
      'directionOf',
    ] as const;
    for (const name of names) expect(typeof text[name], name).toBe('function');
    expect(text.DEFAULT_SLUG_MAX_LENGTH).toBe(200);
    expect(text.ARABIC_WORDS_PER_MINUTE).toBe(180);
  });
});
