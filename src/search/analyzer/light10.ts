/**
 * Lucene's Arabic analysis, re-implemented as the evaluation's baseline (c):
 * ArabicNormalizer (org.apache.lucene.analysis.ar.ArabicNormalizer) and
 * ArabicStemmer, the "light10" stemmer of Larkey, Ballesteros and Connell
 * (2007) that Elasticsearch and OpenSearch ship as the `arabic` analyzer.
 * Checked against Lucene's own test vectors (test/unit/search/light10.test.ts).
 * Not used by the product: it strips the root و of وزير (→ زير).
 */

const ALEF = '\u0627';
const ALEF_MADDA = '\u0622';
const ALEF_HAMZA_ABOVE = '\u0623';
const ALEF_HAMZA_BELOW = '\u0625';
const DOTLESS_YEH = '\u0649';
const TEH_MARBUTA = '\u0629';
const HEH = '\u0647';
const YEH = '\u064A';
/** Tatweel, the tanweens, fatha, damma, kasra, shadda, sukun: deleted by Lucene. */
const DELETED = new Set(['\u0640', '\u064B', '\u064C', '\u064D', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652']);

/**
 * Lucene's ArabicNormalizer: أ إ آ → ا, ى → ي, ة → ه; removes tatweel and harakat.
 * Nothing else (no digits, no alef wasla, no Persian letters, no NFKC).
 *
 * @example luceneNormalize('أحمد') // 'احمد'
 */
export function luceneNormalize(word: string): string {
  let out = '';
  for (const ch of word) {
    if (ch === ALEF_MADDA || ch === ALEF_HAMZA_ABOVE || ch === ALEF_HAMZA_BELOW) out += ALEF;
    else if (ch === DOTLESS_YEH) out += YEH;
    else if (ch === TEH_MARBUTA) out += HEH;
    else if (!DELETED.has(ch)) out += ch;
  }
  return out;
}

/** Prefixes in Lucene's order: ال وال بال كال فال لل و. */
const PREFIXES = ['\u0627\u0644', '\u0648\u0627\u0644', '\u0628\u0627\u0644', '\u0643\u0627\u0644', '\u0641\u0627\u0644', '\u0644\u0644', '\u0648'];
/** Suffixes in Lucene's order: ها ان ات ون ين يه ية ه ة ي (each tried once, in turn). */
const SUFFIXES = ['\u0647\u0627', '\u0627\u0646', '\u0627\u062A', '\u0648\u0646', '\u064A\u0646', '\u064A\u0647', '\u064A\u0629', '\u0647', '\u0629', '\u064A'];

function startsWithCheckLength(s: string, prefix: string): boolean {
  if (prefix.length === 1 && s.length < 4) return false; // و needs 3 letters left
  if (s.length < prefix.length + 2) return false; // other prefixes need 2
  return s.startsWith(prefix);
}

function endsWithCheckLength(s: string, suffix: string): boolean {
  if (s.length < suffix.length + 2) return false;
  return s.endsWith(suffix);
}

/**
 * Lucene's ArabicStemmer (light10): removes the first matching prefix, then
 * tries every suffix once in order, removing each that matches.
 * Works on UTF-16 code units as Lucene does (all Arabic letters are one unit).
 *
 * @example light10Stem('والحسن') // 'حسن'
 * @example light10Stem('وزير') // 'زير' (the failure our analyzer avoids)
 */
export function light10Stem(word: string): string {
  let s = word;
  for (const p of PREFIXES) {
    if (startsWithCheckLength(s, p)) {
      s = s.slice(p.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (endsWithCheckLength(s, suffix)) s = s.slice(0, -suffix.length);
  }
  return s;
}

export interface Light10Options {
  /** Words removed before normalization (Lucene's default is its own Arabic list; we pass ours). */
  stopwords?: ReadonlySet<string>;
  /** Words left unstemmed (Lucene's stemExclusionSet). */
  stemExclusion?: ReadonlySet<string>;
}

const TOKEN = /[\p{L}\p{N}\p{M}\u0640]+/gu;

/**
 * Lucene's ArabicAnalyzer chain: tokenize, lower-case, decimal digits to
 * ASCII, stop words, ArabicNormalizer, ArabicStemmer. Tokenization is
 * Unicode word runs rather than the StandardTokenizer (same on news text).
 *
 * @example light10Analyze('الكتاب ١٢٣٤') // ['كتاب', '1234']
 */
export function light10Analyze(text: string, options: Light10Options = {}): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0].toLowerCase().replace(/\p{Nd}/gu, (d) => {
      const code = d.codePointAt(0) ?? 48;
      // Decimal digits come in blocks of ten starting at a code point ending in 0.
      for (const zero of [0x30, 0x660, 0x6f0, 0x966, 0xff10]) if (code >= zero && code < zero + 10) return String(code - zero);
      return d;
    });
    if (options.stopwords?.has(token) || options.stopwords?.has(luceneNormalize(token))) continue;
    const normalized = luceneNormalize(token);
    if (normalized === '') continue;
    out.push(options.stemExclusion?.has(token) ? normalized : light10Stem(normalized));
  }
  return out;
}
