/**
 * Tokenization for search: splits text into words of letters and digits after
 * {@link normalizeForMatch} (Arabic folded, Latin lower-cased and accent-free,
 * Arabic-Indic digits folded), and finds word runs in the original text with
 * their offsets, for highlighting.
 */
import { normalizeForMatch } from '../../domain/text/normalize.js';

/** A word of the normalized text: letters or digits only (safe as an FTS5/tsvector term). */
const NORMALIZED_WORD = /[\p{L}\p{N}]+/gu;

/**
 * A word as written in the original text: letters, digits, combining marks
 * (harakat), tatweel and the invisible characters that normalization removes.
 */
const ORIGINAL_WORD = /[\p{L}\p{N}\p{M}\u0640\u200B-\u200F\u061C\u202A-\u202E\u2060\u2066-\u2069\uFEFF]+/gu;

/**
 * The normalized words of `text`, in order.
 *
 * @example tokenize('وزارةُ الصحّة، Émile ٢٠٢٦') // ['وزاره', 'الصحه', 'emile', '2026']
 */
export function tokenize(text: string): string[] {
  return foldExtraLetters(normalizeForMatch(text)).match(NORMALIZED_WORD) ?? [];
}

/**
 * What separates chunks of raw text that normalize independently: JavaScript's `\s` without U+FEFF
 * (an invisible character normalization removes, so it may sit inside a word). NFKC never composes
 * across a whitespace character (it is a starter that no composition starts with), never turns one
 * into anything but whitespace, and whitespace is not case-ignorable (Greek final sigma), so
 * `tokenize(a + ' ' + b)` is `[...tokenize(a), ...tokenize(b)]`: each chunk can be tokenized once
 * and remembered (the analyzer does, decision 027).
 */
export const CHUNK_SEPARATOR = /[\t-\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;

/** A run of word characters in the original text with its [start, end) offsets. */
export interface WordRun {
  start: number;
  end: number;
  /** The normalized words of the run (usually one). */
  words: string[];
}

/**
 * The word runs of the original (unnormalized) text, each with its normalized words
 * (`tokenizeRun`: {@link tokenize}, or a memo of it).
 *
 * @example wordRuns('في الوزارةُ')[1] // { start: 3, end: 11, words: ['الوزاره'] }
 */
export function wordRuns(text: string, tokenizeRun: (run: string) => string[] = tokenize): WordRun[] {
  const runs: WordRun[] = [];
  for (const m of text.matchAll(ORIGINAL_WORD)) {
    const words = tokenizeRun(m[0]);
    if (words.length > 0) runs.push({ start: m.index, end: m.index + m[0].length, words });
  }
  return runs;
}

/** True when the word is written in Arabic letters (it starts with one). */
export function isArabicWord(word: string): boolean {
  return /^\p{Script=Arabic}/u.test(word);
}

/** True when the word is only digits. */
export function isNumber(word: string): boolean {
  return /^\p{N}+$/u.test(word);
}

/**
 * Letters of the Maghrebi and Persian Arabic alphabets folded to the standard
 * letter readers type instead: ڨ (Tunisian/Algerian g) → ق, ڭ گ (Moroccan g) → ك,
 * ڤ (v) → ف, پ → ب, چ → ج, ژ → ز. Search-only: display text keeps them.
 */
const EXTRA_LETTERS: Readonly<Record<string, string>> = {
  '\u06A8': '\u0642', '\u06AD': '\u0643', '\u06AF': '\u0643', '\u06A4': '\u0641',
  '\u067E': '\u0628', '\u0686': '\u062C', '\u0698': '\u0632',
};
const EXTRA_LETTER = /[\u06A8\u06AD\u06AF\u06A4\u067E\u0686\u0698]/g;

/** Folds the Maghrebi/Persian letters of {@link EXTRA_LETTERS}; identity on other text. */
export function foldExtraLetters(word: string): string {
  return word.replace(EXTRA_LETTER, (ch) => EXTRA_LETTERS[ch] ?? ch);
}
