/**
 * Spelling variants of a normalized Arabic word that normalization leaves
 * apart on purpose (decision 001 keeps ؤ and ئ) but readers type both ways:
 * ئ ↔ ي (قائد / قايد, لاجئين / لاجيين: the hamza seat dropped in quick typing), ؤ ↔ و (مسؤول / مسوول),
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
  // A medial ي may be a ئ written without its hamza: قايد → قائد, لاجيين → لاجئين.
  for (let i = 1; i < word.length - 1; i += 1) {
    if (word[i] === 'ي') out.add(`${word.slice(0, i)}ئ${word.slice(i + 1)}`);
  }
  out.delete(word);
  return [...out];
}
