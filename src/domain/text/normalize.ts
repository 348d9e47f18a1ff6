/**
 * Normalization of Arabic (and Latin) text for matching and search.
 *
 * Display text is never altered: these functions produce a *key* to compare
 * and index, derived from what the editor typed. The letter folding follows
 * Lucene's ArabicNormalizationFilter (what Elasticsearch/OpenSearch users
 * expect), plus a few deliberate extras listed on {@link normalizeForMatch}.
 */

/**
 * Bidi controls (LRM, RLM, ALM, embeddings/overrides, isolates) and
 * zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM).
 * They are invisible, so two strings that look identical must not differ by them;
 * CMS copy-paste from Word and social media is full of them.
 */
const INVISIBLES = /[\u200B-\u200F\u061C\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/**
 * Harakat (U+064B–U+0652), maddah/hamza above/below marks (U+0653–U+0655),
 * superscript alef (U+0670), Quranic annotation marks (U+0610–U+061A,
 * U+06D6–U+06ED) and tatweel (U+0640). Writers use them inconsistently
 * (وزارةُ vs وزارة), so they carry no meaning for matching.
 */
const ARABIC_MARKS = /[\u0610-\u061A\u0640\u064B-\u0655\u0670\u06D6-\u06ED]/g;

/** Letter variants that readers treat as the same letter when searching. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ alef with madda → ا
  '\u0623': '\u0627', // أ alef with hamza above → ا
  '\u0625': '\u0627', // إ alef with hamza below → ا
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0649': '\u064A', // ى alef maksura → ي (often typed for final ي in Egypt and the Maghreb)
  '\u0629': '\u0647', // ة teh marbuta → ه (often typed without dots)
  '\u06CC': '\u064A', // ی Farsi yeh → ي (Persian keyboards)
  '\u06A9': '\u0643', // ک keheh → ك (Persian keyboards)
};
const LETTERS_TO_FOLD = /[\u0622\u0623\u0625\u0671\u0649\u0629\u06CC\u06A9]/g;

/** Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic (U+06F0–U+06F9) digits. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** A run of Latin letters with any combining marks that follow them. */
const LATIN_RUN = /(?:\p{Script=Latin}\p{M}*)+/gu;
const COMBINING_DIACRITICS = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;

/**
 * Removes bidi controls and zero-width characters.
 *
 * @example stripInvisibles('\u200Fقال\u200B') // 'قال'
 */
export function stripInvisibles(text: string): string {
  return text.replace(INVISIBLES, '');
}

/**
 * Removes harakat, superscript alef, hamza/madda marks, Quranic marks and tatweel.
 *
 * @example stripArabicMarks('وزارةُ مـــرحبا') // 'وزارة مرحبا'
 */
export function stripArabicMarks(text: string): string {
  return text.replace(ARABIC_MARKS, '');
}

/**
 * Folds Arabic letter variants: أ إ آ ٱ → ا, ى → ي, ة → ه, ی → ي, ک → ك.
 * Hamza on waw/yeh (ؤ ئ) and the lone hamza (ء) are kept, as Lucene does:
 * they distinguish words (سئل / سيل).
 *
 * @example foldArabicLetters('إلى المدرسة') // 'الي المدرسه'
 */
export function foldArabicLetters(text: string): string {
  return text.replace(LETTERS_TO_FOLD, (ch) => LETTER_FOLDS[ch] ?? ch);
}

/**
 * Maps Arabic-Indic and Extended Arabic-Indic digits to ASCII 0–9, so that
 * "٢٠٢٦" and "2026" match (Moroccan sites use 2026, Egyptian ones ٢٠٢٦).
 *
 * @example foldDigits('عام ٢٠٢٦') // 'عام 2026'
 */
export function foldDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * Lower-cases and strips accents from Latin letters only (é → e, Ç → c).
 * NFD is applied to Latin runs alone: decomposing Arabic would split
 * آ أ إ ؤ ئ into letter + combining mark and lose the hamza we keep on ؤ ئ.
 *
 * @example foldLatin('Émile ÇA') // 'emile ca'
 */
export function foldLatin(text: string): string {
  return text
    .toLowerCase()
    .replace(LATIN_RUN, (run) => run.normalize('NFD').replace(COMBINING_DIACRITICS, '').normalize('NFC'));
}

/**
 * The form of a text used for matching and search (never for display).
 *
 * Steps, in order: NFKC (presentation forms and ligatures → base letters,
 * e.g. ﻻ → لا); remove bidi controls and zero-width characters; remove
 * harakat, Quranic marks and tatweel; fold letter variants
 * ({@link foldArabicLetters}); fold Arabic-Indic digits to ASCII; lower-case
 * and strip accents from Latin; collapse whitespace and trim.
 *
 * Compared with Lucene's ArabicNormalizationFilter this also does NFKC,
 * alef wasla, Persian yeh/keheh, digits, superscript alef and Quranic marks,
 * invisible characters, Latin case/accents and whitespace.
 *
 * @example normalizeForMatch('وزارةُ  الداخليّة') // 'وزاره الداخليه'
 * @example normalizeForMatch('أحمد ٢٠٢٦ Émile') // 'احمد 2026 emile'
 */
export function normalizeForMatch(text: string): string {
  // NFKC first: it composes ا + U+0654 into أ (then folded) and و + U+0654 into ؤ (kept),
  // so decomposed and precomposed input give the same key.
  let s = text.normalize('NFKC');
  s = stripInvisibles(s);
  s = stripArabicMarks(s);
  s = foldArabicLetters(s);
  s = foldDigits(s);
  s = foldLatin(s);
  return s.replace(/\s+/gu, ' ').trim();
}

/**
 * Reduces a run of 3 or more of the same Arabic letter to one letter
 * ("راااائع" → "رائع"). Standard spelling never repeats a letter three times
 * (a doubled consonant is written once with shadda), so such runs are emphasis.
 * Runs of two are left alone: they are legitimate (e.g. "ممنوع").
 * Not part of {@link normalizeForMatch}; meant for comment filters, which
 * should apply it after normalizeForMatch so that marks between repeats are gone.
 *
 * @example collapseElongation('راااائع جدااا') // 'رائع جدا'
 */
export function collapseElongation(text: string): string {
  return text.replace(/((?=\p{L})\p{Script=Arabic})\1{2,}/gu, '$1');
}
