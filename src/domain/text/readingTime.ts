/**
 * Estimated reading time of an article.
 */

/**
 * Words per minute for Arabic news prose. Lower than the ~230–250 wpm usually
 * quoted for English because one written Arabic word often packs a conjunction,
 * preposition, article and pronoun (وبكتابهم = "and with their book"), so there
 * are fewer, denser words per sentence; multilingual reading studies (e.g. IReST,
 * Trauzettel-Klosinski & Dietz 2012) measure Arabic among the slowest languages in
 * words per minute. 180 is a common middle value for adult silent reading, and is
 * also used for the Latin words mixed into Arabic articles.
 */
export const ARABIC_WORDS_PER_MINUTE = 180;

/** Elements whose content is never read. */
const NON_TEXT_ELEMENTS = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const TAGS = /<[^<>]*>/g;
const ENTITIES = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;
/** A word is a whitespace-separated chunk containing at least one letter or digit. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Counts words in plain text or HTML (tags, comments, scripts and styles are
 * ignored; entities count as spaces). Arabic and Latin words count alike.
 *
 * @example countWords('<p>قال Emmanuel Macron</p>') // 3
 */
export function countWords(textOrHtml: string): number {
  const text = textOrHtml
    .replace(COMMENTS, ' ')
    .replace(NON_TEXT_ELEMENTS, ' ')
    .replace(TAGS, ' ')
    .replace(ENTITIES, ' ');
  // Split, then test each chunk: a single regex for "chunk with a letter" backtracks quadratically.
  return text.split(/\s+/u).filter((chunk) => LETTER_OR_DIGIT.test(chunk)).length;
}

/**
 * Reading time in whole minutes (rounded, at least 1) at
 * {@link ARABIC_WORDS_PER_MINUTE}.
 *
 * @example readingMinutes('<p>' + 'كلمة '.repeat(360) + '</p>') // 2
 * @example readingMinutes('') // 1
 */
export function readingMinutes(textOrHtml: string): number {
  return Math.max(1, Math.round(countWords(textOrHtml) / ARABIC_WORDS_PER_MINUTE));
}
