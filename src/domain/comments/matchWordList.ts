import { collapseElongation, normalizeForMatch } from '../text/normalize.js';

/** The matching form of a text for word lists: normalized, elongation collapsed. */
export function listKey(text: string): string {
  return collapseElongation(normalizeForMatch(text));
}

/**
 * A rough consonant skeleton shared by Arabic script and Arabizi (Latin letters and digits used for
 * Arabic: 3 = ع, 7 = ح, 5 = خ, 9 = ق, 2 = ء …), so "حمار", "7mar" and "hmar" meet. Vowels, long
 * vowels and hamza carry little in either spelling and are dropped.
 */
const ARABIC_SKELETON: Readonly<Record<string, string>> = {
  'ب': 'b', 'ت': 't', 'ط': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'ه': 'h', 'خ': 'x', 'د': 'd', 'ض': 'd', 'ذ': 'd',
  'ر': 'r', 'ز': 'z', 'ظ': 'z', 'س': 's', 'ص': 's', 'ش': 'c', 'ع': '3', 'غ': 'g', 'ف': 'f', 'ق': 'q', 'ك': 'k',
  'ل': 'l', 'م': 'm', 'ن': 'n', 'پ': 'b', 'ڤ': 'f', 'گ': 'g', 'ڭ': 'g',
};
const LATIN_DIGRAPHS: ReadonlyArray<[RegExp, string]> = [
  [/sh|ch/g, 'c'],
  [/kh|7'/g, 'x'],
  [/gh|3'/g, 'g'],
  [/th|dh/g, 't'],
];
const LATIN_SKELETON: Readonly<Record<string, string>> = {
  b: 'b', p: 'b', t: 't', 6: 't', j: 'j', g: 'g', 8: 'g', h: 'h', 7: 'h', 5: 'x', x: 'x', d: 'd', r: 'r', z: 'z',
  s: 's', c: 'k', 3: '3', f: 'f', v: 'f', q: 'q', 9: 'q', k: 'k', l: 'l', m: 'm', n: 'n',
};

export function skeletonOf(word: string): string {
  const key = listKey(word);
  if (/\p{Script=Arabic}/u.test(key)) return [...key].map((ch) => ARABIC_SKELETON[ch] ?? '').join('');
  let latin = key;
  for (const [pattern, replacement] of LATIN_DIGRAPHS) latin = latin.replace(pattern, replacement);
  return [...latin].map((ch) => LATIN_SKELETON[ch] ?? '').join('').replace(/(.)\1+/g, '$1');
}

/** A word list compiled once: Arabic keys matched inside words (prefixes: و، ال، ب…), Arabizi tokens by skeleton. */
export interface CompiledWordList {
  /** The listed word found in `text`, or null. */
  find(text: string): string | null;
  /** `find` for a text whose `listKey` is already computed (one normalization for several lists). */
  findInKey(key: string): string | null;
}

/**
 * Compiles a disallowed- or moderation-word list. Matching is insensitive to harakat, hamza forms,
 * tatweel, elongation ("راااائع"), Latin case and accents; Latin-script tokens of the text (Arabizi)
 * also match a listed word with the same consonant skeleton (3+ consonants, to avoid accidents).
 *
 * @example compileWordList(['غبي']).find('يا غبـــيّ') // 'غبي'
 * @example compileWordList(['حمار']).find('ya 7mar') // 'حمار'
 */
export function compileWordList(words: readonly string[]): CompiledWordList {
  const entries = words
    .map((word) => ({ word, key: listKey(word), skeleton: skeletonOf(word) }))
    .filter((e) => e.key.length > 0);
  const skeletons = new Map<string, string>();
  for (const e of entries) if (e.skeleton.length >= 3) skeletons.set(e.skeleton, e.word);
  const findInKey = (key: string): string | null => {
    if (entries.length === 0) return null;
    const tokens = key.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
    const tokenSet = new Set(tokens);
    for (const e of entries) {
      // Arabic words of 3+ letters also inside words (و، ال، ب… prefixes, suffixes); Latin words and
      // short words only as whole tokens (or as a whole phrase when the entry has spaces).
      const inside = e.key.length >= 3 && /\p{Script=Arabic}/u.test(e.key);
      if (inside || e.key.includes(' ') ? key.includes(e.key) : tokenSet.has(e.key)) return e.word;
    }
    if (skeletons.size > 0) {
      for (const token of tokens) {
        if (!/[a-z0-9]/.test(token) || /\p{Script=Arabic}/u.test(token)) continue;
        const hit = skeletons.get(skeletonOf(token));
        if (hit) return hit;
      }
    }
    return null;
  };
  return {
    find: (text) => (entries.length === 0 ? null : findInKey(listKey(text))),
    findInKey,
  };
}
