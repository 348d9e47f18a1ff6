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
import { detached } from '../domain/text/detached.js';
import { CHUNK_SEPARATOR, isArabicWord, isNumber, tokenize, wordRuns } from './analyzer/tokenize.js';
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
  /** Distinct words (and raw chunks) remembered before the memos are cleared (default 200,000). */
  memoLimit?: number;
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

/** Words (and raw chunks) remembered by one analyzer before its memos are cleared (bounded memory). */
const WORD_MEMO_LIMIT = 200_000;
/** Raw chunks longer than this are tokenized each time, not remembered (a URL, a run without spaces). */
const CHUNK_MEMO_MAX_LENGTH = 64;

interface WordInfo {
  /** The normalized word. */
  word: string;
  /** Index terms: the word and its prefix strippings. */
  terms: readonly string[];
  /** `terms` joined by spaces, as a field's text has them. */
  termText: string;
  /** The word without its article, when it has one (counted in the vocabulary). */
  bare: string | undefined;
  /** The memo entry of `bare` (its own stamp deduplicates it), filled on first use. */
  bareInfo: WordInfo | undefined | null;
  /** The last document (analyzer-local number) whose distinct words include this word. */
  stamp: number;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const variants = createVariantTable(options.variants ?? []);
  const memoLimit = Math.max(1, options.memoLimit ?? WORD_MEMO_LIMIT);
  // Words repeat heavily across articles (Zipf): analysing each distinct word once makes
  // indexing faster (measured ~0.2 ms per ANT article). Pure function of the word: never stale.
  const memo = new Map<string, WordInfo>();
  const wordInfo = (word: string): WordInfo => {
    let info = memo.get(word);
    if (info === undefined) {
      const terms = indexTermsOf(word);
      const key = detached(word);
      info = { word: key, terms, termText: terms.join(' '), bare: stripArticle(word), bareInfo: null, stamp: 0 };
      memo.set(key, info);
    }
    return info;
  };
  // Raw chunks (text between whitespace, punctuation attached) repeat as much as words: each is
  // normalized and tokenized once (decision 027). Same words as tokenizing the whole text: see
  // CHUNK_SEPARATOR.
  const chunkMemo = new Map<string, readonly WordInfo[]>();
  const chunkInfos = (chunk: string): readonly WordInfo[] => {
    if (chunk.length > CHUNK_MEMO_MAX_LENGTH) return tokenize(chunk).map(wordInfo);
    let infos = chunkMemo.get(chunk);
    if (infos === undefined) {
      infos = tokenize(chunk).map(wordInfo);
      chunkMemo.set(detached(chunk), infos);
    }
    return infos;
  };
  // Cleared together, between documents only: a document's distinct words are deduplicated by
  // the stamp on their memo entries, which must stay the same objects for the whole document.
  const boundMemos = (): void => {
    if (memo.size >= memoLimit || chunkMemo.size >= memoLimit) {
      memo.clear();
      chunkMemo.clear();
    }
  };
  let documents = 0;

  // Highlighting normalizes every word of ten titles and passages per results page; the same
  // written words recur, so their normalized forms are kept (decision 023). Pure: never stale.
  const runMemo = new Map<string, string[]>();
  const tokenizeRun = (run: string): string[] => {
    let words = runMemo.get(run);
    if (words === undefined) {
      if (runMemo.size >= memoLimit) runMemo.clear();
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
      boundMemos();
      const stamp = ++documents;
      const surface: string[] = [];
      const words: string[] = [];
      // The distinct surface words in order of first use, each followed by its article-less form.
      const count = (info: WordInfo): void => {
        if (info.stamp !== stamp) {
          info.stamp = stamp;
          words.push(info.word);
        }
        if (info.bare === undefined) return;
        const bare = info.bareInfo ?? (info.bareInfo = wordInfo(info.bare));
        if (bare.stamp !== stamp) {
          bare.stamp = stamp;
          words.push(bare.word);
        }
      };
      const terms = (text: string, out: string[], onSurface: boolean): void => {
        for (const chunk of text.split(CHUNK_SEPARATOR)) {
          if (chunk === '') continue;
          for (const info of chunkInfos(chunk)) {
            out.push(info.termText);
            if (onSurface) {
              surface.push(info.word);
              count(info);
            }
          }
        }
      };
      const field = (text: string, onSurface: boolean): string => {
        const out: string[] = [];
        terms(text, out, onSurface);
        return out.join(' ');
      };
      const title = field(doc.title ?? '', true);
      const lede = field(doc.lede ?? '', true);
      const tagTerms: string[] = [];
      for (const tag of doc.tags ?? []) terms(tag, tagTerms, false);
      const body = field(doc.body ?? '', true);
      return { fields: { title, lede, tags: tagTerms.join(' '), body }, surface: surface.join(' '), words };
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
      boundMemos();
      for (const run of wordRuns(String(text ?? ''), tokenizeRun)) {
        if (run.words.some((w) => wordInfo(w).terms.some((t) => wanted.has(t)))) spans.push([run.start, run.end]);
      }
      return spans;
    },
  };
}
