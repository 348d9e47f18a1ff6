/**
 * Spelling variants of a normalized Arabic word that normalization leaves
 * apart on purpose (decision 001 keeps ؤ and ئ) but readers type both ways:
 * ئ ↔ ي (قائد / قايد, the Tunisian and Egyptian habit), ؤ ↔ و (مسؤول / مسوول),
 * ئ ↔ ؤ (مسئول / مسؤول). Callers keep only variants the vocabulary knows.
 *
 * @example spellingVariants('قائد') // ['قايد']
 */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  if (word.includes('ئ')) {
    out.add(word.replaceAll('ئ', 'ي'));
    out.add(word.replaceAll('ئ', 'ؤ'));
  }
  if (word.includes('ؤ')) {
    out.add(word.replaceAll('ؤ', 'و'));
    out.add(word.replaceAll('ؤ', 'ئ'));
  }
  // A medial ي after an alef may be a ئ written without its hamza: قايد → قائد.
  for (let i = 1; i < word.length - 1; i += 1) {
    if (word[i] === 'ي' && word[i - 1] === 'ا') out.add(`${word.slice(0, i)}ئ${word.slice(i + 1)}`);
  }
  out.delete(word);
  return [...out];
}
