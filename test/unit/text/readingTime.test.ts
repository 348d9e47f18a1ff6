import { describe, expect, it } from 'vitest';
import { ARABIC_WORDS_PER_MINUTE, countWords, readingMinutes } from '../../../src/domain/text/readingTime.js';

const SENTENCE = 'أعلنت وزارة الصحة اليوم عن حملة وطنية للتلقيح تشمل جميع الجهات'; // 11 words
const arabicWords = (n: number): string => {
  const words = SENTENCE.split(' ');
  return Array.from({ length: n }, (_, i) => words[i % words.length]).join(' ');
};

describe('countWords', () => {
  it('counts Arabic and Latin words alike', () => {
    expect(countWords(SENTENCE)).toBe(11);
    expect(countWords('قال Emmanuel Macron إن 2026 سنة مهمة.')).toBe(7);
  });

  it('ignores tags, comments, scripts, styles and entities', () => {
    const html =
      '<p class="lead">قال <b>الوزير</b></p><!-- كلمة مخفية --><script>var a = 1; var b = 2;</script>' +
      '<style>p { color: red }</style><p>أمس&nbsp;&amp;&#160;اليوم</p>';
    expect(countWords(html)).toBe(4);
  });

  it('does not count punctuation alone', () => {
    expect(countWords('خبر — ، ؟ «» ...')).toBe(1);
  });
});

describe('readingMinutes', () => {
  it('reads at 180 words per minute', () => {
    expect(ARABIC_WORDS_PER_MINUTE).toBe(180);
  });

  it('gives 2 minutes for 360 Arabic words', () => {
    expect(readingMinutes(arabicWords(360))).toBe(2);
  });

  it('strips HTML before counting', () => {
    const html = arabicWords(360)
      .split(' ')
      .map((w) => `<span class="w">${w}</span>`)
      .join('\n');
    expect(readingMinutes(`<article>${html}</article>`)).toBe(2);
  });

  it('rounds to the nearest minute', () => {
    expect(readingMinutes(arabicWords(449))).toBe(2);
    expect(readingMinutes(arabicWords(450))).toBe(3);
    expect(readingMinutes(arabicWords(1800))).toBe(10);
  });

  it('never says less than 1 minute', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('<p></p>')).toBe(1);
    expect(readingMinutes(arabicWords(20))).toBe(1);
  });
});
