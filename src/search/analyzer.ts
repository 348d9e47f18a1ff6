/**
 * The Arabic search analyzer: one implementation used at index time and at
 * query time on both stores (DESIGN §6, issue #6, decision 006).
 *
 * Index time: each word is indexed as its normalized surface form plus every
 * form with a proclitic or the article removed (والوزارة → والوزاره, وزاره,
 * الوزاره). Query time: each word is reduced to the base the archive's
 * vocabulary supports, then expanded to the inflections and table variants the
 * vocabulary knows; the expansions form one OR group. So وزارة / الوزارة /
 * وزاره / وزارةُ / بالوزارة / والوزارة all search the group {وزاره, وزارات, …},
 * وزير stays وزير (never زير) and وزارة never becomes زار.
 */
import { chooseBase, inflectionsOf, prefixStrippings, stripArticle } from './analyzer/affixes.js';
import { spellingVariants } from './analyzer/spelling.js';
import { isStopword } from './analyzer/stopwords.js';
import { isArabicWord, isNumber, tokenize, wordRuns } from './analyzer/tokenize.js';
import { createVariantTable } from './analyzer/variantTable.js';

/** Normalized surface words the index has seen, with document frequency (vocabulary guard). */
export interface Vocabulary {
  frequency(word: string): number; // 0 when unseen
}

export interface IndexableDocument {
  title: string;
  lede: string;
  tags: readonly string[];
  body: string;
} // plain text

export interface AnalyzedDocument {
  /** Space-separated index terms per field (only letters/digits in terms: safe for FTS5/tsvector). */
  fields: { title: string; lede: string; tags: string; body: string };
  /** Normalized surface words of title, lede, body in order, space-separated (exact phrases, not stemmed). */
  surface: string;
  /** Distinct normalized surface words (what the vocabulary table counts). */
  words: string[];
}

export interface QueryPlan {
  /** Required query words: each a group of alternative index terms (OR inside a group, AND across groups). */
  groups: string[][];
  /** Exact phrases as sequences of normalized surface words. */
  phrases: string[][];
  /** Excluded words, each as alternative index terms. */
  exclude: string[][];
  /** Words dropped (stopwords, too short), to tell the reader. */
  ignored: string[];
  /** The normalized query with its words, for "did you mean" and logs. */
  normalized: string;
}

export interface AnalyzerOptions {
  /** Extra variant groups from site settings, e.g. [["مغربي","مغاربة"]]. */
  variants?: readonly (readonly string[])[];
}

export interface Analyzer {
  analyzeDocument(doc: IndexableDocument): AnalyzedDocument;
  planQuery(query: string, vocabulary: Vocabulary): QueryPlan;
  /** [start, end) offsets in `text` (the original, unnormalized text) of words that match the plan: for highlighted snippets. */
  matchSpans(text: string, plan: QueryPlan): Array<[number, number]>;
}

/** At most this many required words (and as many exclusions) per query: bounds query cost. */
export const MAX_QUERY_GROUPS = 16;
/** At most this many alternative index terms per word. */
export const MAX_GROUP_TERMS = 32;
/** At most this many quoted phrases per query, each of at most MAX_QUERY_GROUPS words. */
export const MAX_PHRASES = 4;
/** Queries are cut to this many characters before parsing. */
export const MAX_QUERY_LENGTH = 2000;

/** The index terms of one normalized word: itself plus its prefix strippings (Arabic). */
export function indexTermsOf(word: string): string[] {
  if (!isArabicWord(word) || isStopword(word)) return [word];
  return [word, ...prefixStrippings(word)];
}

/** Quotation marks readers type, all treated as ". */
const QUOTES = /[“”„«»‟″＂]/g;
/** Leading minus signs that mark an exclusion. */
const MINUS = /^[-−–‐]+/u;

interface QueryParts {
  words: string[];
  phrases: string[][];
  excluded: string[];
}

/** Splits a raw query into words, quoted phrases and -excluded words (never throws). */
function parseQuery(query: string): QueryParts {
  const text = String(query ?? '').slice(0, MAX_QUERY_LENGTH).replace(QUOTES, '"');
  const parts: QueryParts = { words: [], phrases: [], excluded: [] };
  const pieces = text.split('"');
  // Odd pieces are inside quotes; an unbalanced last quote leaves plain words.
  const balanced = pieces.length % 2 === 1;
  pieces.forEach((piece, i) => {
    const quoted = i % 2 === 1 && (balanced || i < pieces.length - 1);
    if (quoted) {
      const words = tokenize(piece).slice(0, MAX_QUERY_GROUPS);
      if (words.length > 0 && parts.phrases.length < MAX_PHRASES) parts.phrases.push(words);
      return;
    }
    for (const chunk of piece.split(/\s+/u)) {
      const minus = MINUS.exec(chunk);
      const words = tokenize(minus ? chunk.slice(minus[0].length) : chunk);
      (minus ? parts.excluded : parts.words).push(...words);
    }
  });
  return parts;
}

/** A word too short to search alone: one letter (digits are kept: "5"). */
function tooShort(word: string): boolean {
  return word.length < 2 && !isNumber(word);
}

/** Words remembered by one analyzer before its memo is cleared (bounded memory). */
const WORD_MEMO_LIMIT = 200_000;

interface WordInfo {
  /** Index terms: the word and its prefix strippings. */
  terms: readonly string[];
  /** The word without its article, when it has one (counted in the vocabulary). */
  bare: string | undefined;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const variants = createVariantTable(options.variants ?? []);
  // Words repeat heavily across articles (Zipf): analysing each distinct word once makes
  // indexing faster (measured ~0.2 ms per ANT article). Pure function of the word: never stale.
  const memo = new Map<string, WordInfo>();
  const wordInfo = (word: string): WordInfo => {
    let info = memo.get(word);
    if (info === undefined) {
      if (memo.size >= WORD_MEMO_LIMIT) memo.clear();
      info = { terms: indexTermsOf(word), bare: stripArticle(word) };
      memo.set(word, info);
    }
    return info;
  };

  // Highlighting normalizes every word of ten titles and passages per results page; the same
  // written words recur, so their normalized forms are kept (decision 023). Pure: never stale.
  const runMemo = new Map<string, string[]>();
  const tokenizeRun = (run: string): string[] => {
    let words = runMemo.get(run);
    if (words === undefined) {
      if (runMemo.size >= WORD_MEMO_LIMIT) runMemo.clear();
      words = tokenize(run);
      runMemo.set(run, words);
    }
    return words;
  };

  /** The alternative index terms of one query word, most useful first. */
  function expand(word: string, vocabulary: Vocabulary): string[] {
    const frequency = (w: string): number => {
      const f = vocabulary.frequency(w);
      return Number.isFinite(f) && f > 0 ? f : 0;
    };
    if (isNumber(word)) return [word];
    const base = isArabicWord(word) ? chooseBase(word, frequency) : word;
    const candidates = new Set<string>(isArabicWord(word) ? inflectionsOf(base, frequency) : [base]);
    if (!isArabicWord(word)) {
      if (word.length > 3 && word.endsWith('s')) candidates.add(word.slice(0, -1));
      candidates.add(`${word}s`);
    }
    for (const v of spellingVariants(base)) candidates.add(v);
    for (const v of [...variants.of(base), ...variants.of(word)]) {
      candidates.add(v);
      const bare = stripArticle(v);
      if (bare !== undefined) candidates.add(bare);
    }
    const known = [...candidates]
      .filter((t) => t !== base && t !== word && frequency(t) > 0)
      .sort((a, b) => frequency(b) - frequency(a) || (a < b ? -1 : 1));
    // The word as typed (الترجي) follows the base (ترجي): articles that have the
    // exact form match two terms of the group and rank above looser matches.
    const typed = word !== base ? [word] : [];
    return [base, ...typed, ...known].slice(0, MAX_GROUP_TERMS);
  }

  return {
    analyzeDocument(doc) {
      const fieldTerms = (words: readonly string[]): string => {
        const out: string[] = [];
        for (const w of words) for (const t of wordInfo(w).terms) out.push(t);
        return out.join(' ');
      };
      const title = tokenize(doc.title ?? '');
      const lede = tokenize(doc.lede ?? '');
      const tags = (doc.tags ?? []).flatMap((t) => tokenize(t));
      const body = tokenize(doc.body ?? '');
      const surface = [...title, ...lede, ...body];
      const words = new Set<string>();
      for (const w of surface) {
        words.add(w);
        const bare = wordInfo(w).bare;
        if (bare !== undefined) words.add(bare);
      }
      return {
        fields: { title: fieldTerms(title), lede: fieldTerms(lede), tags: fieldTerms(tags), body: fieldTerms(body) },
        surface: surface.join(' '),
        words: [...words],
      };
    },

    planQuery(query, vocabulary) {
      const parts = parseQuery(query);
      const ignored: string[] = [];
      const keep = (w: string): boolean => {
        if (isStopword(w) || tooShort(w)) {
          if (!ignored.includes(w) && ignored.length < MAX_QUERY_GROUPS) ignored.push(w);
          return false;
        }
        return true;
      };
      let words = parts.words.filter(keep);
      // A query of stopwords only is searched as typed rather than refused.
      if (words.length === 0 && parts.phrases.length === 0) {
        words = parts.words.filter((w) => !tooShort(w));
        if (words.length > 0) ignored.length = 0;
      }
      const groups: string[][] = [];
      const seen = new Set<string>();
      for (const w of words) {
        if (seen.has(w)) continue;
        seen.add(w);
        // Past the cap, words are reported as ignored without asking the vocabulary about them.
        if (groups.length >= MAX_QUERY_GROUPS) {
          if (ignored.length < MAX_QUERY_GROUPS) ignored.push(w);
          continue;
        }
        const group = expand(w, vocabulary);
        const key = group[0] ?? w;
        if (seen.has(`\u0000${key}`)) continue; // وزارة and الوزارة: one group
        seen.add(`\u0000${key}`);
        groups.push(group);
      }
      const exclude: string[][] = [];
      for (const w of new Set(parts.excluded.filter((x) => !isStopword(x) && !tooShort(x)))) {
        if (exclude.length >= MAX_QUERY_GROUPS) break;
        exclude.push(expand(w, vocabulary));
      }
      const normalized = [
        ...parts.phrases.map((p) => `"${p.join(' ')}"`),
        ...parts.words,
        ...parts.excluded.map((w) => `-${w}`),
      ].join(' ');
      return { groups, phrases: parts.phrases, exclude, ignored, normalized };
    },

    matchSpans(text, plan) {
      const wanted = new Set<string>([...plan.groups.flat(), ...plan.phrases.flat()]);
      if (wanted.size === 0) return [];
      const spans: Array<[number, number]> = [];
      for (const run of wordRuns(String(text ?? ''), tokenizeRun)) {
        if (run.words.some((w) => wordInfo(w).terms.some((t) => wanted.has(t)))) spans.push([run.start, run.end]);
      }
      return spans;
    },
  };
}
