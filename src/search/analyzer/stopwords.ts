/**
 * Arabic stopwords for search, in normalized form (ة→ه, ى→ي, أ/إ/آ→ا).
 *
 * Written for Khabar (decision 006): function words of Modern Standard Arabic
 * news prose (prepositions, conjunctions, pronouns, demonstratives, relatives,
 * particles, auxiliaries) and the most frequent Tunisian/Maghrebi function
 * words, checked against the most frequent words of the JawharaFM corpus.
 * Informed by Lucene's Arabic stopword list (J. Savoy) and the
 * mohataher/arabic-stop-words list; no list was copied.
 * Each word is also listed with the conjunctions و and ف attached (وفي, فان…).
 */
import { normalizeForMatch } from '../../domain/text/normalize.js';

const BASE = [
  // prepositions
  'في', 'من', 'الي', 'علي', 'عن', 'مع', 'الا', 'حتي', 'منذ', 'مذ', 'لدي', 'لدن', 'عند', 'نحو', 'خلال',
  'ضمن', 'بين', 'لدي', 'حول', 'دون', 'سوي', 'عبر', 'تجاه', 'لكي', 'كي', 'به', 'بها', 'بهم', 'له', 'لها',
  'لهم', 'لهن', 'لنا', 'لي', 'لك', 'لكم', 'فيه', 'فيها', 'فيهم', 'منه', 'منها', 'منهم', 'عليه', 'عليها',
  'عليهم', 'اليه', 'اليها', 'اليهم', 'عنه', 'عنها', 'عنهم', 'معه', 'معها', 'معهم', 'بعد', 'قبل', 'عندما',
  'فوق', 'تحت', 'امام', 'وراء', 'لدي', 'ازاء',
  // conjunctions and particles
  'او', 'ثم', 'بل', 'لكن', 'لكنه', 'لكنها', 'ولكن', 'اما', 'اذا', 'اذ', 'ان', 'انه', 'انها', 'انهم',
  'لان', 'لانه', 'كان', 'كانت', 'كانوا', 'يكون', 'تكون', 'يكونوا', 'قد', 'لقد', 'ما', 'لا', 'لم', 'لن',
  'ليس', 'ليست', 'هل', 'سوف', 'كما', 'كذلك', 'ايضا', 'حيث', 'لو', 'لولا', 'كل', 'بعض', 'غير', 'اي',
  'ايه', 'اية', 'مثل', 'وفق', 'وفقا', 'اثر', 'عدم', 'تم', 'يتم', 'تتم', 'فقط', 'جدا', 'هناك', 'هنا',
  'ذاك', 'حين', 'بينما', 'مما', 'ممن', 'عما', 'فيما', 'كلما', 'انما', 'اللا', 'الا', 'ضد', 'لدي',
  // pronouns and demonstratives
  'هو', 'هي', 'هم', 'هن', 'هما', 'انا', 'نحن', 'انت', 'انتم', 'انتما', 'هذا', 'هذه', 'هذان', 'هاتان',
  'هذين', 'هاتين', 'هؤلاء', 'ذلك', 'تلك', 'اولئك', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللذان',
  'اللتان', 'اللاتي', 'اللواتي', 'نفس', 'ذات', 'عدة',
  // Tunisian / Maghrebi function words common in quotes and dialect pieces
  'باش', 'اللي', 'كيف', 'برشا', 'ماهو', 'فما', 'هاذا', 'هاذي', 'هكا', 'توا', 'علاش',
];

function withConjunctions(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const word of words) {
    const w = normalizeForMatch(word);
    out.add(w);
    out.add(`و${w}`);
    out.add(`ف${w}`);
  }
  return out;
}

/** The stopwords (normalized forms), with و/ف-prefixed forms. */
export const ARABIC_STOPWORDS: ReadonlySet<string> = withConjunctions(BASE);

/** A few Latin function words (French, English) that appear in mixed queries. */
export const LATIN_STOPWORDS: ReadonlySet<string> = new Set([
  'le', 'la', 'les', 'de', 'des', 'du', 'et', 'en', 'un', 'une', 'au', 'aux', 'the', 'of', 'and', 'in',
  'a', 'an', 'to', 'on', 'for',
]);

/** True for a word (normalized) that search ignores. */
export function isStopword(word: string): boolean {
  return ARABIC_STOPWORDS.has(word) || LATIN_STOPWORDS.has(word);
}
