/** Hamza seats and the letters a hamza is often written on or dropped for. */
const HAMZA_FORMS = ['ء', 'ؤ', 'ئ'];
const SEATS = ['ا', 'و', 'ي'];

/**
 * Spellings of a normalized word (normalizeForMatch: أ إ آ → ا, ى → ي, ة → ه) that differ from it
 * only by one hamza, a taa marbuta or an alef maqsura — the slips the normalizer does not already
 * fold: ؤ/ئ/ء for each other or for their seat (مسئول → مسؤول), a final ه written ت
 * (وزارت → وزاره), a final ي for ا and back (مستشفا → مستشفي), a final hamza dropped or added.
 *
 * @example spellingVariants('مسئول').includes('مسؤول') // true
 */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  const chars = [...word];
  if (chars.length < 2 || chars.length > 40) return [];
  chars.forEach((c, i) => {
    const replace = (r: string) => out.add([...chars.slice(0, i), r, ...chars.slice(i + 1)].join(''));
    if (HAMZA_FORMS.includes(c)) {
      for (const r of [...HAMZA_FORMS, ...SEATS]) if (r !== c) replace(r);
    } else if (SEATS.includes(c) && i > 0) {
      for (const r of HAMZA_FORMS) replace(r);
    }
  });
  const last = chars[chars.length - 1]!;
  const stem = chars.slice(0, -1).join('');
  if (last === 'ت') out.add(`${stem}ه`);
  if (last === 'ه') out.add(`${stem}ت`);
  if (last === 'ي') out.add(`${stem}ا`);
  if (last === 'ا') {
    out.add(`${stem}ي`);
    out.add(`${word}ء`);
  }
  if (last === 'ء') out.add(stem);
  out.delete(word);
  return [...out];
}
