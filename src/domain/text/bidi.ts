/**
 * Bidirectional-text helpers for mixing Latin words and numbers into Arabic.
 *
 * In a right-to-left paragraph the Unicode bidi algorithm lets neutral
 * characters next to a Latin phrase or number attach to the wrong side
 * ("قال Macron." can show the full stop inside the Latin phrase, "-5" shows as
 * "5-"). Wrapping each Latin/number run in `<bdi>` isolates it, so the
 * surrounding Arabic punctuation is laid out by the paragraph direction.
 */

export interface BidiRun {
  text: string;
  /** True for a Latin/number run that a view should wrap in `<bdi>`. */
  isolate: boolean;
}

const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;

/**
 * Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko,
 * Samaritan, Mandaic, Adlam, …) — the strong R/AL characters that matter here.
 */
const RTL_LETTER =
  /(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\p{Script=Avestan}]/u;

const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const LATIN_WORD_CHAR = '[\\p{Script=Latin}\\p{M}0-9]';

/**
 * Things to isolate, in priority order. Each alternative ends on a letter or
 * digit (or % / a closing URL char), so trailing punctuation stays outside.
 */
export const ISOLATE_TOKEN = new RegExp(
  [
    // URLs: up to the next space or quote, then trailing sentence punctuation is given back.
    `(?<url>(?:https?://|www\\.)[^\\s<>"«»]+)`,
    // E-mail addresses.
    `(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)`,
    // @handles and Latin #hashtags, not preceded by a Latin word character (so not inside an
    // address) but possibly by an Arabic prefix written solid: و@Khabar ("and @Khabar").
    `(?<tag>(?<![\\p{Script=Latin}0-9_])[@#][\\p{Script=Latin}0-9_]*\\p{Script=Latin}[\\p{Script=Latin}0-9_]*)`,
    // Latin words, allowing digits (G20, 5G) and inner ' ’ - . & (Macron's, COVID-19, Node.js, AT&T).
    `(?<word>[0-9]*\\p{Script=Latin}${LATIN_WORD_CHAR}*(?:['’\\-.&]${LATIN_WORD_CHAR}+)*)`,
    // Numbers with inner . , : / - ٫ ٬ (3.5, 1,000, 10:05, 15/09/2022, 2020-2026), an optional
    // trailing % or ٪, and a leading sign only where it cannot be a hyphen between words.
    `(?<number>(?:(?<![\\p{L}\\p{N}])[+\\u2212-])?${DIGIT}+(?:[.,:/\\-\\u066B\\u066C]${DIGIT}+)*[%\\u066A]?)`,
  ].join('|'),
  'gu',
);

/** Punctuation that ends a sentence or clause rather than a URL. */
const URL_TRAILING_PUNCTUATION = new Set([...'.,;:!?\'")]}،؛؟…']);

/** A loop, not `/[…]+$/`, which rescans a long run of punctuation from every mark (quadratic). */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && URL_TRAILING_PUNCTUATION.has(url[end - 1]!)) end--;
  return url.slice(0, end);
}

/** Only spaces (not line breaks) may join two Latin tokens into one run. */
const INNER_SPACE = /^[ \u00A0\u202F]+$/u;

/**
 * Splits text into runs; Latin words, numbers, URLs, e-mails, @handles and
 * Latin #hashtags get `isolate: true`. Latin words separated only by spaces
 * form one run ("Emmanuel Macron"), and a number following Latin words joins
 * them ("iPhone 15") as the bidi algorithm would; spaces and punctuation at
 * the edges stay outside. Text without Arabic letters is one non-isolated run;
 * '' gives no runs.
 *
 * @example splitBidiRuns('قال Emmanuel Macron.')
 * // [{ text: 'قال ', isolate: false }, { text: 'Emmanuel Macron', isolate: true }, { text: '.', isolate: false }]
 */
export function splitBidiRuns(text: string): BidiRun[] {
  if (text === '') return [];
  if (!hasArabic(text)) return [{ text, isolate: false }];

  // [start, end, startsLatin-or-contains-Latin] spans to isolate, merged across spaces.
  const spans: Array<{ start: number; end: number; latin: boolean }> = [];
  for (const m of text.matchAll(ISOLATE_TOKEN)) {
    const start = m.index;
    let value = m[0];
    const latin = m.groups?.['number'] === undefined;
    if (m.groups?.['url'] !== undefined) value = withoutTrailingPunctuation(value);
    const end = start + value.length;
    const prev = spans[spans.length - 1];
    if (prev && prev.latin && INNER_SPACE.test(text.slice(prev.end, start))) {
      prev.end = end;
    } else {
      spans.push({ start, end, latin });
    }
  }

  const runs: BidiRun[] = [];
  let pos = 0;
  for (const { start, end } of spans) {
    if (start > pos) runs.push({ text: text.slice(pos, start), isolate: false });
    runs.push({ text: text.slice(start, end), isolate: true });
    pos = end;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos), isolate: false });
  return runs;
}

/**
 * Whether the text contains at least one Arabic-script letter (digits and
 * punctuation alone do not make a text Arabic).
 *
 * @example hasArabic('قمة G20') // true
 * @example hasArabic('٢٠٢٦') // false
 */
export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/**
 * Direction from the first strong character, as `dir="auto"` decides it:
 * a right-to-left letter gives 'rtl', any other letter 'ltr', none 'neutral'.
 * Text inside bidi isolates (LRI/RLI/FSI … PDI) is skipped, as the bidi algorithm does.
 *
 * @example directionOf('2026 قمة G20') // 'rtl'
 * @example directionOf('G20 قمة') // 'ltr'
 * @example directionOf('2026 — !') // 'neutral'
 */
export function directionOf(text: string): 'rtl' | 'ltr' | 'neutral' {
  let isolateDepth = 0;
  for (const ch of text) {
    if (ch === '\u2066' || ch === '\u2067' || ch === '\u2068') {
      isolateDepth++;
    } else if (ch === '\u2069') {
      if (isolateDepth > 0) isolateDepth--;
    } else if (isolateDepth === 0) {
      if (RTL_LETTER.test(ch)) return 'rtl';
      if (/\p{L}/u.test(ch)) return 'ltr';
    }
  }
  return 'neutral';
}
