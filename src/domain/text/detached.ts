/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a substring of
 * 13 characters or more (a regex match, a parser's text slice) as a pointer into its parent, so a
 * short string kept for long — a map key, an id — keeps the whole parent alive: a 1 MB chunk of
 * an import file, an article body. Concatenating makes a flat new string; slicing it keeps only
 * that copy. Use it where small strings are kept for the length of a long loop.
 *
 * @example counts.set(detached(word), 1) // the map no longer pins the article the word came from
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}
