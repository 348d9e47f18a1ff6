/**
 * Direction of a block of text, decided the way a reader of an Arabic site expects rather than by
 * the browser's first-strong-character rule alone (which makes «Microsoft أعلنت … 2026.» a
 * left-to-right paragraph and puts its full stop on the wrong side — WordPress's bug).
 */
export type BlockDir = 'auto' | 'rtl' | 'ltr';

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/u;
const STRONG = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFFA-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/u;

/** The direction of the first strong letter: what `dir="auto"` alone gives in a browser. */
export function firstStrongDirection(text: string): 'rtl' | 'ltr' | null {
  const match = STRONG.exec(text);
  if (!match) return null;
  return RTL_LETTER.test(match[0]) ? 'rtl' : 'ltr';
}

/**
 * The direction a block's words ask for: right-to-left when at least half of the words that hold
 * letters are Arabic (or Hebrew) words, left-to-right otherwise; null without any letter.
 *
 * @example wordDirection('Microsoft أعلنت اليوم عن نتائجها في 2026.') // 'rtl'
 * @example wordDirection('Le ministre عبد اللطيف a déclaré hier.')   // 'ltr'
 */
export function wordDirection(text: string): 'rtl' | 'ltr' | null {
  let rtl = 0;
  let ltr = 0;
  for (const word of text.split(/\s+/u)) {
    const dir = firstStrongDirection(word);
    if (dir === 'rtl') rtl += 1;
    else if (dir === 'ltr') ltr += 1;
  }
  if (rtl === 0 && ltr === 0) return null;
  return rtl >= ltr ? 'rtl' : 'ltr';
}

/**
 * The `dir` attribute to put on a block: a manual choice as is; for `auto`, `"auto"` where the
 * browser's own rule lands on the direction the words ask for (the block keeps adapting), the
 * words' direction explicitly where it would not.
 */
export function renderedDir(dir: BlockDir, text: string): BlockDir {
  if (dir !== 'auto') return dir;
  const wanted = wordDirection(text);
  if (wanted === null) return 'auto';
  return firstStrongDirection(text) === wanted ? 'auto' : wanted;
}

export function isBlockDir(value: unknown): value is BlockDir {
  return value === 'auto' || value === 'rtl' || value === 'ltr';
}
